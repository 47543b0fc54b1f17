using System.Collections.Immutable;
using Akka.Cluster;

namespace Actors.Election.Logic;

/// <summary>
/// How many votes elect a master, from the electorate a node holds. Removed members (downed or left: their
/// incarnation can never vote again) are dropped by every node on its own; this keeps majorities
/// overlapping because the votes counted always come from members that are still there.
/// </summary>
public static class QuorumRule
{
    /// <summary>The members whose votes count: the electorate less those known to be removed.</summary>
    public static ImmutableSortedSet<UniqueAddress> Voters(Electorate electorate, IReadOnlySet<UniqueAddress> removed) =>
        removed.Count == 0 ? electorate.Members : electorate.Members.Except(removed);

    /// <summary>
    /// The votes needed. <c>majority</c>: more than half of the voters, and all of them for the bootstrap
    /// electorate (before any master announced one, nodes may hold different member sets, and only unanimity
    /// keeps two of them from electing with disjoint votes). <c>reachable</c>: every reachable voter.
    /// </summary>
    public static int Required(QuorumMode mode, Electorate electorate, IReadOnlySet<UniqueAddress> removed, IReadOnlySet<UniqueAddress> unreachable)
    {
        var voters = Voters(electorate, removed);
        return mode switch
        {
            QuorumMode.Reachable => Math.Max(1, voters.Count(v => !unreachable.Contains(v))),
            _ when electorate.Version.IsBootstrap => Math.Max(1, voters.Count),
            _ => voters.Count / 2 + 1,
        };
    }

    /// <summary>True when the reachable voters could still form a quorum (the node asking need not be one of them).</summary>
    public static bool CanReach(QuorumMode mode, Electorate electorate, IReadOnlySet<UniqueAddress> removed, IReadOnlySet<UniqueAddress> unreachable)
    {
        var voters = Voters(electorate, removed);
        var reachable = voters.Count(v => !unreachable.Contains(v));
        return reachable >= Required(mode, electorate, removed, unreachable);
    }
}
