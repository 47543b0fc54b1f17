using System.Collections.Immutable;
using Akka.Cluster;

namespace Actors.Election.Logic;

/// <summary>
/// One session's campaign as one node sees it: the candidates heard (each sender's latest campaign message for the
/// session), this node's vote, which is final once cast (<see cref="VoteRule"/>), and the votes cast for it. Immutable:
/// every change returns a new ballot.
/// </summary>
public sealed record Ballot
{
    /// <summary>Opens the ballot of <paramref name="session"/>.</summary>
    public Ballot(long session) => Session = session;

    /// <summary>The session this ballot is for.</summary>
    public long Session { get; }

    /// <summary>Everyone heard in this session, by node.</summary>
    public ImmutableDictionary<UniqueAddress, ElectionMessage> Heard { get; private init; } = ImmutableDictionary<UniqueAddress, ElectionMessage>.Empty;

    /// <summary>True once the gather phase is over (gather-timeout passed): vote on what was heard.</summary>
    public bool GatherOver { get; init; }

    /// <summary>This node's vote, or null before it voted.</summary>
    public UniqueAddress? Vote { get; private init; }

    /// <summary>This ballot with <paramref name="message"/> (a campaign message of this session) recorded as its sender's latest.</summary>
    public Ballot Record(ElectionMessage message)
    {
        if (message.ProposedSession != Session)
            throw new ArgumentException($"message of session {message.ProposedSession} recorded in the ballot of session {Session}");
        return this with { Heard = Heard.SetItem(message.Sender, message) };
    }

    /// <summary>True when every one of <paramref name="nodes"/> has been heard in this session.</summary>
    public bool HeardFromAll(IEnumerable<UniqueAddress> nodes) => nodes.All(Heard.ContainsKey);

    /// <summary>
    /// The best-ranked eligible candidate heard that is not removed and, under <paramref name="upToDateRule"/>, holds an
    /// electorate at least as new as <paramref name="electorate"/> (Raft's up-to-date rule; off in reachable mode, where
    /// each side mints its own versions). Null when no one qualifies.
    /// </summary>
    public ElectionMessage? Choose(Electorate electorate, IReadOnlySet<UniqueAddress> removed, bool upToDateRule = true) =>
        CandidateRanking.Best(Heard.Values.Where(m =>
            !removed.Contains(m.Sender) && (!upToDateRule || m.Electorate.Version >= electorate.Version)));

    /// <summary>This ballot with this node's vote cast for <paramref name="candidate"/>; throws if a vote was cast already.</summary>
    public Ballot Cast(UniqueAddress candidate)
    {
        if (Vote is not null) throw new InvalidOperationException($"already voted for {Vote} in session {Session}");
        return this with { Vote = candidate };
    }

    /// <summary>This ballot with the vote moved to <paramref name="candidate"/>: only a broken <see cref="VoteRule"/> (a test mutant) asks for this.</summary>
    internal Ballot Recast(UniqueAddress candidate) => this with { Vote = candidate };

    /// <summary>
    /// The voters whose votes for <paramref name="candidate"/> count under <paramref name="electorate"/> (the
    /// candidate's own): members of it, not removed, and (under <paramref name="upToDateRule"/>) holding an electorate
    /// no newer than it.
    /// </summary>
    public ImmutableSortedSet<UniqueAddress> VotesFor(UniqueAddress candidate, Electorate electorate, IReadOnlySet<UniqueAddress> removed,
        bool upToDateRule = true) =>
        Heard.Values
            .Where(m => candidate.Equals(m.VoteFor) && electorate.Contains(m.Sender) && !removed.Contains(m.Sender)
                        && (!upToDateRule || m.Electorate.Version <= electorate.Version))
            .Select(m => m.Sender)
            .ToImmutableSortedSet(NodeOrdering.Instance);
}
