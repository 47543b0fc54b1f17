using Actors.Election.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// Protocol Buffers: declared lengths and list sizes are checked against the schema's bounds and the bytes actually
/// present before the generated parser allocates anything, so a few hostile bytes can never make the receiver
/// allocate a lot, and what does get parsed allocates at most a bounded multiple of its size.
/// </summary>
public sealed class ProtobufHostileLengthTests(SerializerFixture fixture, ITestOutputHelper output) : IClassFixture<SerializerFixture>
{
    /// <summary>Far less than any hostile declared length, far more than decoding a small payload needs.</summary>
    private const long AllocationBudget = 256 * 1024;

    /// <summary>
    /// What parsing may allocate per payload byte at worst: a node id entry is 2 bytes on the wire and costs a parsed
    /// object, a slot in its list and the domain objects it becomes (the fuzz tests hold every payload to this too).
    /// </summary>
    internal const int AllocationPerByte = 48;

    private long AllocatedWhileRejecting(byte[] bytes) => fixture.Protobuf.AllocatedWhileRejecting(bytes);

    [Theory]
    [InlineData(1025UL)]
    [InlineData(int.MaxValue)]
    [InlineData(uint.MaxValue)]
    [InlineData(ulong.MaxValue)]
    public void A_string_length_above_the_schema_bound_is_rejected_without_allocating_it(ulong declared)
    {
        var bytes = new ProtobufPayload { Sender = ProtobufNode.Of(1) with { DeclaredSystemLength = declared } }.Build();

        Assert.InRange(AllocatedWhileRejecting(bytes), 0, AllocationBudget);
    }

    [Theory]
    [InlineData(100UL)]
    [InlineData(1024UL)]
    public void A_string_length_within_the_bound_but_beyond_its_message_is_rejected(ulong declared)
    {
        // The node id's own length is right: the system name inside it claims more than the node id holds.
        var bytes = new ProtobufPayload { Sender = ProtobufNode.Of(1) with { DeclaredSystemLength = declared } }.Build();

        var e = fixture.Protobuf.AssertRejected(bytes);

        Assert.Contains("truncated field 2", e.Message);
    }

    [Fact]
    public void A_string_present_in_full_but_above_the_bound_is_rejected_before_parsing()
    {
        var bytes = new ProtobufPayload { Sender = ProtobufNode.Of(1) with { Host = new byte[1025] } }.Build();

        var e = fixture.Protobuf.AssertRejected(bytes);

        Assert.Contains("host of 1025 bytes exceeds 1024", e.Message);
        Assert.InRange(AllocatedWhileRejecting(bytes), 0, AllocationBudget);
    }

    [Fact]
    public void A_string_of_exactly_the_bound_is_accepted()
    {
        var decoded = fixture.Protobuf.DecodeOrReject(new ProtobufPayload { Sender = ProtobufNode.Of(1) with { System = [.. Enumerable.Repeat((byte)'s', 1024)] } }.Build());

        Assert.Equal(new string('s', 1024), decoded?.Sender.Address.System);
    }

    public static TheoryData<string> Lists() => new() { "members", "outgoing", "removed" };

    private static byte[] WithNodes(string list, int count, ProtobufNode node) => list switch
    {
        "members" => new ProtobufPayload { Electorate = new ProtobufElectorate { Members = [.. Enumerable.Repeat(node, count)] } }.Build(),
        "outgoing" => new ProtobufPayload { Electorate = new ProtobufElectorate { Outgoing = [.. Enumerable.Repeat(node, count)] } }.Build(),
        _ => new ProtobufPayload { Removed = [.. Enumerable.Repeat(node, count)] }.Build(),
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void A_node_list_above_the_bound_is_rejected_before_parsing(string list)
    {
        var bytes = WithNodes(list, WireLimits.MaxElectorate + 1, ProtobufNode.Of(1));

        var e = fixture.Protobuf.AssertRejected(bytes);

        Assert.Contains("count exceeds 4096", e.Message);
        // Rejected by the walk, before the parser: a few hundred bytes of exception, not 4097 parsed node ids.
        Assert.InRange(AllocatedWhileRejecting(bytes), 0, 64 * 1024);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public void A_node_list_of_exactly_the_bound_is_accepted(string list)
    {
        Assert.NotNull(fixture.Protobuf.DecodeOrReject(WithNodes(list, WireLimits.MaxElectorate, ProtobufNode.Of(1))));
    }

    [Fact]
    public void Members_split_over_repeated_electorate_fields_are_counted_together()
    {
        // The parser merges a repeated embedded message field into one: 3000 + 1097 members would be 4097.
        var second = new ProtoWriter();
        second.BytesField(14, new ProtobufElectorate { Members = [.. Enumerable.Repeat(ProtobufNode.Of(2), 1097)] }.Build());
        var bytes = new ProtobufPayload
        {
            Electorate = new ProtobufElectorate { Members = [.. Enumerable.Repeat(ProtobufNode.Of(1), 3000)] },
            Trailing = second.ToArray(),
        }.Build();

        var e = fixture.Protobuf.AssertRejected(bytes);

        Assert.Contains("electorate count exceeds 4096", e.Message);
    }

    [Fact]
    public void A_payload_above_the_size_limit_is_rejected_without_looking_at_it()
    {
        var bytes = new byte[WireLimits.MaxMessageBytes + 1];

        var e = fixture.Protobuf.AssertRejected(bytes);

        Assert.Contains("bytes, the schema allows", e.Message);
        Assert.InRange(AllocatedWhileRejecting(bytes), 0, 16 * 1024);
    }

    [Theory]
    [InlineData("empty node entries (2 bytes each, rejected after parsing)", 0)]
    [InlineData("the shortest valid node ids", 1)]
    public void The_worst_payload_per_byte_allocates_within_the_documented_multiple(string what, int nodeText)
    {
        // Every list full of the cheapest node ids there are: the most parsed objects per payload byte.
        var node = nodeText == 0 ? new ProtobufNode([], [], [], null, 0) : new ProtobufNode("a"u8.ToArray(), "s"u8.ToArray(), [], null, 0);
        var list = Enumerable.Repeat(node, WireLimits.MaxElectorate).ToList();
        var bytes = new ProtobufPayload { Electorate = new ProtobufElectorate { Members = list, Outgoing = list }, Removed = list }.Build();
        fixture.Protobuf.DecodeOrReject(bytes); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        fixture.Protobuf.DecodeOrReject(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"{what}: {bytes.Length} bytes allocated {allocated} bytes ({(double)allocated / bytes.Length:0.0} per byte)");
        Assert.InRange(allocated, 0, 64 * 1024 + AllocationPerByte * (long)bytes.Length);
    }
}
