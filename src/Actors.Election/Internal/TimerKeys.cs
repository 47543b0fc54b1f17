namespace Actors.Election.Internal;

/// <summary>The keys of the election actor's timers: one timer per concern, restarted rather than stacked.</summary>
internal static class TimerKeys
{
    public const string Startup = "startup";
    public const string Retry = "retry";
    public const string PreVote = "pre-vote";
    public const string Gather = "gather";
    public const string Election = "election";
    public const string Heartbeat = "heartbeat";
    public const string Quorum = "quorum";
    public const string MasterLost = "master-lost";

    /// <summary>The timers that belong to each state; entering a state cancels all the others.</summary>
    public static IReadOnlyList<string> Of(ElectionStatus status) => status switch
    {
        ElectionStatus.Idle => [Startup, Retry, PreVote],
        ElectionStatus.Campaigning => [Gather, Election, PreVote],
        ElectionStatus.Master => [Heartbeat, Quorum],
        ElectionStatus.Follower => [MasterLost],
        _ => [],
    };

    public static readonly IReadOnlyList<string> All = [Startup, Retry, PreVote, Gather, Election, Heartbeat, Quorum, MasterLost];
}
