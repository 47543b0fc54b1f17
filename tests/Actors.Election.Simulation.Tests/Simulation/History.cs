using System.Text;
using Akka.Cluster;

namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>What happened to a message on the simulated network.</summary>
internal enum WireOp
{
    Sent,
    Delivered,
    Dropped,
}

/// <summary>One line of a run's history, in the one total order of the run (<see cref="Seq"/>) and in virtual time.</summary>
internal abstract record Entry(long Seq, TimeSpan At)
{
    /// <summary>The line as reports and the replay comparison show it (no wall-clock values).</summary>
    public abstract string Describe();

    public sealed override string ToString() => $"{At.TotalMilliseconds,9:0.###}ms #{Seq,-6} {Describe()}";
}

/// <summary>A scheduled fault, a membership change the harness told, or another harness action.</summary>
internal sealed record FaultEntry(long Seq, TimeSpan At, string Text) : Entry(Seq, At)
{
    public override string Describe() => $"FAULT  {Text}";
}

/// <summary>A node's full state after a change of status, master or session (from <c>WatchElectionState</c>).</summary>
internal sealed record StateEntry(long Seq, TimeSpan At, Incarnation Node, ElectionState State) : Entry(Seq, At)
{
    public override string Describe() =>
        $"STATE  {Node}: {State.Status} session={State.Session} master={Sim.Name(State.Master)} clock={State.Clock} electorate={State.ElectorateVersion}[{State.Electorate.Count}]";
}

/// <summary>An <see cref="IElectionEvent"/> a node published to its subscriber.</summary>
internal sealed record EventEntry(long Seq, TimeSpan At, Incarnation Node, IElectionEvent Event) : Entry(Seq, At)
{
    public override string Describe() => $"EVENT  {Node}: {Sim.Describe(Event)}";
}

/// <summary>A message on the network: sent by a node, delivered to one, or dropped (and why).</summary>
internal sealed record WireEntry(long Seq, TimeSpan At, WireOp Op, Incarnation? From, UniqueAddress FromNode, Incarnation To, ElectionMessage Message, string? Note)
    : Entry(Seq, At)
{
    public override string Describe() =>
        $"{Op.ToString().ToUpperInvariant(),-6} {Sim.Name(FromNode)} -> {To}: {Message.Kind} s={Message.ProposedSession} {Message.Status} clock={Message.Clock} " +
        $"vote={Sim.Name(Message.VoteFor)} master={Sim.Name(Message.Master)} cand={(Message.Candidate ? 1 : 0)} forced={(Message.Forced ? 1 : 0)} " +
        $"granted={(Message.Granted ? 1 : 0)} el={Message.Electorate.Version}[{Message.Electorate.Members.Count}]{(Note is null ? "" : " (" + Note + ")")}";
}

/// <summary>An error logged by the ActorSystem (a safety violation the library noticed itself, or a crash).</summary>
internal sealed record LogEntry(long Seq, TimeSpan At, string Text) : Entry(Seq, At)
{
    public override string Describe() => $"ERROR  {Text}";
}

/// <summary>A log line of a node below error level (recorded only when the system logs at that level: investigations).</summary>
internal sealed record NoteEntry(long Seq, TimeSpan At, string Text) : Entry(Seq, At)
{
    public override string Describe() => $"LOG    {Text}";
}

/// <summary>A run's history: every entry in the run's one total order (everything runs on the test thread).</summary>
internal sealed class History
{
    private readonly Func<TimeSpan> _now;
    private long _seq;

    public History(Func<TimeSpan> now) => _now = now;

    public List<Entry> Entries { get; } = new();

    /// <summary>When false, only what the checker needs is kept (no sends/deliveries of non-vote messages).</summary>
    public bool Full { get; init; } = true;

    public TimeSpan Now => _now();

    public long NextSeq => _seq;

    public void Fault(string text) => Entries.Add(new FaultEntry(_seq++, _now(), text));

    public void State(Incarnation node, ElectionState state) => Entries.Add(new StateEntry(_seq++, _now(), node, state));

    public void Event(Incarnation node, IElectionEvent e) => Entries.Add(new EventEntry(_seq++, _now(), node, e));

    public void Wire(WireOp op, Incarnation? from, UniqueAddress fromNode, Incarnation to, ElectionMessage m, string? note = null)
    {
        // The checker reads campaign and announcement messages and the votes campaigning nodes reply with; everything else
        // is only for the report and the replay test.
        if (!Full && m.Kind is not (ElectionMessageKind.Campaign or ElectionMessageKind.Announce) && m.VoteFor is null) { _seq++; return; }
        Entries.Add(new WireEntry(_seq++, _now(), op, from, fromNode, to, m, note));
    }

    public void Log(string text) => Entries.Add(new LogEntry(_seq++, _now(), text));

    public void Note(string text) => Entries.Add(new NoteEntry(_seq++, _now(), text));

    /// <summary>The lines of the history from <paramref name="fromSeq"/> to <paramref name="toSeq"/> (bounded by <paramref name="max"/> lines).</summary>
    public string Around(long seq, int before = 60, int after = 15)
    {
        var index = Entries.FindIndex(e => e.Seq >= seq);
        if (index < 0) index = Entries.Count - 1;
        var sb = new StringBuilder();
        for (var i = Math.Max(0, index - before); i <= Math.Min(Entries.Count - 1, index + after); i++)
            sb.Append(i == index ? ">> " : "   ").AppendLine(Entries[i].ToString());
        return sb.ToString();
    }

    public IEnumerable<string> Lines() => Entries.Select(e => e.ToString());
}

/// <summary>Small formatting helpers shared by the simulation.</summary>
internal static class Sim
{
    /// <summary>A node as <c>n3#1234</c> (host and uid), short enough for history lines.</summary>
    public static string Name(UniqueAddress? node) => node is null ? "-" : $"{node.Address.Host}#{node.Uid}";

    public static string Describe(IElectionEvent e) => e switch
    {
        NewMaster m => $"NewMaster({Name(m.Master)}, {m.Session})",
        MasterLost m => $"MasterLost({Name(m.Master)}, {m.Session})",
        SplitBrainDetected s => $"SplitBrainDetected({string.Join(", ", s.Masters.Select(n => Name(n)))})",
        _ => e.ToString() ?? e.GetType().Name,
    };
}
