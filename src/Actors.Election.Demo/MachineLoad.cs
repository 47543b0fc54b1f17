using System.Globalization;

namespace Actors.Election.Demo;

/// <summary>
/// How busy the machine's CPUs were between two samples, from Linux's <c>/proc/stat</c> (every process counts, this one
/// and both clusters included): the benchmark records it around each failure, so a round measured on a saturated machine
/// says so. Elsewhere there is no sample, and no figure.
/// </summary>
internal readonly record struct MachineLoad(long Busy, long Total)
{
    private const string StatFile = "/proc/stat";

    /// <summary>The CPU time counters now, or null where <c>/proc/stat</c> is not there.</summary>
    public static MachineLoad? Sample()
    {
        try
        {
            using var reader = new StreamReader(StatFile);
            return reader.ReadLine() is { } line ? Parse(line) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first line of <c>/proc/stat</c> (<c>cpu user nice system idle iowait irq softirq steal …</c>, in clock ticks
    /// summed over the CPUs): busy is everything but idle and iowait. Null when the line is not one.
    /// </summary>
    public static MachineLoad? Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5 || fields[0] != "cpu") return null;
        var ticks = new List<long>();
        // Guest time (fields 9 and 10) is already counted in user and nice.
        foreach (var field in fields.Skip(1).Take(8))
        {
            if (!long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return null;
            ticks.Add(value);
        }
        var total = ticks.Sum();
        var idle = ticks[3] + (ticks.Count > 4 ? ticks[4] : 0);
        return new MachineLoad(total - idle, total);
    }

    /// <summary>The share of CPU time that was busy from <paramref name="from"/> to <paramref name="to"/>, in percent; null without both samples or time between them.</summary>
    public static double? BusyPercent(MachineLoad? from, MachineLoad? to) =>
        from is { } a && to is { } b && b.Total > a.Total ? 100.0 * (b.Busy - a.Busy) / (b.Total - a.Total) : null;
}
