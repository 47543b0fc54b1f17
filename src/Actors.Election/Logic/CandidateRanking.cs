namespace Actors.Election.Logic;

/// <summary>
/// The ranking of candidates, a pure total order over values every node sees alike (greater wins):
/// eligible (<c>candidate = on</c>) &gt; a <c>ForceMaster</c> promotion &gt; holds the newer electorate &gt;
/// is a member of the electorate it holds &gt; <c>priority</c> &gt; seniority (older wins) &gt; commands seen &gt;
/// node id. With default settings and one electorate this is exactly the seed's order. The electorate comes before
/// priority for the reason Raft prefers the more up-to-date log: a voter only votes for a candidate whose electorate
/// is at least as new as its own, so every voter must prefer the newest one or the votes could split for ever.
/// Among holders of one electorate its members come first: a newcomer not yet admitted counts its votes among that
/// electorate's voters like everyone, but cannot know of members removed before it joined (it never saw them), so it
/// may wait for votes that never come, where a member that saw them go counts its quorum at once. (Treating the members
/// a node never saw as gone instead would change no odd electorate's quorum, and lower an even one's to one half: two
/// candidates could then each count one half, each having missed a live member of the other half; only the membership
/// reaching every node in time would rule that out, and safety must not depend on timing.)
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
        c = IsMember(x).CompareTo(IsMember(y));
        if (c != 0) return c;
        c = x.Priority.CompareTo(y.Priority);
        if (c != 0) return c;
        c = x.Seniority.CompareTo(y.Seniority);
        if (c != 0) return c;
        c = x.CommandsSeen.CompareTo(y.CommandsSeen);
        if (c != 0) return c;
        return NodeOrdering.Instance.Compare(x.Sender, y.Sender);
    }

    // A bootstrap electorate is the sender's own membership view, which holds the sender once it takes part.
    private static bool IsMember(ElectionMessage m) => m.Electorate.Version.IsBootstrap || m.Electorate.Contains(m.Sender);

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
