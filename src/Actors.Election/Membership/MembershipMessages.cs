using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election.Membership;

/// <summary>
/// Membership as the election actor sees it. The cluster-backed actor derives these messages from
/// Akka.Cluster's events; tests and simulations send them directly, with peers that are plain actors.
/// </summary>
public interface IMembershipMessage
{
}

/// <summary>
/// <paramref name="Node"/> is an electorate member (Up or Leaving, with the configured role), reachable through
/// <paramref name="Peer"/>. Sent for this node itself too: a node takes part only once it is a member.
/// </summary>
/// <param name="Node">The member.</param>
/// <param name="Peer">Where its election actor is (an actor, a selection, or a test probe).</param>
public sealed record MemberJoined(UniqueAddress Node, ICanTell Peer) : IMembershipMessage, INoSerializationVerificationNeeded;

/// <summary>
/// <paramref name="Node"/> is leaving gracefully (Akka's Leaving status): still a voter, but a master drops it from the
/// electorate while it can still acknowledge the change, so its departure never costs the survivors their majority.
/// </summary>
/// <param name="Node">The leaving member.</param>
/// <param name="Peer">Where its election actor is.</param>
public sealed record MemberLeaving(UniqueAddress Node, ICanTell Peer) : IMembershipMessage, INoSerializationVerificationNeeded;

/// <summary>
/// <paramref name="Node"/> is no longer a member: downed by the downing provider, or gone after a graceful leave
/// (<see cref="Left"/>). Its incarnation never returns to the cluster, but a downed process may still be running on the
/// other side of a partition, so in majority mode only a graceful leave (or a new incarnation at its address) counts as
/// gone for good.
/// </summary>
/// <param name="Node">The member that was removed.</param>
public sealed record MemberRemoved(UniqueAddress Node) : IMembershipMessage, INoSerializationVerificationNeeded
{
    /// <summary>True when the member left gracefully (Akka's Leaving, Exiting, Removed): its process is shutting down. False for a downing.</summary>
    public bool Left { get; init; }
}

/// <summary>The failure detector marks <paramref name="Node"/> unreachable.</summary>
/// <param name="Node">The member.</param>
public sealed record MemberUnreachable(UniqueAddress Node) : IMembershipMessage, INoSerializationVerificationNeeded;

/// <summary>The failure detector marks <paramref name="Node"/> reachable again.</summary>
/// <param name="Node">The member.</param>
public sealed record MemberReachable(UniqueAddress Node) : IMembershipMessage, INoSerializationVerificationNeeded;
