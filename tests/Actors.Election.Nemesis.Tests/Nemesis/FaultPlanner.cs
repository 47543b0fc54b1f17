namespace Actors.Election.Nemesis.Tests.Nemesis;

/// <summary>One fault to inject: what, and for how long. Targets and parameters are drawn when it is applied.</summary>
internal sealed record PlannedFault(int Id, FaultKind Kind, TimeSpan Duration);

/// <summary>
/// The nemesis's schedule, drawn from a seeded generator: which fault comes next and how long it lasts. Durations come
/// in three bands around the nodes' timing: blips shorter than failure detection (they must trigger nothing), faults
/// long enough for a failover, and faults longer than the split brain resolver's stable-after (nodes get downed).
/// </summary>
internal sealed class FaultPlanner(Random random, IReadOnlyCollection<FaultKind>? only = null)
{
    /// <summary>How often each kind comes up (relative weights).</summary>
    public static readonly IReadOnlyDictionary<FaultKind, int> Weights = new Dictionary<FaultKind, int>
    {
        [FaultKind.PartitionHalves] = 10,
        [FaultKind.PartitionIsolate] = 8,
        [FaultKind.PartitionOneWay] = 8,
        [FaultKind.PartitionBridge] = 7,
        [FaultKind.PartitionRing] = 7,
        [FaultKind.Loss] = 9,
        [FaultKind.Delay] = 8,
        [FaultKind.Reorder] = 8,
        [FaultKind.Kill] = 13,
        [FaultKind.Pause] = 12,
        [FaultKind.Restart] = 10,
        [FaultKind.ClockOffset] = 6,
        [FaultKind.ClockJump] = 6,
    };

    private int _next;

    private readonly IReadOnlyList<KeyValuePair<FaultKind, int>> _weights = only is null
        ? Weights.ToList()
        : Weights.Where(w => only.Contains(w.Key)).ToList() is { Count: > 0 } chosen
            ? chosen
            : throw new ArgumentException($"none of the faults {string.Join(", ", only)} can be scheduled", nameof(only));

    /// <summary>The kinds a comma-separated list names (NEMESIS_FAULTS, build.ps1 -Faults), or null for all.</summary>
    public static IReadOnlyCollection<FaultKind>? Parse(string? list) =>
        string.IsNullOrWhiteSpace(list)
            ? null
            : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(k => Enum.Parse<FaultKind>(k, ignoreCase: true)).ToHashSet();

    public PlannedFault Next()
    {
        var total = _weights.Sum(w => w.Value);
        var pick = random.Next(total);
        var kind = _weights.First(w => (pick -= w.Value) < 0).Key;
        var band = random.NextDouble();
        var seconds = band switch
        {
            < 0.25 => 0.4 + 0.5 * random.NextDouble(), // a blip: below the detector's 1 s pause
            < 0.8 => 1.5 + 2.5 * random.NextDouble(), // a failover
            _ => 5.5 + 3.5 * random.NextDouble(), // past stable-after (5 s): downing
        };
        return new PlannedFault(++_next, kind, TimeSpan.FromSeconds(Math.Round(seconds, 1)));
    }
}
