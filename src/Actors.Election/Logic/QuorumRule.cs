using System.Collections.Immutable;
using Akka.Cluster;

namespace Actors.Election.Logic;

/// <summary>
/// How many votes elect a master, from the electorate a node holds. Removed members (downed or left: their
/// incarnation can never vote again) cast no more votes, but in <c>majority</c> mode they still count towards the size
/// of the electorate until a master announces one without them: a removed member may have voted in a session before
/// it went, so a remnant that could not hear of that session must not become a majority on its own.
/// </summary>
public static class QuorumRule
{
    /// <summary>The members whose votes count: the electorate less those known to be removed.</summary>
    public static ImmutableSortedSet<UniqueAddress> Voters(Electorate electorate, IReadOnlySet<UniqueAddress> removed) =>
        removed.Count == 0 ? electorate.Members : electorate.Members.Except(removed);

    /// <summary>
    /// The votes needed. <c>majority</c>: more than half of the electorate (removed members included), and every voter for the bootstrap
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
            _ => electorate.Members.Count / 2 + 1,
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
