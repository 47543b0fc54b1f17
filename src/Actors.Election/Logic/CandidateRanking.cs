namespace Actors.Election.Logic;

/// <summary>
/// The ranking of candidates, a pure total order over values every node sees alike (greater wins):
/// eligible (<c>candidate = on</c>) &gt; a <c>ForceMaster</c> promotion &gt; holds the newer electorate &gt;
/// <c>priority</c> &gt; seniority (older wins) &gt; commands seen &gt; node id. With default settings and one
/// electorate this is exactly the seed's order. The electorate comes before priority for the reason Raft
/// prefers the more up-to-date log: a voter only votes for a candidate whose electorate is at least as new
/// as its own, so every voter must prefer the newest one or the votes could split for ever.
/// </summary>
public sealed class CandidateRanking : IComparer<ElectionMessage>
{
    /// <summary>The one instance.</summary>
    public static readonly CandidateRanking Instance = new();

    private CandidateRanking() { }

    /// <inheritdoc />
    public int Compare(ElectionMessage? x, ElectionMessage? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = x.Candidate.CompareTo(y.Candidate);
        if (c != 0) return c;
        c = x.Forced.CompareTo(y.Forced);
        if (c != 0) return c;
        c = x.Electorate.Version.CompareTo(y.Electorate.Version);
        if (c != 0) return c;
        c = x.Priority.CompareTo(y.Priority);
        if (c != 0) return c;
        c = x.Seniority.CompareTo(y.Seniority);
        if (c != 0) return c;
        c = x.CommandsSeen.CompareTo(y.CommandsSeen);
        if (c != 0) return c;
        return NodeOrdering.Instance.Compare(x.Sender, y.Sender);
    }

    /// <summary>The best-ranked of <paramref name="candidates"/> that may be elected, or null when none may.</summary>
    public static ElectionMessage? Best(IEnumerable<ElectionMessage> candidates)
    {
        ElectionMessage? best = null;
        foreach (var candidate in candidates)
        {
            if (!candidate.Candidate) continue;
            if (best is null || Instance.Compare(candidate, best) > 0) best = candidate;
        }
        return best;
    }
}
