using System.Collections.Immutable;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Serialization;

namespace Actors.Election.Cluster.Tests.PreviousRelease;

/// <summary>
/// The previous release's serializer, frozen: a verbatim copy of <c>ElectionMessageSerializer</c> as of commit
/// 68b4a68 (before the Protocol Buffers format), only renamed. It writes binary schema 2 under manifest "EM" and
/// rejects every other manifest, schema version and trailing bytes, exactly as a node of that release does. The
/// rolling-upgrade test configures it as <c>actors-election</c> (id 4711) on the nodes that still run the old
/// release. Do not "fix" or modernise it: its whole value is that it does not change.
/// </summary>
public sealed class PreviousReleaseSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id registered in reference.conf.</summary>
    public const int Id = 4711;

    /// <summary>The manifest of <see cref="ElectionMessage"/>.</summary>
    public const string ElectionMessageManifest = "EM";

    internal const byte SchemaVersion = 2;

    // Version 1: the same without the removed members at the end (still read, as an empty set).
    internal const byte SchemaVersionWithoutRemoved = 1;
    internal const int MaxStringBytes = 1024;
    internal const int MaxElectorate = 4096;

    /// <summary>Created by Akka's serialization with the system it serves.</summary>
    public PreviousReleaseSerializer(ExtendedActorSystem system) : base(system) { }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        ElectionMessage => ElectionMessageManifest,
        _ => throw new SerializationException($"{nameof(PreviousReleaseSerializer)} cannot serialize {o?.GetType().FullName ?? "null"}"),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj switch
    {
        ElectionMessage message => Write(message),
        _ => throw new SerializationException($"{nameof(PreviousReleaseSerializer)} cannot serialize {obj?.GetType().FullName ?? "null"}"),
    };

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (bytes is null) throw new SerializationException("Malformed election message: no bytes");
        return manifest switch
        {
            ElectionMessageManifest => Read(bytes),
            _ => throw new SerializationException($"Unknown manifest '{manifest}' for {nameof(PreviousReleaseSerializer)}"),
        };
    }

    internal static byte[] Write(ElectionMessage m)
    {
        var w = new PreviousWireWriter();
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
        if (m.Electorate.Members.Count > MaxElectorate)
            throw new SerializationException($"Cannot serialize election message: electorate of {m.Electorate.Members.Count} members, the schema allows {MaxElectorate}");
        w.UInt((ulong)m.Electorate.Members.Count);
        foreach (var member in m.Electorate.Members) WriteNode(w, member);
        if (m.Removed.Count > MaxElectorate)
            throw new SerializationException($"Cannot serialize election message: {m.Removed.Count} removed members, the schema allows {MaxElectorate}");
        w.UInt((ulong)m.Removed.Count);
        foreach (var removed in m.Removed) WriteNode(w, removed);
        return w.ToArray();
    }

    internal static ElectionMessage Read(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var r = new PreviousWireReader(bytes);
            var version = r.Byte();
            if (version is not (SchemaVersion or SchemaVersionWithoutRemoved)) throw PreviousWireReader.Malformed($"unknown schema version {version}");
            var kindByte = r.Byte();
            if (kindByte > (byte)ElectionMessageKind.Reply) throw PreviousWireReader.Malformed($"unknown message kind {kindByte}");
            var statusByte = r.Byte();
            if (statusByte > (byte)ElectionStatus.Follower) throw PreviousWireReader.Malformed($"unknown status {statusByte}");
            var clock = r.Int();
            var startedAt = r.Int();
            var session = r.Int();
            var commands = r.Int();
            var sender = ReadNode(ref r);
            var voteFor = ReadOptionalNode(ref r);
            var master = ReadOptionalNode(ref r);
            var priority = r.Int32();
            var flags = r.Byte();
            if (flags > 7) throw PreviousWireReader.Malformed($"unknown flags {flags}");
            var electorateVersion = new ElectorateVersion(r.Int(), r.Int());
            var count = r.Count(MaxElectorate, "electorate");
            var members = new List<UniqueAddress>(Math.Min(count, 64));
            for (var i = 0; i < count; i++) members.Add(ReadNode(ref r));
            var removed = ImmutableSortedSet.CreateBuilder(NodeOrdering.Instance);
            if (version == SchemaVersion)
            {
                var removedCount = r.Count(MaxElectorate, "removed members");
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
            throw PreviousWireReader.Malformed(e.Message, e);
        }
    }

    private static void WriteNode(PreviousWireWriter w, UniqueAddress node)
    {
        var a = node.Address;
        // Refuse what ReadNode rejects, so a bad address fails on the sender instead of on every receiver.
        if (string.IsNullOrEmpty(a.Protocol) || string.IsNullOrEmpty(a.System) || a.Port is < 0 or > 65535)
            throw new SerializationException($"Cannot serialize election message: invalid node address '{a}'");
        w.String(a.Protocol, MaxStringBytes, "protocol");
        w.String(a.System, MaxStringBytes, "system");
        w.String(a.Host ?? "", MaxStringBytes, "host");
        w.Int(a.Port ?? -1);
        w.Int(node.Uid);
    }

    private static void WriteOptionalNode(PreviousWireWriter w, UniqueAddress? node)
    {
        w.Bool(node is not null);
        if (node is not null) WriteNode(w, node);
    }

    private static UniqueAddress ReadNode(ref PreviousWireReader r)
    {
        var protocol = r.String(MaxStringBytes, "protocol");
        var system = r.String(MaxStringBytes, "system");
        var host = r.String(MaxStringBytes, "host");
        var port = r.Int32();
        var uid = r.Int32();
        if (protocol.Length == 0) throw PreviousWireReader.Malformed("empty protocol");
        if (system.Length == 0) throw PreviousWireReader.Malformed("empty system name");
        if (port is < -1 or > 65535) throw PreviousWireReader.Malformed($"port {port} out of range");
        var address = new Address(protocol, system, host.Length == 0 ? null : host, port < 0 ? null : port);
        return new UniqueAddress(address, uid);
    }

    private static UniqueAddress? ReadOptionalNode(ref PreviousWireReader r) => r.Bool() ? ReadNode(ref r) : null;
}
