using Akka.Cluster;

namespace Actors.Election.Core.Roles;

/// <summary>Follows the master of the current session.</summary>
internal sealed class FollowerRole : Role
{
    public static readonly FollowerRole Instance = new();

    public override ElectionStatus Status => ElectionStatus.Follower;

    public override void OnMessage(Turn t, ElectionMessage m, long settledBefore)
    {
        var s = t.S;
        if (m.Sender.Equals(s.Master) && !(m.ClaimsMastership && m.ProposedSession >= s.Session))
        {
            // Our master says it is master no more (stepped down, lost its quorum, merges a split brain).
            t.Info($"Master {s.Master.ToShortId()} of session {s.Session} abdicated ({m.Status})");
            s.Master = null;
            // It said so itself: an ordinary member again, reachable as the failure detector says. Judged by its silence
            // instead, as a master is, it would count as unreachable for as long as nobody writes to it, and followers
            // never do: a quorum it belongs to would look unreachable for ever.
            s.LastMaster = null;
            t.Transition(ElectionStatus.Idle, "master abdicated");
            IdleRole.Instance.OnMessage(t, m, settledBefore);
            return;
        }
        switch (m.Kind)
        {
            case ElectionMessageKind.Hello:
                t.Reply(m.Sender);
                break;
            case ElectionMessageKind.PreVote:
                var mayGrant = Campaigns.MayGrantPreVote(s, m);
                var granted = mayGrant && !t.MasterIsLive;
                t.Reply(m.Sender, granted);
                if (granted) Followership.OnPeerSuspects(t);
                else if (mayGrant) s.RefusedPreVote = (m, t.Now);
                break;
            case ElectionMessageKind.Campaign when m.ProposedSession > s.Session:
                if (t.MasterIsLive && !m.Forced || !t.Policies.MayJoin(s.Session, m.ProposedSession, settledBefore))
                {
                    t.Debug(() => $"Refusing the campaign of {m.Sender.ToShortId()} for session {m.ProposedSession}: master {s.Master.ToShortId()} is live, or the session was settled before");
                    t.Reply(m.Sender);
                }
                else
                {
                    Campaigns.Join(t, m);
                }
                break;
            case ElectionMessageKind.Campaign when m.ProposedSession < s.Session:
                t.Reply(m.Sender);
                break;
            case ElectionMessageKind.Campaign:
                break; // a late vote of the session our master won
            case ElectionMessageKind.Announce:
                Campaigns.OnMasterSeen(t, m);
                t.Reply(m.Sender);
                break;
            case ElectionMessageKind.Reply:
                Campaigns.Learn(t, m, settledBefore);
                break;
        }
    }

    public override void OnTimer(Turn t, TimerKey key)
    {
        if (key == TimerKey.MasterLost) Followership.OnMasterLostCheck(t);
        else if (key == TimerKey.SuspectMaster) Followership.OnSuspicionTurn(t);
        else base.OnTimer(t, key);
    }

    public override void OnMemberRemoved(Turn t, UniqueAddress node)
    {
        if (node.Equals(t.S.Master)) Followership.OnMasterRemoved(t);
    }

    public override void OnConnectionLost(Turn t, UniqueAddress node)
    {
        if (node.Equals(t.S.Master)) Followership.OnMasterConnectionLost(t);
    }
}
