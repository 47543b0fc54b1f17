using System.Collections.Immutable;
using System.Runtime.Serialization;
using Akka.Cluster;

namespace Actors.Election.Serialization;

/// <summary>
/// The hand-written binary schema of the releases before the Protocol Buffers format (manifest "EM"): schema 2 is
/// written, schemas 1 and 2 are read, byte for byte as those releases do, so a node can talk to them during a
/// rolling upgrade. Those releases reject any other schema version and trailing bytes, so nothing can be added here:
/// new fields go to <c>election.proto</c> only.
/// </summary>
internal static class LegacyBinaryCodec
{
    /// <summary>The schema version written: 2, with the removed members at the end.</summary>
    public const byte SchemaVersion = 2;

    /// <summary>Schema 1: the same without the removed members (still read, as an empty set).</summary>
    public const byte SchemaVersionWithoutRemoved = 1;

    public static byte[] Write(ElectionMessage m)
    {
        var members = MembersToWrite(m.Electorate);
        if (members.Count > WireLimits.MaxElectorate)
            throw WireErrors.CannotSerialize($"electorate of {members.Count} members, the schema allows {WireLimits.MaxElectorate}");
        if (m.Removed.Count > WireLimits.MaxElectorate)
            throw WireErrors.CannotSerialize($"{m.Removed.Count} removed members, the schema allows {WireLimits.MaxElectorate}");
        var w = new WireWriter();
        w.Byte(SchemaVersion);
        w.Byte((byte)m.Kind);
        w.Byte((byte)m.Status);
        w.Int(m.Clock);
        w.Int(m.Seniority.StartedAtUnixMs);
        w.Int(m.ProposedSession);
        w.Int(m.CommandsSeen);
        WriteNode(w, m.Sender);
        WriteOptionalNode(w, m.VoteFor);
        WriteOptionalNode(w, m.Master);
        w.Int(m.Priority);
        w.Byte((byte)((m.Candidate ? 1 : 0) | (m.Forced ? 2 : 0) | (m.Granted ? 4 : 0)));
        w.Int(m.Electorate.Version.Session);
        w.Int(m.Electorate.Version.Sequence);
        w.UInt((ulong)members.Count);
        foreach (var member in members) WriteNode(w, member);
        w.UInt((ulong)m.Removed.Count);
        foreach (var removed in m.Removed) WriteNode(w, removed);
        var bytes = w.ToArray();
        if (bytes.Length > WireLimits.MaxMessageBytes)
            throw WireErrors.CannotSerialize($"{bytes.Length} bytes, the schema allows {WireLimits.MaxMessageBytes}");
        return bytes;
    }

    /// <summary>
    /// Schema 2 has one member list and no room for <see cref="Electorate.Outgoing"/>. A joint electorate whose change
    /// adds at most one member and removes at most one is written as the union of its two member sets, under its own
    /// version: every majority of the union then shares a voter with every majority of the old set, of the new set and
    /// of both together (the union has at most one node more than either set), so a node that reads it as a plain
    /// electorate counts quorums that overlap everyone else's. A larger change has no such safe plain form: it is
    /// refused, and the message is dropped as if lost, which costs liveness, never safety.
    /// </summary>
    internal static ImmutableSortedSet<UniqueAddress> MembersToWrite(Electorate electorate)
    {
        if (!electorate.IsJoint) return electorate.Members;
        var added = electorate.Members.Except(electorate.Outgoing).Count;
        var removed = electorate.Outgoing.Except(electorate.Members).Count;
        if (added > 1 || removed > 1)
            throw WireErrors.CannotSerialize(
                $"the legacy wire format cannot carry a joint electorate that adds {added} and removes {removed} members at once " +
                $"({electorate}); set actors.election.wire-format = protobuf once every node runs a release that reads it");
        return electorate.Members.Union(electorate.Outgoing);
    }

    public static ElectionMessage Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > WireLimits.MaxMessageBytes)
            throw WireErrors.Malformed($"{bytes.Length} bytes, the schema allows {WireLimits.MaxMessageBytes}");
        try
        {
            var r = new WireReader(bytes);
            var version = r.Byte();
            if (version is not (SchemaVersion or SchemaVersionWithoutRemoved)) throw WireErrors.Malformed($"unknown schema version {version}");
            var kindByte = r.Byte();
            if (kindByte > (byte)ElectionMessageKind.Reply) throw WireErrors.Malformed($"unknown message kind {kindByte}");
            var statusByte = r.Byte();
            if (statusByte > (byte)ElectionStatus.Follower) throw WireErrors.Malformed($"unknown status {statusByte}");
            var clock = r.Int();
            var startedAt = r.Int();
            var session = r.Int();
            var commands = r.Int();
            var sender = ReadNode(ref r);
            var voteFor = ReadOptionalNode(ref r);
            var master = ReadOptionalNode(ref r);
            var priority = r.Int32();
            var flags = r.Byte();
            if (flags > 7) throw WireErrors.Malformed($"unknown flags {flags}");
            var electorateVersion = new ElectorateVersion(r.Int(), r.Int());
            var count = r.Count(WireLimits.MaxElectorate, "electorate");
            var members = new List<UniqueAddress>(Math.Min(count, 64));
            for (var i = 0; i < count; i++) members.Add(ReadNode(ref r));
            var removed = ImmutableSortedSet.CreateBuilder(NodeOrdering.Instance);
            if (version == SchemaVersion)
            {
                var removedCount = r.Count(WireLimits.MaxElectorate, "removed members");
                for (var i = 0; i < removedCount; i++) removed.Add(ReadNode(ref r));
            }
            r.ExpectEnd();
            return new ElectionMessage((ElectionMessageKind)kindByte, (ElectionStatus)statusByte, clock, new Seniority(startedAt), session, commands, sender,
                voteFor, master, priority, Candidate: (flags & 1) != 0, Forced: (flags & 2) != 0, Granted: (flags & 4) != 0,
                new Electorate(electorateVersion, members)) { Removed = removed.ToImmutable() };
        }
        catch (SerializationException)
        {
            throw;
        }
        catch (Exception e)
        {
            // Akka's own types (Address, UniqueAddress) may reject values the schema allows; still bad input.
            throw WireErrors.Malformed(e.Message, e);
        }
    }

    private static void WriteNode(WireWriter w, UniqueAddress node)
    {
        WireNodeIds.CheckWritable(node);
        var a = node.Address;
        w.String(a.Protocol, "protocol");
        w.String(a.System, "system");
        w.String(a.Host ?? "", "host");
        w.Int(a.Port ?? -1);
        w.Int(node.Uid);
    }

    private static void WriteOptionalNode(WireWriter w, UniqueAddress? node)
    {
        w.Bool(node is not null);
        if (node is not null) WriteNode(w, node);
    }

    private static UniqueAddress ReadNode(ref WireReader r)
    {
        var protocol = r.String(WireLimits.MaxStringBytes, "protocol");
        var system = r.String(WireLimits.MaxStringBytes, "system");
        var host = r.String(WireLimits.MaxStringBytes, "host");
        var port = r.Int32();
        var uid = r.Int32();
        // -1 is the schema's "no port"; any other negative port is out of range.
        return WireNodeIds.Create(protocol, system, host, port == -1 ? null : port, uid);
    }

    private static UniqueAddress? ReadOptionalNode(ref WireReader r) => r.Bool() ? ReadNode(ref r) : null;
}
