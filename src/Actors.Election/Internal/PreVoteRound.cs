using Akka.Cluster;

namespace Actors.Election.Internal;

/// <summary>A pre-vote in progress: the session it proposes, who answered, and who said they would join it.</summary>
internal sealed class PreVoteRound(long proposedSession)
{
    public long ProposedSession { get; } = proposedSession;

    public HashSet<UniqueAddress> Answered { get; } = new();

    public HashSet<UniqueAddress> Grants { get; } = new();
}
