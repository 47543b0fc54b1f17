using System.Collections.Immutable;
using Akka.Cluster;

namespace Actors.Election.Logic;

/// <summary>
/// How many votes elect a master, from the electorate a node holds. Removed members (downed or left: their incarnation
/// can never vote again) cast no more votes. In <c>majority</c> mode a quorum must still overlap every majority the
/// electorate could ever have formed, removed members included (one of them may have elected a master in a session the
/// survivors never heard of; a voter of that session in the quorum keeps it from being used again), and it must overlap
/// every other quorum of the survivors: more than <c>n - n/2 - 1</c> of the <c>n</c> members, and more than half of the
/// survivors. Without removals that is the plain majority; a two-member electorate that lost one still elects.
/// Nodes may know different removals (seen in their own membership, or reported by members in
/// <see cref="ElectionMessage.Removed"/>), but every one is a fact (a removed incarnation never votes again), so each
/// node's removed set is part of the truly removed ones, and any quorum it counts is a majority of the true
/// survivors: two quorums always share a voter. That is why a node never takes a reported removal of a member it sees
/// alive, and why removals may be learnt from anyone.
/// </summary>
public static class QuorumRule
{
    /// <summary>The members whose votes count: the electorate less those known to be removed.</summary>
    public static ImmutableSortedSet<UniqueAddress> Voters(Electorate electorate, IReadOnlySet<UniqueAddress> removed) =>
        removed.Count == 0 ? electorate.Members : electorate.Members.Except(removed);

    /// <summary>
    /// The votes needed. <c>majority</c>: <see cref="Majority"/> of the electorate, and every voter for the bootstrap
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
            _ => Majority(electorate.Members.Count, voters.Count),
        };
    }

    /// <summary>True when the reachable voters could still form a quorum (the node asking need not be one of them).</summary>
    public static bool CanReach(QuorumMode mode, Electorate electorate, IReadOnlySet<UniqueAddress> removed, IReadOnlySet<UniqueAddress> unreachable)
    {
        var voters = Voters(electorate, removed);
        var reachable = voters.Count(v => !unreachable.Contains(v));
        return reachable >= Required(mode, electorate, removed, unreachable);
    }

    /// <summary>
    /// The votes a quorum of an electorate of <paramref name="members"/> needs when <paramref name="survivors"/> of them
    /// are not removed: enough to meet every majority of all the members, and every other quorum of the survivors.
    /// </summary>
    public static int Majority(int members, int survivors) => Math.Max(members - members / 2, survivors / 2 + 1);
}
