using Akka.Cluster;

namespace Actors.Election.Logic;

/// <summary>
/// A master's electorate changes: one member at a time (removed and leaving members first, then newcomers, each in node
/// order), each in two announced steps as Raft's joint consensus makes them: first a joint electorate (the new member set
/// with the old one as <see cref="Electorate.Outgoing"/>, where a quorum needs a majority of both), then the new member
/// set alone. A step is taken only once a quorum acknowledged the current electorate in this master's session, the first
/// one included: a new master commits its own session's electorate before it changes anything (Raft's fix for its
/// single-server changes). The joint step is needed because of the even-size tie-break of <see cref="QuorumRule"/>:
/// the half of an even electorate holding its lowest member and a majority of the electorate one member larger or smaller
/// can be disjoint, so two electorates one member apart may not both be in use for one session unless a quorum of each
/// must agree.
/// </summary>
public static class ElectoratePlanner
{
    /// <summary>
    /// The electorate a master of <paramref name="session"/> announces next, or null when <paramref name="current"/>
    /// already matches <paramref name="target"/> or is not committed yet.
    /// </summary>
    /// <param name="session">The master's session (the next version is minted in it).</param>
    /// <param name="current">The electorate the master holds.</param>
    /// <param name="committed">Whether a quorum acknowledged <paramref name="current"/> in <paramref name="session"/>.</param>
    /// <param name="target">The members the electorate should converge to (Up, not leaving, not removed, the master included).</param>
    public static Electorate? Next(long session, Electorate current, bool committed, IReadOnlySet<UniqueAddress> target) =>
        Next(session, current, committed, target, jointStages: true);

    /// <summary>As <see cref="Next(long, Electorate, bool, IReadOnlySet{UniqueAddress})"/>; without <paramref name="jointStages"/> a change takes effect in one step (a test mutant: unsafe with the tie-break).</summary>
    internal static Electorate? Next(long session, Electorate current, bool committed, IReadOnlySet<UniqueAddress> target, bool jointStages)
    {
        if (!committed) return null;
        var version = new ElectorateVersion(session, current.Version.Session == session ? current.Version.Sequence + 1 : 1);
        if (current.IsJoint) return new Electorate(version, current.Members);
        var leaving = current.Members.FirstOrDefault(m => !target.Contains(m));
        var joining = target.Where(m => !current.Members.Contains(m)).OrderBy(m => m, NodeOrdering.Instance).FirstOrDefault();
        if (leaving is null && joining is null) return null;
        var next = leaving is not null ? current.Members.Remove(leaving) : current.Members.Add(joining!);
        return jointStages ? new Electorate(version, next, current.Members) : new Electorate(version, next);
    }
}
