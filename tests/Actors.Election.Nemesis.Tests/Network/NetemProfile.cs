using System.Globalization;

namespace Actors.Election.Nemesis.Tests.Network;

/// <summary>
/// What <see cref="PacketShaper"/> does to each packet, in tc netem's terms: lost with <see cref="Loss"/>; otherwise
/// sent at once with <see cref="Reorder"/> (so it overtakes the delayed ones), or held for <see cref="Delay"/> ±
/// <see cref="Jitter"/> (uniform). Jitter larger than the gap between packets reorders them too, as in netem.
/// </summary>
internal sealed record NetemProfile(TimeSpan Delay, TimeSpan Jitter, double Reorder, double Loss)
{
    public static NetemProfile LossOnly(double loss) => new(TimeSpan.Zero, TimeSpan.Zero, 0, loss);

    /// <summary>As <c>tc qdisc … netem</c> would be written.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Delay > TimeSpan.Zero || Jitter > TimeSpan.Zero)
            parts.Add(Jitter > TimeSpan.Zero ? $"delay {Delay.TotalMilliseconds:F0}ms {Jitter.TotalMilliseconds:F0}ms" : $"delay {Delay.TotalMilliseconds:F0}ms");
        if (Reorder > 0) parts.Add($"reorder {Percent(Reorder)}");
        if (Loss > 0) parts.Add($"loss {Percent(Loss)}");
        return parts.Count == 0 ? "none" : string.Join(' ', parts);
    }

    private static string Percent(double p) => (p * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

/// <summary>What a <see cref="PacketShaper"/> did while one profile was in force (measured, not configured).</summary>
/// <param name="Packets">Packets queued to it.</param>
/// <param name="Dropped">Packets it dropped.</param>
/// <param name="SentAtOnce">Packets it passed at once (reordered ahead, or no delay asked).</param>
/// <param name="Delayed">Packets it held.</param>
/// <param name="TotalDelay">The sum of the holds it applied.</param>
internal sealed record ShaperStats(long Packets, long Dropped, long SentAtOnce, long Delayed, TimeSpan TotalDelay)
{
    public static readonly ShaperStats Zero = new(0, 0, 0, 0, TimeSpan.Zero);

    public double LossRatio => Packets == 0 ? 0 : (double)Dropped / Packets;

    public TimeSpan MeanDelay => Delayed == 0 ? TimeSpan.Zero : TotalDelay / Delayed;

    public override string ToString() =>
        $"{Packets} packets, {Dropped} dropped ({LossRatio * 100:F1}%), {SentAtOnce} at once, {Delayed} delayed (mean {MeanDelay.TotalMilliseconds:F0} ms)";
}
