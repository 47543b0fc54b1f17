namespace Actors.Election.Logic;

/// <summary>
/// When a node takes part in a campaign it is asked to join: only one for a session above every session it knows to be
/// settled, because it led or followed it itself, or because another node reported it led, followed, or left it after its
/// campaign (before the message came). A settled session may have elected a master, with voters that are gone now;
/// voting in it late, or a master that lost its quorum winning it a second time, could give it a second master or two
/// electorates of one version (Raft likewise rejects a term below its current one, and a leader never wins its term
/// twice). The campaigner learns from the answer, and its next attempt proposes a higher session. A session heard of only
/// in other campaign messages, or one the node itself left without a master, is still open and is joined as usual.
/// </summary>
public static class JoinRule
{
    /// <summary>Whether a node in <paramref name="ownSession"/> may join the campaign for <paramref name="proposed"/>, given the highest session known settled before the message.</summary>
    public static bool MayJoin(long ownSession, long proposed, long settledBefore) => proposed > settledBefore;
}
