using Actors.Election.Core;
using Akka.Cluster;

namespace Actors.Election.Explorer.Model;

/// <summary>One thing that can happen next in a world. <see cref="Describe"/> is the line a counterexample prints.</summary>
internal abstract record Choice
{
    public abstract string Describe(World w);
}

/// <summary>
/// What identifies a message in flight across replays of a shortened schedule (where sequence numbers and clocks shift):
/// its route and the protocol content that matters.
/// </summary>
internal sealed record MessageSig(int From, long To, ElectionMessageKind Kind, ElectionStatus Status, long Session, long VoteFor, long Master, bool Granted)
{
    public static MessageSig Of(Envelope e) =>
        new(e.From, e.To.Uid, e.Message.Kind, e.Message.Status, e.Message.ProposedSession, e.Message.VoteFor?.Uid ?? -1, e.Message.Master?.Uid ?? -1, e.Message.Granted);
}

/// <summary>A choice about one message in flight.</summary>
internal abstract record MessageChoice(long Seq, MessageSig Sig) : Choice
{
    protected string Route(World w, string verb) =>
        w.Find(this) is { } e ? $"{verb} {w.Name(e.From)} -> {w.Name(e.To)}: {World.Show(e.Message)}" : $"{verb} #{Seq} (gone)";
}

/// <summary>The network delivers one message in flight (in any order: it may reorder).</summary>
internal sealed record Deliver(long Seq, MessageSig Sig) : MessageChoice(Seq, Sig)
{
    public override string Describe(World w) => Route(w, "deliver");
}

/// <summary>The network loses one message.</summary>
internal sealed record Drop(long Seq, MessageSig Sig) : MessageChoice(Seq, Sig)
{
    public override string Describe(World w) => Route(w, "lose");
}

/// <summary>The network delivers one message twice (the copy stays in flight).</summary>
internal sealed record Duplicate(long Seq, MessageSig Sig) : MessageChoice(Seq, Sig)
{
    public override string Describe(World w) => Route(w, "deliver a duplicate of");
}

/// <summary>A timer of a node fires (any pending timer may fire first: timing is the adversary's).</summary>
internal sealed record Fire(int Slot, TimerKey Key) : Choice
{
    public override string Describe(World w) => $"{w.Name(Slot)}: timer {Key} fires";
}

/// <summary>Akka.Cluster tells a node that an incarnation joined, is leaving, or was removed (left or downed).</summary>
internal sealed record Tell(int Observer, UniqueAddress Subject, Told What, bool Downed) : Choice
{
    public override string Describe(World w) =>
        $"{w.Name(Observer)} is told {w.Name(Subject)} {(What switch { Told.Up => "is Up", Told.Leaving => "is leaving", _ => Downed ? "was downed" : "left" })}";
}

/// <summary>A node's failure detector changes its verdict about a member.</summary>
internal sealed record Detect(int Observer, UniqueAddress Subject, bool Unreachable) : Choice
{
    public override string Describe(World w) => $"{w.Name(Observer)} marks {w.Name(Subject)} {(Unreachable ? "unreachable" : "reachable")}";
}

/// <summary>A node's transport loses its connection to another node (Akka.Remote's disassociation).</summary>
internal sealed record Disconnect(int Observer, UniqueAddress Subject) : Choice
{
    public override string Describe(World w) => $"{w.Name(Observer)} loses its connection to {w.Name(Subject)}";
}

/// <summary>The link from one node to another is cut (one way) or healed.</summary>
internal sealed record Link(int From, int To, bool Cut) : Choice
{
    public override string Describe(World w) => $"{(Cut ? "cut" : "heal")} the link {w.Name(From)} -> {w.Name(To)}";
}

/// <summary>A node's process starts (its first incarnation, or a new one after a crash or an exit).</summary>
internal sealed record Start(int Slot) : Choice
{
    public override string Describe(World w) => $"{w.Name(Slot)} starts a new incarnation";
}

/// <summary>A node's process is killed.</summary>
internal sealed record Crash(int Slot) : Choice
{
    public override string Describe(World w) => $"{w.Name(Slot)} crashes";
}

/// <summary>A node starts leaving gracefully (a master hands over first, as the library's shutdown task does).</summary>
internal sealed record BeginLeave(int Slot) : Choice
{
    public override string Describe(World w) => $"{w.Name(Slot)} starts leaving";
}

/// <summary>A leaving node exits: its process stops.</summary>
internal sealed record Exit(int Slot) : Choice
{
    public override string Describe(World w) => $"{w.Name(Slot)} exits";
}

/// <summary>An operator command on a node.</summary>
internal sealed record Command(int Slot, object What) : Choice
{
    public override string Describe(World w) => $"{w.Name(Slot)}: operator calls {What.GetType().Name}";
}
