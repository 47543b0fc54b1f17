using Akka.Cluster;

namespace Actors.Election.Core;

/// <summary>
/// How a follower notices that its master is gone: silence past failure-timeout (its own heartbeats, whatever the failure
/// detector says), a removal from the cluster (after connection-delay), or a lost connection (a pre-vote at once, which the
/// others grant only if they too no longer hear the master). Whatever the evidence, every follower has it within moments of
/// the others, so they take turns to ask (<see cref="SuspicionTurn"/>): normally one pre-vote and one campaign replace the
/// master, not one per follower.
/// </summary>
internal static class Followership
{
    /// <summary>(Re)starts the watch on the master: lost if silent for failure-timeout.</summary>
    public static void WatchMaster(Turn t) => t.StartTimer(TimerKey.MasterLost, t.Settings.FailureTimeout);

    /// <summary>The cluster removed the master: it is lost unless it is heard again within connection-delay.</summary>
    public static void OnMasterRemoved(Turn t)
    {
        if (t.S.Master is not null) t.StartTimer(TimerKey.MasterLost, t.Settings.ConnectionDelay);
    }

    /// <summary>
    /// The connection to the master closed: its process may have died. A pre-vote at once; if the master still lives,
    /// the others, who still hear it, refuse, and this node stays its follower.
    /// </summary>
    public static void OnMasterConnectionLost(Turn t)
    {
        if (GrantRefusedPreVote(t)) return;
        var turn = SuspicionTurn(t);
        if (turn == 0)
        {
            t.Info($"The connection to master {t.S.Master.ToShortId()} of session {t.S.Session} was lost: asking for a pre-vote");
            Campaigns.TryElect(t, "the connection to the master was lost");
            return;
        }
        WaitForTurn(t, turn, "lost its connection");
    }

    /// <summary>Asks for a pre-vote at this node's turn, unless a peer asks first.</summary>
    private static void WaitForTurn(Turn t, int turn, string evidence)
    {
        var wait = SuspicionStep(t) * turn;
        t.Info($"Master {t.S.Master.ToShortId()} of session {t.S.Session} {evidence}: asking for a pre-vote in {wait.TotalMilliseconds:0} ms unless a peer asks first");
        t.StartTimer(TimerKey.SuspectMaster, wait);
    }

    /// <summary>
    /// A peer asked for a pre-vote moments ago, while this node still heard the master: it lost the master first (its
    /// connection closed first, or its last announcement came earlier). Grants it now, if the asker is still counting
    /// answers (a pre-vote lasts gather-timeout), instead of asking as well; asks itself only if no campaign comes of it.
    /// </summary>
    private static bool GrantRefusedPreVote(Turn t)
    {
        var s = t.S;
        if (s.RefusedPreVote is not { } refused) return false;
        var (asked, at) = refused;
        s.RefusedPreVote = null;
        if (t.Now - at >= t.Settings.GatherTimeout || !s.Members.Contains(asked.Sender) || !Campaigns.MayGrantPreVote(s, asked)) return false;
        t.Info($"Master {s.Master.ToShortId()} of session {s.Session} is no longer heard: granting the pre-vote {asked.Sender.ToShortId()} asked for");
        t.Reply(asked.Sender, granted: true);
        OnPeerSuspects(t);
        return true;
    }

    /// <summary>
    /// This node's turn to ask came, and nobody ranked before it asked (or the pre-vote it granted led to no campaign): it
    /// asks. A master that is silent or removed is lost outright; one whose connection alone closed is only suspected, and
    /// the pre-vote decides.
    /// </summary>
    public static void OnSuspicionTurn(Turn t)
    {
        var s = t.S;
        if (s.Master is not { } master || t.MasterIsLive) return;
        if (s.Members.Contains(master) && !t.IsSilentMaster(master)) Campaigns.TryElect(t, "the connection to the master was lost");
        else DeclareLost(t, master);
    }

    /// <summary>
    /// A peer asked first (this node granted its pre-vote): no need to ask as well, unless no campaign comes of it. The
    /// asker opens its session within gather-timeout of asking; this node waits twice that before it asks in turn.
    /// </summary>
    public static void OnPeerSuspects(Turn t) => t.StartTimer(TimerKey.SuspectMaster, t.Settings.GatherTimeout * 2);

    /// <summary>
    /// When a master's process dies, every follower's connection to it closes at once. If each asked for a pre-vote at
    /// once, every survivor would broadcast one and open a session of its own: messages quadratic in the cluster size,
    /// and rival campaigns. So the followers take turns: the first live voter in node order (the master left out) asks at
    /// once, the next one a step later, and so on; a follower that grants a peer's pre-vote meanwhile does not ask at all.
    /// A follower outside the electorate comes last.
    /// </summary>
    private static int SuspicionTurn(Turn t)
    {
        var s = t.S;
        var ahead = s.Electorate.AllVoters
            .Where(v => !v.Equals(s.Self) && !v.Equals(s.Master) && !s.IsRemoved(v) && t.IsReachable(v))
            .Count(v => NodeOrdering.Instance.Compare(v, s.Self) < 0);
        return s.Electorate.Contains(s.Self) ? ahead : s.Electorate.AllVoters.Count();
    }

    /// <summary>
    /// The wait between two turns: a tenth of gather-timeout, far more than a pre-vote takes to reach a peer on a LAN, so a
    /// follower whose turn comes has normally heard the pre-vote of the one before it.
    /// </summary>
    private static TimeSpan SuspicionStep(Turn t) => t.Settings.GatherTimeout / 10;

    public static void OnMasterLostCheck(Turn t)
    {
        var s = t.S;
        if (s.Master is not { } master) return;
        if (t.IsReachable(master))
        {
            // Heard meanwhile (the timer is restarted on every message, this is only a late firing): watch on.
            var left = t.Settings.FailureTimeout - (t.Now - s.LastMasterHeardAt);
            t.StartTimer(TimerKey.MasterLost, left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            return;
        }
        // Silent (or removed): the other followers notice it within moments of this one, so they take turns to ask, as when
        // a connection closes.
        if (GrantRefusedPreVote(t)) return;
        var turn = SuspicionTurn(t);
        if (turn > 0) WaitForTurn(t, turn, "is no longer heard");
        else DeclareLost(t, master);
    }

    /// <summary>The master is lost: subscribers hear of it, and this node asks for a pre-vote (if it elects on a loss).</summary>
    private static void DeclareLost(Turn t, UniqueAddress master)
    {
        var s = t.S;
        t.Warning($"Master {master.ToShortId()} of session {s.Session} lost (silent since {s.LastMasterHeardAt:O}, failure-timeout {t.Settings.FailureTimeout.TotalMilliseconds:0} ms, or removed from the cluster)");
        t.Publish(new MasterLost(master, s.Session));
        s.Master = null;
        t.Transition(ElectionStatus.Idle, "master lost");
        if (t.Settings.AutoElectOnPeerLoss) Campaigns.TryElect(t, "master lost");
    }
}
