namespace Actors.Election.Logic;

/// <summary>
/// A vote is final for its session: once cast it never moves, even when a better-ranked candidate turns up later. Two
/// candidates of one session can then never both count the same voter, which is what makes two quorums of a session
/// elect at most one master.
/// </summary>
public static class VoteRule
{
    /// <summary>Whether a node that voted for <paramref name="cast"/> may move its vote to <paramref name="better"/>: never.</summary>
    public static bool MayMove(Akka.Cluster.UniqueAddress cast, Akka.Cluster.UniqueAddress better) => false;
}
