using Actors.Election.Logic;
using Akka.Cluster;

namespace Actors.Election.Internal;

/// <summary>
/// A pre-vote in progress: the session it proposes, who answered, and who said they would join it (with the status
/// they answered with, so the node that opens the session can name the best-ranked of them).
/// </summary>
internal sealed class PreVoteRound(long proposedSession)
{
    private readonly Dictionary<UniqueAddress, ElectionMessage> _grantedBy = new();

    public long ProposedSession { get; } = proposedSession;

    public HashSet<UniqueAddress> Answered { get; } = new();

    public HashSet<UniqueAddress> Grants { get; } = new();

    /// <summary>Takes in one answer to the pre-vote.</summary>
    public void Answer(ElectionMessage reply)
    {
        Answered.Add(reply.Sender);
        if (!reply.Granted) return;
        Grants.Add(reply.Sender);
        _grantedBy[reply.Sender] = reply;
    }

    /// <summary>
    /// The best-ranked of this node (<paramref name="self"/>, its own status) and the nodes that granted the pre-vote,
    /// leaving out <paramref name="removed"/> ones; null when none of them may be elected.
    /// </summary>
    public UniqueAddress? Nominee(ElectionMessage self, IReadOnlySet<UniqueAddress> removed) =>
        CandidateRanking.Best(_grantedBy.Values.Where(m => !removed.Contains(m.Sender)).Append(self))?.Sender;
}
