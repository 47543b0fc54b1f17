using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// Protocol Buffers forward compatibility: fields this release does not know (a newer release's) are skipped at every
/// level, of every wire type, and a known field number arriving with another wire type is skipped as unknown too, as
/// the generated parser does. So a newer node's message, with more fields, still reads as the message it extends.
/// </summary>
public sealed class ProtobufUnknownFieldTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    private static byte[] UnknownFields()
    {
        var w = new ProtoWriter();
        w.Tag(100, 0);
        w.Varint(ulong.MaxValue);
        w.Tag(101, 1);
        w.Raw(new byte[8]);
        w.BytesField(102, "a newer release's text"u8.ToArray());
        w.BytesField(103, new ProtobufNode("akka.tcp"u8.ToArray(), "sys"u8.ToArray(), [], 1, 1).Build());
        w.Tag(104, 5);
        w.Raw(new byte[4]);
        w.BytesField(536_870_911, []); // the largest field number
        return w.ToArray();
    }

    [Fact]
    public void Unknown_fields_after_the_message_are_skipped() =>
        Assert.Equal(ProtobufPayload.DefaultMessage, fixture.Protobuf.DecodeOrReject(new ProtobufPayload { Trailing = UnknownFields() }.Build()));

    [Fact]
    public void Unknown_fields_in_the_electorate_are_skipped() =>
        Assert.Equal(ProtobufPayload.DefaultMessage,
            fixture.Protobuf.DecodeOrReject(new ProtobufPayload { Electorate = new ProtobufElectorate { Trailing = UnknownFields() } }.Build()));

    [Fact]
    public void Unknown_fields_in_a_node_id_are_skipped() =>
        Assert.Equal(ProtobufPayload.DefaultMessage,
            fixture.Protobuf.DecodeOrReject(new ProtobufPayload { Sender = ProtobufNode.Of(1) with { Trailing = UnknownFields() } }.Build()));

    [Fact]
    public void A_known_field_number_with_another_wire_type_is_skipped_as_unknown()
    {
        // Field 7 (sender) as a varint, field 3 (clock) as bytes: neither is what the schema says, so neither counts.
        var w = new ProtoWriter();
        w.Tag(7, 0);
        w.Varint(1);
        w.BytesField(3, [1, 2, 3]);

        Assert.Equal(ProtobufPayload.DefaultMessage, fixture.Protobuf.DecodeOrReject(new ProtobufPayload { Trailing = w.ToArray() }.Build()));
    }

    [Fact]
    public void Unknown_fields_are_not_written_back()
    {
        var decoded = fixture.Protobuf.DecodeOrReject(new ProtobufPayload { Trailing = UnknownFields() }.Build());

        Assert.Equal(new ProtobufPayload().Build(), fixture.Protobuf.ToBinary(decoded!));
    }
}
