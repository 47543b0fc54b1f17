using Akka.Cluster;

namespace Actors.Election.Core.Roles;

/// <summary>
/// One state's step function, as etcd-io/raft has one per role: what a node in that state does with a message, a timer,
/// and a change of membership. The core picks the role from the state once per input; a transition within a step hands
/// the rest of the work to the next role explicitly.
/// </summary>
internal abstract class Role
{
    public abstract ElectionStatus Status { get; }

    /// <summary>An accepted election message (see <see cref="Intake"/>); <paramref name="settledBefore"/> is the highest session reported settled before it.</summary>
    public abstract void OnMessage(Turn t, ElectionMessage m, long settledBefore);

    /// <summary>One of this state's timers fired (see <see cref="TimerKeys.BelongsTo"/>).</summary>
    public virtual void OnTimer(Turn t, TimerKey key)
    {
        if (key == TimerKey.PreVote) Campaigns.OnPreVoteTimeout(t);
    }

    /// <summary>A new member joined (this node being a member already).</summary>
    public virtual void OnMemberJoined(Turn t, UniqueAddress node) { }

    /// <summary>A member was removed (downed, left, or replaced by a new incarnation).</summary>
    public virtual void OnMemberRemoved(Turn t, UniqueAddress node) { }

    /// <summary>A member became unreachable or reachable again.</summary>
    public virtual void OnReachabilityChanged(Turn t, UniqueAddress node, bool reachable) { }

    /// <summary>The connection to a member was lost (it counts as unreachable until heard again).</summary>
    public virtual void OnConnectionLost(Turn t, UniqueAddress node) => OnReachabilityChanged(t, node, reachable: false);

    /// <summary>The role of <paramref name="status"/>.</summary>
    public static Role Of(ElectionStatus status) => status switch
    {
        ElectionStatus.Idle => IdleRole.Instance,
        ElectionStatus.Campaigning => CampaigningRole.Instance,
        ElectionStatus.Master => MasterRole.Instance,
        ElectionStatus.Follower => FollowerRole.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
