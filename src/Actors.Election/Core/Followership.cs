namespace Actors.Election.Core;

/// <summary>
/// How a follower notices that its master is gone: silence past failure-timeout (its own heartbeats, whatever the failure
/// detector says), a removal from the cluster (after connection-delay), or a lost connection (a pre-vote at once, which the
/// others grant only if they too no longer hear the master).
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
        t.Info($"The connection to master {t.S.Master.ToShortId()} of session {t.S.Session} was lost: asking for a pre-vote");
        Campaigns.TryElect(t, "the connection to the master was lost");
    }

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
        t.Warning($"Master {master.ToShortId()} of session {s.Session} lost (silent since {s.LastMasterHeardAt:O}, failure-timeout {t.Settings.FailureTimeout.TotalMilliseconds:0} ms, or removed from the cluster)");
        t.Publish(new MasterLost(master, s.Session));
        s.Master = null;
        t.Transition(ElectionStatus.Idle, "master lost");
        if (t.Settings.AutoElectOnPeerLoss) Campaigns.TryElect(t, "master lost");
    }
}
