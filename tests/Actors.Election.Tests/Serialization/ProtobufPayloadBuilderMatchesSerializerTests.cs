using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>The Protocol Buffers payload builder writes exactly what the serializer writes, so its mutations are meaningful.</summary>
public sealed class ProtobufPayloadBuilderMatchesSerializerTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    [Fact]
    public void The_default_payload_is_the_serialized_default_message()
    {
        Assert.Equal(Convert.ToHexString(fixture.Protobuf.ToBinary(ProtobufPayload.DefaultMessage)), Convert.ToHexString(new ProtobufPayload().Build()));
    }

    [Fact]
    public void The_default_payload_decodes_into_the_default_message()
    {
        Assert.Equal(ProtobufPayload.DefaultMessage, fixture.Protobuf.DecodeOrReject(new ProtobufPayload().Build()));
    }

    [Fact]
    public void A_payload_with_every_optional_part_matches_the_serializer_too()
    {
        var message = ProtobufPayload.DefaultMessage with
        {
            Kind = ElectionMessageKind.Announce, Status = ElectionStatus.Master, Master = SampleMessages.Node(1), Priority = -9, Forced = true,
            Electorate = new Electorate(new ElectorateVersion(3, 2), [SampleMessages.Node(1), SampleMessages.Node(3)], [SampleMessages.Node(1), SampleMessages.Node(2)]),
            Removed = System.Collections.Immutable.ImmutableSortedSet.Create(NodeOrdering.Instance, SampleMessages.Node(7)),
        };
        var payload = new ProtobufPayload
        {
            Kind = (long)ElectionMessageKind.Announce, Status = (long)ElectionStatus.Master, Master = ProtobufNode.Of(1), Priority = -9, Forced = true,
            Electorate = new ProtobufElectorate { VersionSequence = 2, Members = [ProtobufNode.Of(1), ProtobufNode.Of(3)], Outgoing = [ProtobufNode.Of(1), ProtobufNode.Of(2)] },
            Removed = [ProtobufNode.Of(7)],
        };

        Assert.Equal(Convert.ToHexString(fixture.Protobuf.ToBinary(message)), Convert.ToHexString(payload.Build()));
    }
}
