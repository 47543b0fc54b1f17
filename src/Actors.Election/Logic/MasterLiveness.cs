namespace Actors.Election.Logic;

/// <summary>
/// What "the master is live" means to a node that follows it: in its membership view, its connection not lost since it
/// was last heard, and heard within <c>failure-timeout</c> (a master announces itself every heartbeat). Akka.Cluster's
/// failure detector has no say here: it may lag behind a healed link, and it may flag a master that merely paused for
/// longer than its own acceptable pause; the master's own heartbeats are the evidence, as in Raft. A live master keeps
/// its seat: the node refuses pre-votes and ignores unasked-for campaigns, so one node's broken link, a healed partition
/// or a short pause unseats nobody. A master silent for longer no longer protects its seat, and a master whose
/// connection closed (its process died) is suspected at once: the node goes to a pre-vote, which others grant only if
/// they, too, no longer hear it.
/// </summary>
public static class MasterLiveness
{
    /// <summary>True when a master last heard at <paramref name="lastHeard"/> has been silent past <paramref name="failureTimeout"/> at <paramref name="now"/>.</summary>
    public static bool IsSilent(DateTimeOffset lastHeard, DateTimeOffset now, TimeSpan failureTimeout) => now - lastHeard > failureTimeout;

    /// <summary>True when a master is live: in the membership view, its connection not lost, and not silent.</summary>
    public static bool IsLive(bool inView, bool disconnected, bool silent) => inView && !disconnected && !silent;
}
