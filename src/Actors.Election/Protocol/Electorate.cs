using System.Collections.Immutable;
using Akka.Cluster;

namespace Actors.Election;

/// <summary>
/// The set of nodes whose votes count, as a master last announced it (or, before any master, as the
/// node's own membership view). Majorities of two different member sets need not overlap, so the
/// electorate only changes one member at a time and each change gets a new <see cref="ElectorateVersion"/>.
/// </summary>
public sealed class Electorate : IEquatable<Electorate>
{
    /// <summary>Creates an electorate; members are kept sorted by <see cref="NodeOrdering"/>.</summary>
    public Electorate(ElectorateVersion version, IEnumerable<UniqueAddress> members)
    {
        Version = version;
        Members = members.ToImmutableSortedSet(NodeOrdering.Instance);
    }

    /// <summary>The bootstrap electorate (version 0.0) made of <paramref name="members"/>.</summary>
    public static Electorate Bootstrap(IEnumerable<UniqueAddress> members) => new(ElectorateVersion.Bootstrap, members);

    /// <summary>Which electorate this is.</summary>
    public ElectorateVersion Version { get; }

    /// <summary>The members whose votes count, in <see cref="NodeOrdering"/>.</summary>
    public ImmutableSortedSet<UniqueAddress> Members { get; }

    /// <summary>True when <paramref name="node"/> is a member.</summary>
    public bool Contains(UniqueAddress node) => Members.Contains(node);

    /// <summary>A copy with <paramref name="node"/> added under <paramref name="version"/>.</summary>
    public Electorate With(UniqueAddress node, ElectorateVersion version) => new(version, Members.Add(node));

    /// <summary>A copy with <paramref name="node"/> removed under <paramref name="version"/>.</summary>
    public Electorate Without(UniqueAddress node, ElectorateVersion version) => new(version, Members.Remove(node));

    /// <inheritdoc />
    public bool Equals(Electorate? other) =>
        other is not null && Version == other.Version && Members.SetEquals(other.Members);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Electorate);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Version, Members.Count);

    /// <inheritdoc />
    public override string ToString() => $"{Version}[{string.Join(", ", Members)}]";
}
