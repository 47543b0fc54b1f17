using Akka.Cluster;

namespace Actors.Election.Logic;

/// <summary>
/// One session's campaign as one node sees it: the candidates heard (each sender's latest message for the
/// session), this node's vote, which is final once cast, and the votes cast for it. Pure: the actor feeds it
/// messages and asks it questions.
/// </summary>
public sealed class Ballot
{
    private readonly Dictionary<UniqueAddress, ElectionMessage> _heard = new();

    /// <summary>Opens the ballot of <paramref name="session"/>.</summary>
    public Ballot(long session) => Session = session;

    /// <summary>The session this ballot is for.</summary>
    public long Session { get; }

    /// <summary>Everyone heard in this session, by node.</summary>
    public IReadOnlyDictionary<UniqueAddress, ElectionMessage> Heard => _heard;

    /// <summary>True once the gather phase is over (gather-timeout passed): vote on what was heard.</summary>
    public bool GatherOver { get; set; }

    /// <summary>This node's vote, or null before it voted. Never changes once set.</summary>
    public UniqueAddress? Vote { get; private set; }

    /// <summary>Records <paramref name="message"/> (a campaign message of this session).</summary>
    public void Record(ElectionMessage message)
    {
        if (message.ProposedSession != Session)
            throw new ArgumentException($"message of session {message.ProposedSession} recorded in the ballot of session {Session}");
        _heard[message.Sender] = message;
    }

    /// <summary>True when every one of <paramref name="reachableVoters"/> has been heard in this session.</summary>
    public bool HeardFromAll(IEnumerable<UniqueAddress> reachableVoters) => reachableVoters.All(_heard.ContainsKey);

    /// <summary>
    /// Chooses this node's vote: the best-ranked eligible candidate heard that is not removed and holds an
    /// electorate at least as new as <paramref name="electorate"/> (Raft's up-to-date rule). A candidate need not be
    /// a member: its votes are counted among its electorate's voters all the same. Without
    /// <paramref name="upToDateRule"/> (reachable mode) the electorate version is not compared.
    /// Returns null when no one qualifies. Throws when a vote was already cast: votes are final.
    /// </summary>
    public ElectionMessage? Choose(Electorate electorate, IReadOnlySet<UniqueAddress> removed, bool upToDateRule = true)
    {
        if (Vote is not null) throw new InvalidOperationException($"already voted for {Vote} in session {Session}");
        return CandidateRanking.Best(_heard.Values.Where(m =>
            !removed.Contains(m.Sender) && (!upToDateRule || m.Electorate.Version >= electorate.Version)));
    }

    /// <summary>Casts the final vote of this node in this session.</summary>
    public void Cast(UniqueAddress candidate)
    {
        if (Vote is not null) throw new InvalidOperationException($"already voted for {Vote} in session {Session}");
        Vote = candidate;
    }

    /// <summary>
    /// The votes for <paramref name="candidate"/> that count under <paramref name="electorate"/> (the
    /// candidate's own): cast by a voter of that electorate, not removed, holding an electorate no newer than it
    /// (unless <paramref name="upToDateRule"/> is off, in reachable mode).
    /// </summary>
    public IReadOnlyList<UniqueAddress> VotesFor(UniqueAddress candidate, Electorate electorate, IReadOnlySet<UniqueAddress> removed,
        bool upToDateRule = true) =>
        _heard.Values
            .Where(m => candidate.Equals(m.VoteFor) && electorate.Contains(m.Sender) && !removed.Contains(m.Sender)
                        && (!upToDateRule || m.Electorate.Version <= electorate.Version))
            .Select(m => m.Sender)
            .ToList();
}
