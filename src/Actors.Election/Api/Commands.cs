using Akka.Actor;

namespace Actors.Election;

/// <summary>Asks the election actor for its <see cref="ElectionState"/>.</summary>
public sealed class GetElectionState : INoSerializationVerificationNeeded
{
    /// <summary>The one instance.</summary>
    public static readonly GetElectionState Instance = new();

    private GetElectionState() { }
}

/// <summary>
/// Asks a master to hand over: it publishes <see cref="SteppedDown"/>, opens the next session and sits it out,
/// so the next best node takes over in one round. Answered with <see cref="StepDownResult"/>.
/// </summary>
public sealed class StepDown : INoSerializationVerificationNeeded
{
    /// <summary>The one instance.</summary>
    public static readonly StepDown Instance = new();

    private StepDown() { }
}

/// <summary>The answer to <see cref="StepDown"/>.</summary>
/// <param name="SteppedDown">True when the node was master and handed over; false when it was not master.</param>
/// <param name="Session">The session it led (or the current session when it was not master).</param>
public sealed record StepDownResult(bool SteppedDown, long Session) : INoSerializationVerificationNeeded;

/// <summary>
/// The operator's override: alone in the electorate the node becomes master at once; with peers it opens a
/// session in which it ranks first (a safe promotion that still needs a quorum).
/// </summary>
public sealed class ForceMaster : INoSerializationVerificationNeeded
{
    /// <summary>The one instance.</summary>
    public static readonly ForceMaster Instance = new();

    private ForceMaster() { }
}

/// <summary>Adds <paramref name="Count"/> to the node's commands seen (a more up-to-date node wins seniority ties).</summary>
/// <param name="Count">How many commands to add; negative values are ignored with a warning.</param>
public sealed record RecordCommand(long Count = 1) : INoSerializationVerificationNeeded;

/// <summary>Subscribes <paramref name="Subscriber"/>: it gets an <see cref="ElectionState"/> snapshot, then every <see cref="IElectionEvent"/>.</summary>
/// <param name="Subscriber">Who receives the snapshot and the events; unsubscribed when it terminates.</param>
public sealed record SubscribeElection(IActorRef Subscriber) : INoSerializationVerificationNeeded;

/// <summary>Ends a <see cref="SubscribeElection"/>.</summary>
/// <param name="Subscriber">The subscriber to remove.</param>
public sealed record UnsubscribeElection(IActorRef Subscriber) : INoSerializationVerificationNeeded;

/// <summary>
/// Starts an ordinary election now (the seed's <c>start_election</c>): the node ranks as usual and goes through the
/// pre-vote, so it cannot unseat a live master. For clusters run with <c>auto-elect-on-peer-loss = off</c>, where the
/// operator decides when to elect. Ignored by a master and by a node that is not a member yet.
/// </summary>
public sealed class StartElection : INoSerializationVerificationNeeded
{
    /// <summary>The one instance.</summary>
    public static readonly StartElection Instance = new();

    private StartElection() { }
}

/// <summary>
/// The operator's way out when a majority of the electorate is gone for good (etcd's <c>--force-new-cluster</c>): the
/// node becomes master of a new session at once, with an electorate of the members it reaches. <b>Unsafe</b> if any
/// member left out still runs: it may elect a master of its own in the same session. Use it only when the lost members
/// are known to be stopped for good.
/// </summary>
public sealed class ForceNewElectorate : INoSerializationVerificationNeeded
{
    /// <summary>The one instance.</summary>
    public static readonly ForceNewElectorate Instance = new();

    private ForceNewElectorate() { }
}
