namespace Actors.Election.Logic;

/// <summary>
/// When a node takes part in a campaign it is asked to join: its own session, or one that no node had reported as
/// settled (led, followed, or left after its campaign) before the message came. A settled session may have elected a
/// master with voters that are gone now; voting in it late could give it a second one (Raft likewise rejects a term
/// below its current one). The campaigner learns from the answer, and its next attempt proposes a higher session. A
/// session heard of only in other campaign messages is still open, and is joined as usual.
/// </summary>
public static class JoinRule
{
    /// <summary>Whether a node in <paramref name="ownSession"/> may join the campaign for <paramref name="proposed"/>, given the highest session reported settled before the message.</summary>
    public static bool MayJoin(long ownSession, long proposed, long settledBefore) => proposed == ownSession || proposed > settledBefore;
}
