using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// Protocol Buffers: text is strict UTF-8, as in the legacy schema. The generated parser would decode invalid bytes
/// into U+FFFD; the serializer rejects them before it runs, in every node id of the message.
/// </summary>
public sealed class ProtobufInvalidUtf8Tests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    /// <summary>The same invalid sequences the legacy schema rejects.</summary>
    public static TheoryData<string, byte[]> InvalidSequences() => LegacyInvalidUtf8Tests.InvalidSequences();

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
