namespace Actors.Election.Core;

/// <summary>The core's timers: one per concern, restarted rather than stacked. Entering a state cancels the timers of the others.</summary>
internal enum TimerKey
{
    /// <summary>A newcomer waited a gather-timeout for a master to answer its hello.</summary>
    Startup,

    /// <summary>A node without a master tries to elect again.</summary>
    Retry,

    /// <summary>A pre-vote got no quorum in time.</summary>
    PreVote,

    /// <summary>The gather phase of the open session is over: vote on what was heard.</summary>
    Gather,

    /// <summary>The open session elected nobody in time.</summary>
    Election,

    /// <summary>A master announces itself.</summary>
    Heartbeat,

    /// <summary>A master has lacked a reachable quorum for connection-delay.</summary>
    QuorumLost,

    /// <summary>The followed master has been unreachable or removed for connection-delay.</summary>
    MasterLost,

    /// <summary>
    /// A follower whose master's connection closed waited its turn (its rank among the live voters) to ask for a
    /// pre-vote, and nobody ranked before it asked first.
    /// </summary>
    SuspectMaster,
}

/// <summary>Which timers belong to which state.</summary>
internal static class TimerKeys
{
    /// <summary>The timers a node in <paramref name="status"/> may have running; entering it cancels every other one.</summary>
    public static bool BelongsTo(TimerKey key, ElectionStatus status) => status switch
    {
        ElectionStatus.Idle => key is TimerKey.Startup or TimerKey.Retry or TimerKey.PreVote,
        ElectionStatus.Campaigning => key is TimerKey.Gather or TimerKey.Election or TimerKey.PreVote,
        ElectionStatus.Master => key is TimerKey.Heartbeat or TimerKey.QuorumLost,
        ElectionStatus.Follower => key is TimerKey.MasterLost or TimerKey.PreVote or TimerKey.SuspectMaster,
        _ => false,
    };
}
