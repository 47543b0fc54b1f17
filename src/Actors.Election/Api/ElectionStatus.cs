namespace Actors.Election;

/// <summary>The state of a node's election actor (one <c>Become</c> behaviour each).</summary>
public enum ElectionStatus
{
    /// <summary>Not in an election: before joining, while no quorum is reachable, after a hand-over.</summary>
    Idle,

    /// <summary>A session is open: gathering candidates, voting, counting.</summary>
    Campaigning,

    /// <summary>Won the current session.</summary>
    Master,

    /// <summary>Follows the master of the current session.</summary>
    Follower,
}
