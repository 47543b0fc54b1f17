using System.Buffers.Binary;
using System.Text;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// Builds Protocol Buffers election message payloads field by field, so tests can put hostile values where the
/// serializer would never write them (unknown kinds, missing required fields, lying lengths, oversized lists). It
/// writes fields in number order and leaves out default values, as the generated code does, so
/// <see cref="ProtobufPayloadBuilderMatchesSerializerTests"/> can hold its defaults equal to the serializer's bytes for
/// <see cref="DefaultMessage"/>. Field numbers are election.proto's.
/// </summary>
internal sealed record ProtobufPayload
{
    /// <summary>The message that the default payload encodes.</summary>
    public static ElectionMessage DefaultMessage => SampleMessages.Message(
        clock: 7, startedAtUnixMs: 1_000, session: 3, commandsSeen: 11, sender: SampleMessages.Node(1),
        voteFor: SampleMessages.Node(2), master: null, priority: 4, candidate: true, forced: false, granted: true,
        electorate: new Electorate(new ElectorateVersion(3, 1), [SampleMessages.Node(1), SampleMessages.Node(2)]));

    public long Kind { get; init; } = (long)ElectionMessageKind.Campaign;
    public long Status { get; init; } = (long)ElectionStatus.Campaigning;
    public long Clock { get; init; } = 7;
    public long StartedAt { get; init; } = 1_000;
    public long Session { get; init; } = 3;
    public long Commands { get; init; } = 11;
    public ProtobufNode? Sender { get; init; } = ProtobufNode.Of(1);
    public ProtobufNode? VoteFor { get; init; } = ProtobufNode.Of(2);
    public ProtobufNode? Master { get; init; }
    public int Priority { get; init; } = 4;
    public bool Candidate { get; init; } = true;
    public bool Forced { get; init; }
    public bool Granted { get; init; } = true;

    /// <summary>The electorate; null leaves the field out.</summary>
    public ProtobufElectorate? Electorate { get; init; } = new();

    public IReadOnlyList<ProtobufNode> Removed { get; init; } = [];

    /// <summary>Raw bytes appended after the last field (more fields, unknown fields, garbage).</summary>
    public byte[] Trailing { get; init; } = [];

    public byte[] Build()
    {
        var w = new ProtoWriter();
        w.VarintField(1, (ulong)Kind);
        w.VarintField(2, (ulong)Status);
        w.VarintField(3, (ulong)Clock);
        w.VarintField(4, (ulong)StartedAt);
        w.VarintField(5, (ulong)Session);
        w.VarintField(6, (ulong)Commands);
        if (Sender is not null) w.BytesField(7, Sender.Build());
        if (VoteFor is not null) w.BytesField(8, VoteFor.Build());
        if (Master is not null) w.BytesField(9, Master.Build());
        w.VarintField(10, ProtoWriter.ZigZag(Priority));
        w.VarintField(11, Candidate ? 1UL : 0);
        w.VarintField(12, Forced ? 1UL : 0);
        w.VarintField(13, Granted ? 1UL : 0);
        if (Electorate is not null) w.BytesField(14, Electorate.Build());
        foreach (var node in Removed) w.BytesField(15, node.Build());
        w.Raw(Trailing);
        return w.ToArray();
    }
}

/// <summary>An <c>ElectorateData</c> as raw fields.</summary>
internal sealed record ProtobufElectorate
{
    public long VersionSession { get; init; } = 3;
    public long VersionSequence { get; init; } = 1;
    public IReadOnlyList<ProtobufNode> Members { get; init; } = [ProtobufNode.Of(1), ProtobufNode.Of(2)];
    public IReadOnlyList<ProtobufNode> Outgoing { get; init; } = [];
    public byte[] Trailing { get; init; } = [];

    public byte[] Build()
    {
        var w = new ProtoWriter();
        w.VarintField(1, (ulong)VersionSession);
        w.VarintField(2, (ulong)VersionSequence);
        foreach (var member in Members) w.BytesField(3, member.Build());
        foreach (var member in Outgoing) w.BytesField(4, member.Build());
        w.Raw(Trailing);
        return w.ToArray();
    }
}

/// <summary>A <c>NodeIdData</c> as raw fields: strings as raw bytes (to inject invalid UTF-8), anything in range or not.</summary>
internal sealed record ProtobufNode(byte[] Protocol, byte[] System, byte[] Host, ulong? Port, int Uid)
{
    /// <summary>The wire form of <see cref="SampleMessages.Node"/>(<paramref name="n"/>).</summary>
    public static ProtobufNode Of(int n) => new("akka.tcp"u8.ToArray(), "sys"u8.ToArray(), Encoding.UTF8.GetBytes($"n{n}"), (ulong)(2550 + n), n);

    /// <summary>Declared length of <see cref="System"/>; null declares its real length.</summary>
    public ulong? DeclaredSystemLength { get; init; }

    /// <summary>Raw bytes appended after the node's fields.</summary>
    public byte[] Trailing { get; init; } = [];

    public byte[] Build()
    {
        var w = new ProtoWriter();
        if (Protocol.Length > 0) w.BytesField(1, Protocol);
        if (System.Length > 0 || DeclaredSystemLength is not null)
        {
            w.Tag(2, 2);
            w.Varint(DeclaredSystemLength ?? (ulong)System.Length);
            w.Raw(System);
        }
        if (Host.Length > 0) w.BytesField(3, Host);
        if (Port is { } port)
        {
            w.Tag(4, 0);
            w.Varint(port);
        }
        if (Uid != 0)
        {
            w.Tag(5, 5);
            var uid = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(uid, Uid);
            w.Raw(uid);
        }
        w.Raw(Trailing);
        return w.ToArray();
    }
}

/// <summary>The few wire-format primitives the payload builders need.</summary>
internal sealed class ProtoWriter
{
    private readonly List<byte> _bytes = [];

    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    public void Tag(int field, int wireType) => Varint(((ulong)(uint)field << 3) | (uint)wireType);

    public void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        _bytes.Add((byte)value);
    }

    /// <summary>A varint field, left out when 0 (proto3's implicit presence).</summary>
    public void VarintField(int field, ulong value)
    {
        if (value == 0) return;
        Tag(field, 0);
        Varint(value);
    }

    public void BytesField(int field, byte[] bytes)
    {
        Tag(field, 2);
        Varint((ulong)bytes.Length);
        Raw(bytes);
    }

    public void Raw(IEnumerable<byte> bytes) => _bytes.AddRange(bytes);

    public byte[] ToArray() => [.. _bytes];
}
