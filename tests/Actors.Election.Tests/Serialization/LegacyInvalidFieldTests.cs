using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>Legacy schema: values outside the schema in an otherwise well-formed payload are rejected.</summary>
public sealed class LegacyInvalidFieldTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    private void Rejected(LegacyPayload payload, string expectedProblem)
    {
        var e = fixture.Legacy.AssertRejected(payload.Build());
        Assert.Contains(expectedProblem, e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(0x7F)]
    [InlineData(0xFF)]
    public void An_unknown_schema_version_is_rejected(byte version) => Rejected(new LegacyPayload { Version = version }, "schema version");

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(0xFF)]
    public void An_unknown_message_kind_is_rejected(byte kind) => Rejected(new LegacyPayload { Kind = kind }, "kind");

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(0xFF)]
    public void An_unknown_status_is_rejected(byte status) => Rejected(new LegacyPayload { Status = status }, "status");

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(0x80)]
    [InlineData(0xFF)]
    public void Unknown_flag_bits_are_rejected(byte flags) => Rejected(new LegacyPayload { Flags = flags }, "flags");

    [Theory]
    [InlineData(2)]
    [InlineData(0xFF)]
    public void An_invalid_presence_tag_for_the_vote_is_rejected(byte tag) => Rejected(new LegacyPayload { VoteForTag = tag }, "boolean");

    [Theory]
    [InlineData(2)]
    [InlineData(0x80)]
    public void An_invalid_presence_tag_for_the_master_is_rejected(byte tag) => Rejected(new LegacyPayload { MasterTag = tag }, "boolean");

    [Fact]
    public void An_absent_vote_followed_by_a_node_is_rejected_as_trailing_garbage()
    {
        fixture.Legacy.AssertRejected(new LegacyPayload { VoteForTag = 0 }.Build());
    }

    [Theory]
    [InlineData(65536)]
    [InlineData(-2)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void A_port_out_of_range_is_rejected(long port) => Rejected(new LegacyPayload { Sender = LegacyWireNode.Of(1) with { Port = port } }, "port");

    [Fact]
    public void A_port_beyond_32_bits_is_rejected() =>
        Rejected(new LegacyPayload { Sender = LegacyWireNode.Of(1) with { Port = 1L << 40 } }, "32 bits");

    [Theory]
    [InlineData((long)int.MaxValue + 1)]
    [InlineData((long)int.MinValue - 1)]
    [InlineData(long.MaxValue)]
    public void A_uid_beyond_32_bits_is_rejected(long uid) => Rejected(new LegacyPayload { Sender = LegacyWireNode.Of(1) with { Uid = uid } }, "32 bits");

    [Theory]
    [InlineData((long)int.MaxValue + 1)]
    [InlineData(long.MinValue)]
    public void A_priority_beyond_32_bits_is_rejected(long priority) => Rejected(new LegacyPayload { Priority = priority }, "32 bits");

    [Fact]
    public void An_empty_protocol_is_rejected() => Rejected(new LegacyPayload { Sender = LegacyWireNode.Of(1) with { Protocol = [] } }, "protocol");

    [Fact]
    public void An_empty_system_name_is_rejected() => Rejected(new LegacyPayload { Sender = LegacyWireNode.Of(1) with { System = [] } }, "system");

    [Fact]
    public void A_bad_node_in_the_electorate_is_rejected() =>
        Rejected(new LegacyPayload { Members = [LegacyWireNode.Of(1), LegacyWireNode.Of(2) with { Port = 70000 }] }, "port");

    [Fact]
    public void A_bad_vote_is_rejected() => Rejected(new LegacyPayload { VoteFor = LegacyWireNode.Of(2) with { System = [] } }, "system");

    [Fact]
    public void A_bad_master_is_rejected() => Rejected(new LegacyPayload { MasterTag = 1, Master = LegacyWireNode.Of(2) with { Port = -5 } }, "port");
}
