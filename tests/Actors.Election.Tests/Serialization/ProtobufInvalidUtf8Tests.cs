using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// Protocol Buffers: text is strict UTF-8, as in the legacy schema. The generated parser would decode invalid bytes
/// into U+FFFD; the serializer rejects them before it runs, in every node id of the message.
/// </summary>
public sealed class ProtobufInvalidUtf8Tests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    public static TheoryData<string, byte[]> InvalidSequences() => new()
    {
        { "lone continuation byte", [0x80] },
        { "invalid byte 0xFF", [(byte)'a', 0xFF, (byte)'b'] },
        { "truncated two-byte sequence", [(byte)'s', 0xC3] },
        { "truncated four-byte sequence", [0xF0, 0x9F, 0x9A] },
        { "overlong encoding of '/'", [0xC0, 0xAF] },
        { "UTF-16 surrogate half", [0xED, 0xA0, 0x80] },
        { "code point above U+10FFFF", [0xF4, 0x90, 0x80, 0x80] },
    };

    private void Rejected(string name, ProtobufPayload payload)
    {
        var e = fixture.Protobuf.AssertRejected(payload.Build());
        Assert.True(e.Message.Contains("UTF-8"), $"{name}: {e.Message}");
    }

    [Theory]
    [MemberData(nameof(InvalidSequences))]
    public void Invalid_utf8_in_the_sender_system_name_is_rejected(string name, byte[] text) =>
        Rejected(name, new ProtobufPayload { Sender = ProtobufNode.Of(1) with { System = text } });

    [Theory]
    [MemberData(nameof(InvalidSequences))]
    public void Invalid_utf8_in_the_vote_protocol_is_rejected(string name, byte[] text) =>
        Rejected(name, new ProtobufPayload { VoteFor = ProtobufNode.Of(2) with { Protocol = text } });

    [Theory]
    [MemberData(nameof(InvalidSequences))]
    public void Invalid_utf8_in_a_member_host_is_rejected(string name, byte[] text) =>
        Rejected(name, new ProtobufPayload { Electorate = new ProtobufElectorate { Members = [ProtobufNode.Of(1), ProtobufNode.Of(2) with { Host = text }] } });

    [Theory]
    [MemberData(nameof(InvalidSequences))]
    public void Invalid_utf8_in_an_outgoing_member_is_rejected(string name, byte[] text) =>
        Rejected(name, new ProtobufPayload { Electorate = new ProtobufElectorate { Outgoing = [ProtobufNode.Of(3) with { Host = text }] } });

    [Theory]
    [MemberData(nameof(InvalidSequences))]
    public void Invalid_utf8_in_a_removed_member_is_rejected(string name, byte[] text) =>
        Rejected(name, new ProtobufPayload { Removed = [ProtobufNode.Of(4) with { System = text }] });
}
