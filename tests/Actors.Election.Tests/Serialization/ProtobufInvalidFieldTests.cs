using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// Protocol Buffers: well-formed payloads whose values the election does not allow are rejected: unknown kinds and
/// statuses, a missing sender or electorate, node ids Akka or the schema would not accept, wherever they sit.
/// </summary>
public sealed class ProtobufInvalidFieldTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    private void Rejected(ProtobufPayload payload, string expectedProblem)
    {
        var e = fixture.Protobuf.AssertRejected(payload.Build());
        Assert.Contains(expectedProblem, e.Message);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(100)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void An_unknown_message_kind_is_rejected(long kind) => Rejected(new ProtobufPayload { Kind = kind }, "kind");

    [Theory]
    [InlineData(4)]
    [InlineData(-2)]
    public void An_unknown_status_is_rejected(long status) => Rejected(new ProtobufPayload { Status = status }, "status");

    [Fact]
    public void A_message_without_a_sender_is_rejected() => Rejected(new ProtobufPayload { Sender = null }, "no sender");

    [Fact]
    public void A_message_without_an_electorate_is_rejected() => Rejected(new ProtobufPayload { Electorate = null }, "no electorate");

    [Fact]
    public void An_empty_payload_is_rejected() => fixture.Protobuf.AssertRejected([]);

    [Theory]
    [InlineData(65536UL)]
    [InlineData(uint.MaxValue)]
    public void A_port_out_of_range_is_rejected(ulong port) => Rejected(new ProtobufPayload { Sender = ProtobufNode.Of(1) with { Port = port } }, "port");

    [Fact]
    public void An_empty_protocol_is_rejected() => Rejected(new ProtobufPayload { Sender = ProtobufNode.Of(1) with { Protocol = [] } }, "protocol");

    [Fact]
    public void An_empty_system_name_is_rejected() => Rejected(new ProtobufPayload { Sender = ProtobufNode.Of(1) with { System = [] } }, "system");

    private static readonly ProtobufNode BadNode = ProtobufNode.Of(2) with { Port = 70000 };

    [Fact]
    public void A_bad_vote_is_rejected() => Rejected(new ProtobufPayload { VoteFor = BadNode }, "port");

    [Fact]
    public void A_bad_master_is_rejected() => Rejected(new ProtobufPayload { Master = ProtobufNode.Of(2) with { System = [] } }, "system");

    [Fact]
    public void A_bad_member_is_rejected() =>
        Rejected(new ProtobufPayload { Electorate = new ProtobufElectorate { Members = [ProtobufNode.Of(1), BadNode] } }, "port");

    [Fact]
    public void A_bad_outgoing_member_is_rejected() =>
        Rejected(new ProtobufPayload { Electorate = new ProtobufElectorate { Outgoing = [ProtobufNode.Of(1), BadNode] } }, "port");

    [Fact]
    public void A_bad_removed_member_is_rejected() => Rejected(new ProtobufPayload { Removed = [BadNode] }, "port");

    [Fact]
    public void A_node_without_a_port_is_a_node_without_a_port_and_port_0_is_port_0()
    {
        var noPort = fixture.Protobuf.DecodeOrReject(new ProtobufPayload { Sender = ProtobufNode.Of(1) with { Port = null } }.Build());
        var portZero = fixture.Protobuf.DecodeOrReject(new ProtobufPayload { Sender = ProtobufNode.Of(1) with { Port = 0 } }.Build());

        Assert.Null(noPort?.Sender.Address.Port);
        Assert.Equal(0, portZero?.Sender.Address.Port);
    }
}
