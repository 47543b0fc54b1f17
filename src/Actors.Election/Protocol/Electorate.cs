using System.Collections.Immutable;
using Akka.Cluster;

namespace Actors.Election;

/// <summary>
/// The set of nodes whose votes count, as a master last announced it (or, before any master, as the node's own
/// membership view), with a <see cref="ElectorateVersion"/>. A change is made in two announced steps, as Raft's joint
/// consensus does: first a joint electorate (<see cref="Members"/> the new member set, <see cref="Outgoing"/> the old
/// one), in which a quorum needs a quorum of each, then the new member set alone. Each step is taken only once a quorum
/// acknowledged the one before, so the quorums of any two electorates in use at once always share a voter.
/// </summary>
public sealed class Electorate : IEquatable<Electorate>
{
    private static readonly ImmutableSortedSet<UniqueAddress> None = ImmutableSortedSet.Create<UniqueAddress>(NodeOrdering.Instance);

    /// <summary>Creates an electorate; members are kept sorted by <see cref="NodeOrdering"/>.</summary>
    /// <param name="version">Which electorate this is.</param>
    /// <param name="members">The members whose votes count.</param>
    /// <param name="outgoing">While a change is in progress, the member set being replaced (its quorum must agree too); empty otherwise.</param>
    public Electorate(ElectorateVersion version, IEnumerable<UniqueAddress> members, IEnumerable<UniqueAddress>? outgoing = null)
    {
        Version = version;
        Members = members.ToImmutableSortedSet(NodeOrdering.Instance);
        Outgoing = outgoing is null ? None : outgoing.ToImmutableSortedSet(NodeOrdering.Instance);
    }

    /// <summary>The bootstrap electorate (version 0.0) made of <paramref name="members"/>.</summary>
    public static Electorate Bootstrap(IEnumerable<UniqueAddress> members) => new(ElectorateVersion.Bootstrap, members);

    /// <summary>Which electorate this is.</summary>
    public ElectorateVersion Version { get; }

    /// <summary>The members whose votes count, in <see cref="NodeOrdering"/> (the new member set while a change is in progress).</summary>
    public ImmutableSortedSet<UniqueAddress> Members { get; }

    /// <summary>While a change is in progress (a joint electorate), the member set being replaced; empty otherwise.</summary>
    public ImmutableSortedSet<UniqueAddress> Outgoing { get; }

    /// <summary>True while a change is in progress: a quorum needs a quorum of <see cref="Members"/> and one of <see cref="Outgoing"/>.</summary>
    public bool IsJoint => Outgoing.Count > 0;

    /// <summary>Every node whose vote counts in this electorate: <see cref="Members"/> and <see cref="Outgoing"/>.</summary>
    public IEnumerable<UniqueAddress> AllVoters => IsJoint ? Members.Union(Outgoing) : Members;

    /// <summary>True when <paramref name="node"/> is a member (of either member set while a change is in progress).</summary>
    public bool Contains(UniqueAddress node) => Members.Contains(node) || Outgoing.Contains(node);

    /// <summary>A copy with <paramref name="node"/> added under <paramref name="version"/> (no change in progress).</summary>
    public Electorate With(UniqueAddress node, ElectorateVersion version) => new(version, Members.Add(node));

    /// <summary>A copy with <paramref name="node"/> removed under <paramref name="version"/> (no change in progress).</summary>
    public Electorate Without(UniqueAddress node, ElectorateVersion version) => new(version, Members.Remove(node));

    /// <summary>The same members under another version.</summary>
    public Electorate WithVersion(ElectorateVersion version) => new(version, Members, Outgoing);

    /// <inheritdoc />
    public bool Equals(Electorate? other) =>
        other is not null && Version == other.Version && Members.SetEquals(other.Members) && Outgoing.SetEquals(other.Outgoing);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Electorate);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Version, Members.Count, Outgoing.Count);

    /// <inheritdoc />
    public override string ToString() =>
        IsJoint
            ? $"{Version}[{string.Join(", ", Members.Select(m => m.ToShortId()))} | was {string.Join(", ", Outgoing.Select(m => m.ToShortId()))}]"
            : $"{Version}[{string.Join(", ", Members.Select(m => m.ToShortId()))}]";
}
