using System.Text;
using Actors.Election.Serialization;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// Builds legacy (binary schema 1 and 2) election message payloads field by field, so tests can put hostile values where the serializer
/// would never write them. <see cref="PayloadBuilderMatchesSerializerTests"/> keeps its defaults equal to
/// what the serializer writes for <see cref="DefaultMessage"/>.
/// </summary>
internal sealed record LegacyPayload
{
    /// <summary>The message that the default payload encodes.</summary>
    public static ElectionMessage DefaultMessage => SampleMessages.Message(
        clock: 7, startedAtUnixMs: 1_000, session: 3, commandsSeen: 11, sender: SampleMessages.Node(1),
        voteFor: SampleMessages.Node(2), master: null, priority: 4, candidate: true, forced: false, granted: true,
        electorate: new Electorate(new ElectorateVersion(3, 1), [SampleMessages.Node(1), SampleMessages.Node(2)]));

    public byte Version { get; init; } = LegacyBinaryCodec.SchemaVersion;
    public byte Kind { get; init; } = (byte)ElectionMessageKind.Campaign;
    public byte Status { get; init; } = (byte)ElectionStatus.Campaigning;

    /// <summary>Raw bytes for the clock field instead of its varint (overlong encodings).</summary>
    public byte[]? RawClock { get; init; }

    public long Clock { get; init; } = 7;
    public long StartedAt { get; init; } = 1_000;
    public long Session { get; init; } = 3;
    public long Commands { get; init; } = 11;
    public LegacyWireNode Sender { get; init; } = LegacyWireNode.Of(1);
    public byte VoteForTag { get; init; } = 1;
    public LegacyWireNode? VoteFor { get; init; } = LegacyWireNode.Of(2);
    public byte MasterTag { get; init; }
    public LegacyWireNode? Master { get; init; }
    public long Priority { get; init; } = 4;
    public byte Flags { get; init; } = 1 | 4;
    public long ElectorateSession { get; init; } = 3;
    public long ElectorateSequence { get; init; } = 1;

    /// <summary>The declared member count; null declares <see cref="Members"/>' count.</summary>
    public ulong? DeclaredMemberCount { get; init; }

    public IReadOnlyList<LegacyWireNode> Members { get; init; } = [LegacyWireNode.Of(1), LegacyWireNode.Of(2)];

    /// <summary>The declared removed-member count; null declares <see cref="Removed"/>' count.</summary>
    public ulong? DeclaredRemovedCount { get; init; }

    /// <summary>Removed members (schema 2 and later; schema 1 payloads end after the members).</summary>
    public IReadOnlyList<LegacyWireNode> Removed { get; init; } = [];
    public byte[] Trailing { get; init; } = [];

    public byte[] Build()
    {
        var w = new WireWriter();
        w.Byte(Version);
        w.Byte(Kind);
        w.Byte(Status);
        if (RawClock is null) w.Int(Clock);
        else Raw(w, RawClock);
        w.Int(StartedAt);
        w.Int(Session);
        w.Int(Commands);
        Sender.Write(w);
        w.Byte(VoteForTag);
        VoteFor?.Write(w);
        w.Byte(MasterTag);
        Master?.Write(w);
        w.Int(Priority);
        w.Byte(Flags);
        w.Int(ElectorateSession);
        w.Int(ElectorateSequence);
        w.UInt(DeclaredMemberCount ?? (ulong)Members.Count);
        foreach (var member in Members) member.Write(w);
        if (Version >= LegacyBinaryCodec.SchemaVersion)
        {
            w.UInt(DeclaredRemovedCount ?? (ulong)Removed.Count);
            foreach (var removed in Removed) removed.Write(w);
        }
        Raw(w, Trailing);
        return w.ToArray();
    }

    internal static void Raw(WireWriter w, byte[] bytes)
    {
        foreach (var b in bytes) w.Byte(b);
    }
}

/// <summary>A node id as raw wire fields: strings as raw bytes (to inject invalid UTF-8), ports and uids unchecked.</summary>
internal sealed record LegacyWireNode(byte[] Protocol, byte[] System, byte[] Host, long Port, long Uid)
{
    /// <summary>The wire form of <see cref="SampleMessages.Node"/>(<paramref name="n"/>).</summary>
    public static LegacyWireNode Of(int n) => new("akka.tcp"u8.ToArray(), "sys"u8.ToArray(), Encoding.UTF8.GetBytes($"n{n}"), 2550 + n, n);

    /// <summary>Declared length of <see cref="System"/>; null declares its real length.</summary>
    public ulong? DeclaredSystemLength { get; init; }

    public void Write(WireWriter w)
    {
        String(w, Protocol, null);
        String(w, System, DeclaredSystemLength);
        String(w, Host, null);
        w.Int(Port);
        w.Int(Uid);
    }

    private static void String(WireWriter w, byte[] bytes, ulong? declaredLength)
    {
        w.UInt(declaredLength ?? (ulong)bytes.Length);
        LegacyPayload.Raw(w, bytes);
    }
}
