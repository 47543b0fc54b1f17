using Akka.Cluster;

namespace Actors.Election.Core.Roles;

/// <summary>A session is open: gathering candidates, voting, counting.</summary>
internal sealed class CampaigningRole : Role
{
    public static readonly CampaigningRole Instance = new();

    public override ElectionStatus Status => ElectionStatus.Campaigning;

    public override void OnMessage(Turn t, ElectionMessage m, long settledBefore)
    {
        var s = t.S;
        switch (m.Kind)
        {
            case ElectionMessageKind.PreVote:
                t.Reply(m.Sender, granted: Campaigns.MayGrantPreVote(s, m));
                break;
            case ElectionMessageKind.Campaign when m.ProposedSession > s.Session && t.Policies.MayJoin(s.Session, m.ProposedSession, settledBefore):
                Campaigns.Join(t, m);
                break;
            case ElectionMessageKind.Campaign when m.ProposedSession == s.Session:
                Campaigns.Record(t, m);
                break;
            case ElectionMessageKind.Announce:
                Campaigns.OnMasterSeen(t, m);
                t.Reply(m.Sender);
                break;
            case ElectionMessageKind.Reply:
                Campaigns.Learn(t, m, settledBefore);
                break;
            default:
                t.Reply(m.Sender);
                break;
        }
    }

    public override void OnTimer(Turn t, TimerKey key)
    {
        switch (key)
        {
            case TimerKey.Gather: Campaigns.Evaluate(t, gatherOver: true); break;
            case TimerKey.Election: Campaigns.OnElectionTimeout(t); break;
            default: base.OnTimer(t, key); break;
        }
    }

    public override void OnMemberJoined(Turn t, UniqueAddress node) => Campaigns.Evaluate(t);

    public override void OnMemberRemoved(Turn t, UniqueAddress node) => Campaigns.Evaluate(t);

    public override void OnReachabilityChanged(Turn t, UniqueAddress node, bool reachable) => Campaigns.Evaluate(t);
}
