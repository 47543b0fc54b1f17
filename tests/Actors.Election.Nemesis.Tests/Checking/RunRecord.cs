using System.Globalization;
using Actors.Election.Demo.Recording;
using Actors.Election.Nemesis.Tests.Processes;

namespace Actors.Election.Nemesis.Tests.Checking;

/// <summary>One node process as the checker sees it: when it ran, when it was frozen, what it recorded.</summary>
/// <param name="Node">The node's index.</param>
/// <param name="Number">The incarnation (1 for the node's first process).</param>
/// <param name="Start">When the harness started it.</param>
/// <param name="End">When it ended (killed, exited) or the run's observation ended.</param>
/// <param name="Pauses">When it was frozen (SIGSTOP to SIGCONT).</param>
/// <param name="Records">Its history.</param>
internal sealed record Incarnation(int Node, int Number, DateTime Start, DateTime End, IReadOnlyList<(DateTime From, DateTime To)> Pauses,
    IReadOnlyList<HistoryRecord> Records)
{
    /// <summary>Its node id (<c>host:port#uid</c>), from its first record; null when it recorded nothing.</summary>
    public string? Id => Records.Count > 0 ? Records[0].Node : null;

    public RecordedSettings? Settings => Records.FirstOrDefault(r => r.Kind == HistoryKinds.Start)?.Settings;

    public string Name => $"n{Node.ToString(CultureInfo.InvariantCulture)}.{Number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Running and not frozen at <paramref name="at"/>.</summary>
    public bool ActiveAt(DateTime at) => at >= Start && at < End && !Pauses.Any(p => at >= p.From && at < p.To);

    /// <summary>Its last recorded state at or before <paramref name="at"/>, or null before its first one.</summary>
    public HistoryRecord? StateAt(DateTime at)
    {
        HistoryRecord? state = null;
        foreach (var r in Records)
        {
            if (r.At > at) break;
            if (r.Kind == HistoryKinds.State) state = r;
        }
        return state;
    }
}

/// <summary>One fault of the run, from the journal.</summary>
internal sealed record FaultSpan(int Id, string Kind, string Detail, DateTime Start, DateTime Heal, TimeSpan Planned, bool Silencing)
{
    public TimeSpan Duration => Heal - Start;
}

/// <summary>Everything a run left behind, loaded for the checker: the journal, every incarnation's history, the store.</summary>
internal sealed record RunRecord(
    int ClusterSize,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<Incarnation> Incarnations,
    IReadOnlyList<FaultSpan> Faults,
    IReadOnlyList<StoreWrite> Writes,
    DateTime NemesisStart,
    DateTime RunEnd)
{
    /// <summary>The settings the nodes ran with (as the first incarnation read them back).</summary>
    public RecordedSettings Settings =>
        Incarnations.Select(i => i.Settings).FirstOrDefault(s => s is not null)
        ?? throw new InvalidOperationException("no node recorded its settings (no history has a start record)");

    public static RunRecord Load(RunFolder folder, int clusterSize, IReadOnlyList<JournalEntry> journal)
    {
        var nemesisStart = journal.First(e => e.Kind == JournalKinds.NemesisStart).At;
        var runEnd = journal.Last(e => e.Kind == JournalKinds.RunEnd).At;
        var incarnations = new List<Incarnation>();
        foreach (var start in journal.Where(e => e.Kind == JournalKinds.ProcessStart))
        {
            bool Same(JournalEntry e) => e.Node == start.Node && e.Incarnation == start.Incarnation;
            var ends = journal.Where(e => Same(e) && e.Kind is JournalKinds.Kill or JournalKinds.ProcessExit).Select(e => e.At).Append(runEnd);
            var pauses = new List<(DateTime, DateTime)>();
            DateTime? pausedAt = null;
            foreach (var e in journal.Where(Same))
            {
                if (e.Kind == JournalKinds.Pause) pausedAt = e.At;
                if (e.Kind == JournalKinds.Resume && pausedAt is { } from)
                {
                    pauses.Add((from, e.At));
                    pausedAt = null;
                }
            }
            if (pausedAt is { } stillPaused) pauses.Add((stillPaused, DateTime.MaxValue));
            var file = Path.Combine(folder.NodesDirectory, $"n{start.Node!.Value.ToString(CultureInfo.InvariantCulture)}.{start.Incarnation!.Value.ToString(CultureInfo.InvariantCulture)}.jsonl");
            incarnations.Add(new Incarnation(start.Node.Value, start.Incarnation.Value, start.At, ends.Min(), pauses, HistoryFile.Read(file)));
        }
        var faults = new List<FaultSpan>();
        foreach (var start in journal.Where(e => e.Kind == JournalKinds.FaultStart))
        {
            var heal = journal.FirstOrDefault(e => e.Kind == JournalKinds.FaultHeal && e.FaultId == start.FaultId)?.At ?? runEnd;
            faults.Add(new FaultSpan(start.FaultId!.Value, start.Fault!, start.Detail ?? "", start.At, heal,
                TimeSpan.FromMilliseconds(start.DurationMs ?? 0), start.Silencing ?? false));
        }
        var writes = File.Exists(folder.StoreFile) ? FencedStore.ReadWrites(folder.StoreFile) : [];
        return new RunRecord(clusterSize, journal, incarnations, faults, writes, nemesisStart, runEnd);
    }
}
