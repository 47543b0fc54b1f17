using Akka.Cluster;

namespace Actors.Election.Core.Roles;

/// <summary>Not in an election: before joining, while no quorum is reachable, after a lost master or a timed-out session.</summary>
internal sealed class IdleRole : Role
{
    public static readonly IdleRole Instance = new();

    public override ElectionStatus Status => ElectionStatus.Idle;

    public override void OnMessage(Turn t, ElectionMessage m, long settledBefore)
    {
        var s = t.S;
        switch (m.Kind)
        {
            case ElectionMessageKind.PreVote:
                t.Reply(m.Sender, granted: Campaigns.MayGrantPreVote(s, m));
                break;
            case ElectionMessageKind.Campaign when m.ProposedSession >= s.Session && t.Policies.MayJoin(s.Session, m.ProposedSession, settledBefore):
                Campaigns.Join(t, m);
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
            case TimerKey.Startup: Campaigns.TryElect(t, "no master answered"); break;
            case TimerKey.Retry: Campaigns.TryElect(t, "retry"); break;
            default: base.OnTimer(t, key); break;
        }
    }

    public override void OnMemberJoined(Turn t, UniqueAddress node)
    {
        if (t.S.Master is null) t.Send(node, t.Compose(ElectionMessageKind.Hello));
    }
}
