using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// Protocol Buffers: bytes that are not well-formed wire format are rejected, at the top level and inside embedded
/// messages: bad tags, overlong or too wide varints, values or lengths running past their message, groups and the
/// wire types that do not exist.
/// </summary>
public sealed class ProtobufMalformedWireTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    private void Rejected(byte[] bytes, string expectedProblem)
    {
        var e = fixture.Protobuf.AssertRejected(bytes);
        Assert.Contains(expectedProblem, e.Message);
    }

    private static byte[] Valid => new ProtobufPayload().Build();

    private static byte[] AfterNode(byte[] extra) => new ProtobufPayload { Sender = ProtobufNode.Of(1) with { Trailing = extra } }.Build();

    private static byte[] AfterElectorate(byte[] extra) => new ProtobufPayload { Electorate = new ProtobufElectorate { Trailing = extra } }.Build();

    // Field 16 (unknown to the schema): its tag takes two bytes, 0x80 | wire type and 0x01.
    private static byte[] Tag16(int wireType) => [(byte)(0x80 | wireType), 0x01];

    public static TheoryData<string, byte[], string> Malformed() => new()
    {
        { "field number 0", [0x00, 0x01], "field number 0" },
        { "start group", Tag16(3), "wire type 3" },
        { "end group", Tag16(4), "wire type 4" },
        { "wire type 6", Tag16(6), "wire type 6" },
        { "wire type 7", Tag16(7), "wire type 7" },
        { "tag wider than 32 bits", [0x80, 0x80, 0x80, 0x80, 0x80, 0x01], "32 bits" },
        { "varint of 11 bytes", [.. Tag16(0), .. Enumerable.Repeat((byte)0x80, 10), 0x00], "varint" },
        { "varint overflowing 64 bits", [.. Tag16(0), .. Enumerable.Repeat((byte)0xFF, 9), 0x02], "64 bits" },
        { "endless continuation bytes", [.. Tag16(0), .. Enumerable.Repeat((byte)0xFF, 5)], "truncated varint" },
        { "truncated 32-bit value", [.. Tag16(5), 1, 2, 3], "truncated field 16" },
        { "truncated 64-bit value", [.. Tag16(1), 1, 2, 3, 4, 5, 6, 7], "truncated field 16" },
        { "length past the end", [.. Tag16(2), 5, 1, 2], "truncated field 16" },
        { "length of 2^64 - 1", [.. Tag16(2), .. Enumerable.Repeat((byte)0xFF, 9), 0x01], "truncated field 16" },
        { "a tag and nothing else", Tag16(2), "truncated varint" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_wire_format_after_the_last_field_is_rejected(string name, byte[] extra, string problem)
    {
        Assert.NotNull(name);
        Rejected([.. Valid, .. extra], problem);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_wire_format_inside_a_node_id_is_rejected(string name, byte[] extra, string problem)
    {
        Assert.NotNull(name);
        Rejected(AfterNode(extra), problem);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_wire_format_inside_the_electorate_is_rejected(string name, byte[] extra, string problem)
    {
        Assert.NotNull(name);
        Rejected(AfterElectorate(extra), problem);
    }

    [Fact]
    public void Ten_thousand_continuation_bytes_are_rejected()
    {
        fixture.Protobuf.AssertRejected([0x08, .. Enumerable.Repeat((byte)0xFF, 10_000)]);
    }

    [Fact]
    public void The_widest_valid_ten_byte_varint_decodes()
    {
        // An int64 field of -1 is ten bytes, the last one 0x01.
        var decoded = fixture.Protobuf.DecodeOrReject([0x18, .. Enumerable.Repeat((byte)0xFF, 9), 0x01, .. Valid]);

        Assert.NotNull(decoded); // the clock of the valid payload after it wins (last one wins)
        Assert.Equal(7, decoded!.Clock);
        Assert.Equal(-1L, fixture.Protobuf.DecodeOrReject([.. Valid, 0x18, .. Enumerable.Repeat((byte)0xFF, 9), 0x01])?.Clock);
    }
}
