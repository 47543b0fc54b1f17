namespace Actors.Election;

/// <summary>
/// A node's seniority as it travels on the wire: the instant (UTC, whole milliseconds since the Unix
/// epoch) at which its election actor started. Every node ranks every candidate from the same numbers,
/// so clock skew can shift who looks older but can never make two nodes disagree (a defect of the seed,
/// which compared uptimes sampled at different moments).
/// </summary>
/// <param name="StartedAtUnixMs">When the node's election actor started, in ms since the Unix epoch (UTC).</param>
public readonly record struct Seniority(long StartedAtUnixMs) : IComparable<Seniority>
{
    /// <summary>The seniority of a node that started at <paramref name="instant"/>.</summary>
    public static Seniority StartedAt(DateTimeOffset instant) => new(instant.ToUnixTimeMilliseconds());

    /// <summary>The start instant as a <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset StartedAt() => DateTimeOffset.FromUnixTimeMilliseconds(StartedAtUnixMs);

    /// <summary>How long the node has been running at <paramref name="now"/> (zero if it claims to start later).</summary>
    public TimeSpan Age(DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        if (StartedAtUnixMs >= nowMs) return TimeSpan.Zero;
        // A start instant from a hostile or broken peer may lie centuries back: clamp rather than overflow.
        var age = (ulong)(nowMs - Math.Max(StartedAtUnixMs, nowMs - (long)TimeSpan.MaxValue.TotalMilliseconds + 1));
        return TimeSpan.FromMilliseconds(age);
    }

    /// <summary>Orders by age: an earlier start instant is the greater (more senior) value.</summary>
    public int CompareTo(Seniority other) => other.StartedAtUnixMs.CompareTo(StartedAtUnixMs);

    /// <inheritdoc />
    public override string ToString() =>
        StartedAtUnixMs >= MinUnixMs && StartedAtUnixMs <= MaxUnixMs ? StartedAt().ToString("O") : $"{StartedAtUnixMs}ms since the epoch";

    private static readonly long MinUnixMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxUnixMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
}
