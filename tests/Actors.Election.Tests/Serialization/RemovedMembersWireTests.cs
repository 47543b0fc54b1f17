using System.Collections.Immutable;
using Xunit;
using static Actors.Election.Tests.Serialization.SampleMessages;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// The removed members a message reports: they round trip as a set in both formats, a legacy schema-1 payload (without
/// them) still reads as an empty set, and a hostile count is rejected like every other length.
/// </summary>
public sealed class RemovedMembersWireTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    [Theory]
    [InlineData(WireFormat.Protobuf)]
    [InlineData(WireFormat.Legacy)]
    public void Removed_members_round_trip_as_a_set(WireFormat format)
    {
        var message = Message(electorate: new Electorate(new ElectorateVersion(2, 2), [Node(1), Node(2), Node(3)]))
            with { Removed = ImmutableSortedSet.Create(NodeOrdering.Instance, Node(3), Node(2)) };

        var decoded = fixture.For(format).RoundTrip(message);

        Assert.Equal(message, decoded);
        Assert.Equal([Node(2), Node(3)], decoded.Removed.ToList());
    }

    [Fact]
    public void Messages_differing_only_in_removed_members_are_not_equal()
    {
        var message = Message();
        Assert.NotEqual(message, message with { Removed = ImmutableSortedSet.Create(NodeOrdering.Instance, Node(9)) });
        Assert.Equal(message, message with { Removed = ImmutableSortedSet<Akka.Cluster.UniqueAddress>.Empty });
    }

    [Fact]
    public void A_legacy_schema_1_payload_reads_with_no_removed_members()
    {
        var decoded = fixture.Legacy.DecodeOrReject(new LegacyPayload { Version = 1 }.Build());

        Assert.NotNull(decoded);
        Assert.Empty(decoded!.Removed);
        Assert.Equal(LegacyPayload.DefaultMessage with { Removed = decoded.Removed }, decoded);
    }

    [Theory]
    [InlineData(4097UL)]
    [InlineData(ulong.MaxValue)]
    public void A_hostile_legacy_removed_count_is_rejected(ulong declared) =>
        fixture.Legacy.AssertRejected(new LegacyPayload { DeclaredRemovedCount = declared }.Build());

    [Fact]
    public void A_legacy_removed_count_beyond_the_payload_is_rejected() =>
        fixture.Legacy.AssertRejected(new LegacyPayload { DeclaredRemovedCount = 3, Removed = [LegacyWireNode.Of(5)] }.Build());

    [Fact]
    public void More_removed_members_than_the_bound_are_rejected_in_protobuf()
    {
        var bytes = new ProtobufPayload { Removed = [.. Enumerable.Repeat(ProtobufNode.Of(5), 4097)] }.Build();

        fixture.Protobuf.AssertRejected(bytes);
    }
}
