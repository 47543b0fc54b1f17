using Akka.Cluster;

namespace Actors.Election.Logic;

/// <summary>
/// A master's electorate changes, one member at a time (Raft's single-server changes): removed members
/// first, then newcomers, each in node order, and the next change only after a majority of the current
/// electorate has acknowledged the current one in this master's session.
/// </summary>
public static class ElectoratePlanner
{
    /// <summary>
    /// The electorate a master of <paramref name="session"/> should announce next, or null when
    /// <paramref name="current"/> already matches <paramref name="members"/> or must first be acknowledged.
    /// </summary>
    /// <param name="session">The master's session (the new version is minted in it).</param>
    /// <param name="current">The electorate the master holds.</param>
    /// <param name="members">The membership the electorate should converge to (Up or Leaving, with the role).</param>
    /// <param name="removed">Members known to be gone for good.</param>
    /// <param name="acknowledged">The voters that hold <paramref name="current"/> in <paramref name="session"/> (the master included).</param>
    public static Electorate? Next(long session, Electorate current, IReadOnlySet<UniqueAddress> members,
        IReadOnlySet<UniqueAddress> removed, IReadOnlySet<UniqueAddress> acknowledged)
    {
        var leaving = current.Members.FirstOrDefault(m => removed.Contains(m) || !members.Contains(m));
        var joining = members.Where(m => !current.Contains(m) && !removed.Contains(m)).OrderBy(m => m, NodeOrdering.Instance).FirstOrDefault();
        if (leaving is null && joining is null) return null;

        var voters = QuorumRule.Voters(current, removed);
        var acks = voters.Count(acknowledged.Contains);
        if (acks < QuorumRule.Majority(current.Members.Count, voters.Count)) return null;

        var version = new ElectorateVersion(session, current.Version.Sequence + 1);
        return new Electorate(version, leaving is not null ? current.Members.Remove(leaving) : current.Members.Add(joining!));
    }
}
