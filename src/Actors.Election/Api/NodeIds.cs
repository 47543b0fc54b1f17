using Akka.Cluster;

namespace Actors.Election;

/// <summary>
/// The one short text form of a node id used everywhere the library shows a node to people: log lines, the demo,
/// metric tags. <c>host:port#uid</c>, e.g. <c>10.0.0.1:2551#1234567</c>; the protocol and actor-system name are left
/// out because every member of one cluster shares them.
/// </summary>
public static class NodeIds
{
    /// <summary><paramref name="node"/> as <c>host:port#uid</c> (<c>-</c> for null).</summary>
    public static string ToShortId(this UniqueAddress? node) =>
        node is null ? "-" : $"{node.Address.Host ?? node.Address.System}:{node.Address.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}#{node.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
