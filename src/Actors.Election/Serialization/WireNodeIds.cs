using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election.Serialization;

/// <summary>
/// What a node id must be to travel, the same in both formats: a protocol and a system name, a port in 0..65535 if
/// any, text within <see cref="WireText"/>'s rules. A writer refuses what a reader would reject.
/// </summary>
internal static class WireNodeIds
{
    /// <summary>Refuses a node id that a reader would reject.</summary>
    public static void CheckWritable(UniqueAddress node)
    {
        var a = node.Address;
        if (string.IsNullOrEmpty(a.Protocol) || string.IsNullOrEmpty(a.System) || a.Port is < 0 or > 65535)
            throw WireErrors.CannotSerialize($"invalid node address '{a}'");
        WireText.CheckWritable(a.Protocol, "protocol");
        WireText.CheckWritable(a.System, "system");
        WireText.CheckWritable(a.Host ?? "", "host");
    }

    /// <summary>The node id read from its fields (an empty host, a null port: none); rejects what the schema does not allow.</summary>
    public static UniqueAddress Create(string protocol, string system, string host, long? port, int uid)
    {
        if (protocol.Length == 0) throw WireErrors.Malformed("empty protocol");
        if (system.Length == 0) throw WireErrors.Malformed("empty system name");
        if (port is < 0 or > 65535) throw WireErrors.Malformed($"port {port} out of range");
        var address = new Address(protocol, system, host.Length == 0 ? null : host, port is null ? null : (int)port.Value);
        return new UniqueAddress(address, uid);
    }
}
