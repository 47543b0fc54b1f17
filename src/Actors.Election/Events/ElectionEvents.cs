using Akka.Actor;
using System.Collections.Immutable;
using System.Text;
using Akka.Cluster;

namespace Actors.Election;

/// <summary>Marks every event the election publishes on the <c>EventStream</c> (and to subscribers).</summary>
public interface IElectionEvent : INoSerializationVerificationNeeded
{
}

/// <summary>This node opened, or joined, the campaign for <paramref name="Session"/>.</summary>
/// <param name="Session">The session being elected.</param>
public sealed record ElectionStarted(long Session) : IElectionEvent;

/// <summary>This node won <paramref name="Session"/> and is now master.</summary>
/// <param name="Session">The session it won.</param>
public sealed record ElectedMaster(long Session) : IElectionEvent;

/// <summary>
/// The master changed: published by every node (the new master included) when it learns of a master other
/// than the one it knew, and never for a mere re-announcement of the same master.
/// </summary>
/// <param name="Master">The new master.</param>
/// <param name="Session">The session it won; <c>(Session, Master)</c> is the fencing token.</param>
public sealed record NewMaster(UniqueAddress Master, long Session) : IElectionEvent
{
    /// <summary>
    /// The new master's fencing token <c>(Session, Master)</c> as one value, with a total order and text and binary
    /// forms a store can keep (see <see cref="FencingToken"/>).
    /// </summary>
    public FencingToken Token => new(Session, Master);

    // The record's printout (and so the event's log line) stays (Master, Session): Token only repeats them.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Master = ").Append(Master.ToShortId()).Append(", Session = ").Append(Session);
        return true;
    }
}

/// <summary>No master was elected in <paramref name="Session"/> within the election timeout; a new session follows.</summary>
/// <param name="Session">The session that failed.</param>
public sealed record ElectionTimedOut(long Session) : IElectionEvent;

/// <summary>Two masters were seen at once (for the same session this is a safety violation and is logged as an error).</summary>
/// <param name="Masters">The masters seen, in node order.</param>
public sealed record SplitBrainDetected(ImmutableArray<UniqueAddress> Masters) : IElectionEvent
{
    /// <inheritdoc />
    public override string ToString() => $"SplitBrainDetected({string.Join(", ", Masters.Select(m => m.ToShortId()))})";
}

/// <summary>This node stopped being master of <paramref name="Session"/>.</summary>
/// <param name="Session">The session it led.</param>
/// <param name="Reason">Why it stepped down.</param>
public sealed record SteppedDown(long Session, StepDownReason Reason) : IElectionEvent;

/// <summary>
/// The master this node followed is lost: silent for <c>failure-timeout</c>, removed from the cluster for
/// <c>connection-delay</c>, or its connection closed and a quorum no longer heard it either.
/// </summary>
/// <param name="Master">The lost master.</param>
/// <param name="Session">The session it led.</param>
public sealed record MasterLost(UniqueAddress Master, long Session) : IElectionEvent
{
    // The log line names the master by its short id, as every log line of the election does.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Master = ").Append(Master.ToShortId()).Append(", Session = ").Append(Session);
        return true;
    }
}

/// <summary>Why a master stepped down.</summary>
public enum StepDownReason
{
    /// <summary><c>StepDown</c> was asked for (an operator, or a graceful leave): a hand-over.</summary>
    Requested,

    /// <summary>In <c>majority</c> mode the master could not reach a majority for <c>connection-delay</c>.</summary>
    QuorumLost,

    /// <summary>A higher session was seen (another master was elected meanwhile, or a campaign it must join).</summary>
    HigherSession,

    /// <summary>Another master was seen and this one ranks lower.</summary>
    SplitBrain,
}
