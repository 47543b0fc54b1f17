using Akka.Cluster;

namespace Actors.Election.Core.Roles;

/// <summary>Won the current session: announces itself, keeps its quorum, changes the electorate.</summary>
internal sealed class MasterRole : Role
{
    public static readonly MasterRole Instance = new();

    public override ElectionStatus Status => ElectionStatus.Master;

    public override void OnMessage(Turn t, ElectionMessage m, long settledBefore)
    {
        var s = t.S;
        switch (m.Kind)
        {
            case ElectionMessageKind.Hello:
                t.Reply(m.Sender);
                break;
            case ElectionMessageKind.PreVote:
                t.Reply(m.Sender, granted: false); // a live master: no disruption
                break;
            case ElectionMessageKind.Campaign when m.ProposedSession > s.Session
                                                   && !Mastership.HeardAcrossUnhealedLink(t, m)
                                                   && t.Policies.MayJoin(s.Session, m.ProposedSession, settledBefore):
                // Campaigns follow a granted pre-vote (or a hand-over, a promotion): a quorum no longer follows us.
                Mastership.Leave(t, StepDownReason.HigherSession);
                Campaigns.Join(t, m);
                break;
            case ElectionMessageKind.Campaign when m.ProposedSession != s.Session:
                t.Reply(m.Sender);
                break;
            case ElectionMessageKind.Campaign:
                break; // a late vote of the session we already won; our announcement answers it
            case ElectionMessageKind.Announce:
                Mastership.OnOtherMaster(t, m);
                t.Reply(m.Sender);
                break;
            case ElectionMessageKind.Reply:
                Campaigns.Learn(t, m, settledBefore);
                break;
        }
    }

    public override void OnTimer(Turn t, TimerKey key)
    {
        switch (key)
        {
            case TimerKey.Heartbeat: Mastership.OnHeartbeat(t); break;
            case TimerKey.QuorumLost: Mastership.OnQuorumLost(t); break;
            default: base.OnTimer(t, key); break;
        }
    }

    public override void OnMemberJoined(Turn t, UniqueAddress node)
    {
        t.Send(node, t.Compose(ElectionMessageKind.Announce)); // a newcomer learns the master at once
        Mastership.Plan(t);
    }

    public override void OnMemberRemoved(Turn t, UniqueAddress node)
    {
        Mastership.Plan(t);
        Mastership.CheckQuorum(t);
    }

    public override void OnReachabilityChanged(Turn t, UniqueAddress node, bool reachable) => Mastership.CheckQuorum(t);

    /// <summary>
    /// A follower's connection closed: announce to it at once, so that a follower still running answers (and is heard
    /// again) well within connection-delay, instead of at the next heartbeat.
    /// </summary>
    public override void OnConnectionLost(Turn t, UniqueAddress node)
    {
        t.Send(node, t.Compose(ElectionMessageKind.Announce));
        Mastership.CheckQuorum(t);
    }
}
