using System.Text.Json;
using Actors.Election.Demo.Recording;

namespace Actors.Election.Nemesis.Tests.Processes;

/// <summary>
/// What the harness did, when (UTC): processes started, killed, paused, exited; faults started and healed. Kept in
/// memory for the checker and appended to <c>journal.jsonl</c> in the run's folder, so a run can be checked again
/// from its files.
/// </summary>
internal sealed class RunJournal : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<JournalEntry> _entries = new();
    private readonly StreamWriter? _file;

    public RunJournal(string? path)
    {
        if (path is not null) _file = new StreamWriter(path, append: false) { AutoFlush = true, NewLine = "\n" };
    }

    public IReadOnlyList<JournalEntry> Entries
    {
        get { lock (_lock) return _entries.ToList(); }
    }

    public JournalEntry Add(JournalEntry entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
            _file?.WriteLine(JsonSerializer.Serialize(entry, HistoryRecord.Json));
        }
        return entry;
    }

    public static IReadOnlyList<JournalEntry> Read(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<JournalEntry>(l, HistoryRecord.Json)!).ToList();

    public void Dispose()
    {
        lock (_lock) _file?.Dispose();
    }
}

/// <summary>The kinds of <see cref="JournalEntry"/>.</summary>
internal static class JournalKinds
{
    /// <summary>A node process (an incarnation) was started.</summary>
    public const string ProcessStart = "process-start";

    /// <summary>A node process ended (by itself or killed); <see cref="JournalEntry.ExitCode"/> says how.</summary>
    public const string ProcessExit = "process-exit";

    /// <summary>The harness sent SIGKILL (the process ends at once; its exit follows).</summary>
    public const string Kill = "kill";

    /// <summary>SIGSTOP: the process is frozen until <see cref="Resume"/>.</summary>
    public const string Pause = "pause";

    /// <summary>SIGCONT.</summary>
    public const string Resume = "resume";

    /// <summary>A fault is in force from now (<see cref="JournalEntry.FaultId"/>, <see cref="JournalEntry.Detail"/>).</summary>
    public const string FaultStart = "fault-start";

    /// <summary>The fault is healed: the network is whole, every process runs again.</summary>
    public const string FaultHeal = "fault-heal";

    /// <summary>The nemesis phase begins (the cluster has its first master).</summary>
    public const string NemesisStart = "nemesis-start";

    /// <summary>The run's observation ends (before the processes are stopped).</summary>
    public const string RunEnd = "run-end";

    /// <summary>A node's clock offset was set (<see cref="JournalEntry.OffsetMs"/>): its running process steps to it.</summary>
    public const string Clock = "clock";
}

/// <summary>One line of the <see cref="RunJournal"/>.</summary>
internal sealed record JournalEntry
{
    public required DateTime At { get; init; }

    public required string Kind { get; init; }

    /// <summary>The node's index (1, 2, …) for process entries.</summary>
    public int? Node { get; init; }

    /// <summary>The node's incarnation (1 for the first process of the node).</summary>
    public int? Incarnation { get; init; }

    public int? Pid { get; init; }

    public int? ExitCode { get; init; }

    public int? FaultId { get; init; }

    /// <summary>The fault's kind (<see cref="Nemesis.FaultKind"/>) for fault entries.</summary>
    public string? Fault { get; init; }

    /// <summary>How long the fault was meant to last (ms).</summary>
    public long? DurationMs { get; init; }

    /// <summary>Whether the fault silenced links (dropped packets), for the recovery bound.</summary>
    public bool? Silencing { get; init; }

    /// <summary>Clock entries, and process starts: the node's clock offset (ms) from then on.</summary>
    public long? OffsetMs { get; init; }

    public string? Detail { get; init; }
}
