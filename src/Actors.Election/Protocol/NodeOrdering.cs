using Akka.Cluster;

namespace Actors.Election;

/// <summary>
/// The total order over node ids used for tie-breaks and for sorted electorates: address as
/// <see cref="Member.AddressOrdering"/> orders it, then the incarnation uid.
/// </summary>
public sealed class NodeOrdering : IComparer<UniqueAddress>
{
    /// <summary>The one instance.</summary>
    public static readonly NodeOrdering Instance = new();

    private NodeOrdering() { }

    /// <inheritdoc />
    public int Compare(UniqueAddress? x, UniqueAddress? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var byAddress = Member.AddressOrdering.Compare(x.Address, y.Address);
        return byAddress != 0 ? byAddress : x.Uid.CompareTo(y.Uid);
    }
}
