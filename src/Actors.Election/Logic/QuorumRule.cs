using Akka.Cluster;

namespace Actors.Election.Logic;

/// <summary>
/// Which sets of votes elect a master, from the electorate the counting node holds.
/// <list type="bullet">
/// <item><c>majority</c>: more than half of the members, or exactly half when that half holds the electorate's lowest
/// member (by <see cref="NodeOrdering"/>). Any two such sets of one member set share a member: two halves that each hold
/// the lowest member share it, and a half and a larger part cannot be disjoint. Every node computes the tie-break from
/// the electorate itself, so no downing decision is trusted; it is the half that Akka's keep-majority resolver keeps after
/// an even split. While a change is in progress (a joint electorate) a quorum needs such a set of both member sets, which
/// is what keeps the tie-break safe across changes (see <see cref="ElectoratePlanner"/>). Removed members cast no votes,
/// but they still count towards the size: a removal is not a vote taken away on hearsay (a downed process may still run
/// and vote on the other side of a partition). Only <c>trust-downing</c> (an explicit opt-in) leaves removals out.</item>
/// <item>Before any master announced an electorate (the bootstrap electorate: the node's own membership view), every
/// member: views may differ while members join, and only unanimity keeps two views from electing with disjoint votes.</item>
/// <item><c>reachable</c>: every reachable voter.</item>
/// </list>
/// Pure: no state, no time.
/// </summary>
public static class QuorumRule
{
    /// <summary>
    /// True when <paramref name="votes"/> is a majority of <paramref name="members"/>: more than half, or exactly half
    /// holding the lowest member. An empty member set has no majority.
    /// </summary>
    public static bool IsMajority(IReadOnlyCollection<UniqueAddress> members, IEnumerable<UniqueAddress> votes)
    {
        if (members.Count == 0) return false;
        var set = members as IReadOnlySet<UniqueAddress> ?? members.ToHashSet();
        var counted = votes.Distinct().Where(set.Contains).ToList();
        if (2 * counted.Count > members.Count) return true;
        if (2 * counted.Count < members.Count) return false;
        var lowest = members.Min(NodeOrdering.Instance)!;
        return counted.Contains(lowest);
    }

    /// <summary>
    /// True when <paramref name="votes"/> elect under <paramref name="electorate"/> in <paramref name="mode"/>.
    /// <paramref name="excluded"/> are removed members left out of the electorate before counting (none in majority mode
    /// unless <c>trust-downing</c>; every removed one in reachable mode); <paramref name="notReachable"/> matters in
    /// reachable mode only.
    /// </summary>
    public static bool IsQuorum(QuorumMode mode, Electorate electorate, IReadOnlySet<UniqueAddress> votes,
        IReadOnlySet<UniqueAddress> excluded, IReadOnlySet<UniqueAddress> notReachable)
    {
        if (mode == QuorumMode.Reachable)
        {
            var voters = electorate.AllVoters.Where(v => !excluded.Contains(v)).ToList();
            var required = Math.Max(1, voters.Count(v => !notReachable.Contains(v)));
            return voters.Count(votes.Contains) >= required;
        }
        if (electorate.Version.IsBootstrap)
        {
            var members = electorate.Members.Where(m => !excluded.Contains(m)).ToList();
            return members.Count > 0 && members.All(votes.Contains);
        }
        return IsMajority(Less(electorate.Members, excluded), votes)
               && (!electorate.IsJoint || IsMajority(Less(electorate.Outgoing, excluded), votes));
    }

    /// <summary>True when the voters of <paramref name="electorate"/> that are not in <paramref name="notReachable"/> could form a quorum.</summary>
    public static bool CanReach(QuorumMode mode, Electorate electorate, IReadOnlySet<UniqueAddress> excluded, IReadOnlySet<UniqueAddress> notReachable)
    {
        var reachable = electorate.AllVoters.Where(v => !excluded.Contains(v) && !notReachable.Contains(v)).ToHashSet();
        return IsQuorum(mode, electorate, reachable, excluded, notReachable);
    }

    private static IReadOnlyCollection<UniqueAddress> Less(System.Collections.Immutable.ImmutableSortedSet<UniqueAddress> members, IReadOnlySet<UniqueAddress> excluded) =>
        excluded.Count == 0 ? members : members.Except(excluded);
}
