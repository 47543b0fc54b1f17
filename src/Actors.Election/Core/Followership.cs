namespace Actors.Election.Core;

/// <summary>How a follower notices that its master is gone.</summary>
internal static class Followership
{
    /// <summary>The master is unreachable or removed: it is lost unless it comes back within connection-delay.</summary>
    public static void ScheduleMasterLostCheck(Turn t)
    {
        if (t.S.Master is not null && !t.IsTimerActive(TimerKey.MasterLost))
            t.StartTimer(TimerKey.MasterLost, t.Settings.ConnectionDelay);
    }

    /// <summary>The master's reachability changed.</summary>
    public static void OnMasterReachability(Turn t, bool reachable)
    {
        if (reachable) t.CancelTimer(TimerKey.MasterLost);
        // Silent past its heartbeats as well: it has been out of contact for longer than connection-delay already.
        else if (t.IsSilentMaster(t.S.Master!)) OnMasterLostCheck(t);
        else ScheduleMasterLostCheck(t);
    }

    public static void OnMasterLostCheck(Turn t)
    {
        var s = t.S;
        if (s.Master is not { } master || t.IsReachable(master)) return;
        t.Warning($"Master {master.ToShortId()} of session {s.Session} lost (unreachable or removed for {t.Settings.ConnectionDelay.TotalMilliseconds:0} ms, or unreachable and silent since {s.LastMasterHeardAt:O})");
        t.Publish(new MasterLost(master, s.Session));
        s.Master = null;
        t.Transition(ElectionStatus.Idle, "master lost");
        if (t.Settings.AutoElectOnPeerLoss) Campaigns.TryElect(t, "master lost");
    }
}
