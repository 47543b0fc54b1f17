using System.Collections.Immutable;
using Akka.Cluster;

namespace Actors.Election.Logic;

/// <summary>
/// A pre-vote in progress (Raft's pre-vote): the session it proposes, who answered, and who said they would join it,
/// with the status they answered with, so the node that opens the session can nominate the best-ranked of them.
/// Immutable.
/// </summary>
public sealed record PreVoteRound(long ProposedSession)
{
    /// <summary>The nodes that answered.</summary>
    public ImmutableHashSet<UniqueAddress> Answered { get; private init; } = ImmutableHashSet<UniqueAddress>.Empty;

    /// <summary>The nodes that granted, with the status they granted with.</summary>
    public ImmutableDictionary<UniqueAddress, ElectionMessage> Grants { get; private init; } = ImmutableDictionary<UniqueAddress, ElectionMessage>.Empty;

    /// <summary>This round with one more answer.</summary>
    public PreVoteRound Answer(ElectionMessage reply) => this with
    {
        Answered = Answered.Add(reply.Sender),
        Grants = reply.Granted ? Grants.SetItem(reply.Sender, reply) : Grants,
    };

    /// <summary>
    /// The best-ranked of this node (<paramref name="self"/>, its own status) and the nodes that granted, leaving out
    /// <paramref name="removed"/> ones and those holding an electorate older than this node's: its vote, cast under its own
    /// electorate, counts only for a candidate at least as up to date (Raft's rule, as in <see cref="Ballot.Choose"/>), and
    /// the others vote as it did. Null when none of them may be elected.
    /// </summary>
    public UniqueAddress? Nominee(ElectionMessage self, IReadOnlySet<UniqueAddress> removed) => Nominee(self, removed, upToDateRule: true);

    /// <summary>
    /// As <see cref="Nominee(ElectionMessage, IReadOnlySet{UniqueAddress})"/>, with Raft's up-to-date rule only under
    /// <paramref name="upToDateRule"/>: without it (reachable mode) a granter holding an older electorate may be nominated too.
    /// </summary>
    public UniqueAddress? Nominee(ElectionMessage self, IReadOnlySet<UniqueAddress> removed, bool upToDateRule) =>
        CandidateRanking.Best(Grants.Values
            .Where(m => !removed.Contains(m.Sender) && (!upToDateRule || m.Electorate.Version >= self.Electorate.Version))
            .Append(self))?.Sender;
}
