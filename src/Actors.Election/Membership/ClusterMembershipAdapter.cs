using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election.Membership;

/// <summary>
/// Turns Akka.Cluster's membership and reachability events into the election's <see cref="IMembershipMessage"/>s:
/// the electorate is the Up and Leaving members (with the configured role), each reached at its
/// <c>/system/election</c> actor. Akka.Cluster is the only failure detector.
/// </summary>
internal static class ClusterMembershipAdapter
{
    public static void Subscribe(IActorContext context, IActorRef self)
    {
        Cluster.Get(context.System).Subscribe(self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        // When a process dies its connections close at once: Akka.Remote publishes the disassociation long before the
        // failure detector flags the member.
        context.System.EventStream.Subscribe(self, typeof(Akka.Remote.DisassociatedEvent));
    }

    public static void Unsubscribe(IActorContext context, IActorRef self)
    {
        Cluster.Get(context.System).Unsubscribe(self);
        context.System.EventStream.Unsubscribe(self, typeof(Akka.Remote.DisassociatedEvent));
    }

    /// <summary>The member of <paramref name="members"/> at the address <paramref name="e"/> lost its connection to, or null.</summary>
    public static Core.ConnectionLost? Translate(Akka.Remote.DisassociatedEvent e, IEnumerable<UniqueAddress> members) =>
        members.FirstOrDefault(m => m.Address.Equals(e.RemoteAddress)) is { } node ? new Core.ConnectionLost(node) : null;

    /// <summary>The membership message for <paramref name="e"/>, or null when it does not concern the electorate.</summary>
    public static IMembershipMessage? Translate(ClusterEvent.IClusterDomainEvent e, string? role, UniqueAddress self, Func<Address, ICanTell> peerAt)
    {
        switch (e)
        {
            case ClusterEvent.MemberUp up:
                return HasRole(up.Member, role) ? new MemberJoined(up.Member.UniqueAddress, peerAt(up.Member.Address)) : null;
            case ClusterEvent.MemberLeft left:
                return HasRole(left.Member, role) ? new MemberLeaving(left.Member.UniqueAddress, peerAt(left.Member.Address)) : null;
            case ClusterEvent.MemberExited exited:
                return HasRole(exited.Member, role) ? new MemberRemoved(exited.Member.UniqueAddress) { Left = true } : null;
            case ClusterEvent.MemberRemoved removed:
                return HasRole(removed.Member, role)
                    ? new MemberRemoved(removed.Member.UniqueAddress) { Left = removed.PreviousStatus == MemberStatus.Exiting }
                    : null;
            case ClusterEvent.MemberDowned downed:
                // Downed is no proof the process stopped: across a partition each side may down the other.
                return HasRole(downed.Member, role) ? new MemberRemoved(downed.Member.UniqueAddress) : null;
            case ClusterEvent.UnreachableMember u:
                return new MemberUnreachable(u.Member.UniqueAddress);
            case ClusterEvent.ReachableMember r:
                return new MemberReachable(r.Member.UniqueAddress);
            default:
                return null;
        }
    }

    /// <summary>Translates <paramref name="e"/> and hands the result to <paramref name="deliver"/>.</summary>
    public static void Translate(ClusterEvent.IClusterDomainEvent e, string? role, UniqueAddress self, IActorRef selfRef,
        IActorContext context, Action<IMembershipMessage> deliver)
    {
        var message = Translate(e, role, self, address =>
            address.Equals(self.Address) ? selfRef : context.ActorSelection(new RootActorPath(address) / "system" / ElectionActor.Name));
        if (message is not null) deliver(message);
    }

    private static bool HasRole(Member member, string? role) => role is null || member.HasRole(role);
}
