namespace Actors.Election.Logic;

/// <summary>
/// What "the master is live" means to a node that follows it: reachable as far as the failure detector knows, and heard
/// within <c>heartbeat-interval + connection-delay</c> (a master announces itself every heartbeat). A live master keeps
/// its seat: the node refuses pre-votes and ignores unasked-for campaigns, so one node's broken link or a healed
/// partition unseats nobody. A master silent for longer no longer protects its seat, as in Raft, where a follower grants
/// votes once it has not heard its leader for an election timeout: failure detectors on different nodes flag a crash
/// moments apart, and the first node to notice must not be refused by every node whose detector lags. Only the master
/// sends on a schedule, so silence says nothing about anyone else.
/// </summary>
public static class MasterLiveness
{
    /// <summary>True when a master last heard at <paramref name="lastHeard"/> has been silent past its heartbeats at <paramref name="now"/>.</summary>
    public static bool IsSilent(DateTimeOffset lastHeard, DateTimeOffset now, TimeSpan heartbeatInterval, TimeSpan connectionDelay) =>
        now - lastHeard > heartbeatInterval + connectionDelay;

    /// <summary>True when a master is live: in the membership view, not marked unreachable, not silent.</summary>
    public static bool IsLive(bool inView, bool markedUnreachable, bool silent) => inView && !markedUnreachable && !silent;
}
