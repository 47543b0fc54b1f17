using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// Legacy schema: declared lengths are checked against the schema's bounds and the bytes actually present before anything is
/// allocated, so a few hostile bytes can never make the receiver allocate a lot.
/// </summary>
public sealed class LegacyHostileLengthTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    /// <summary>Far less than any hostile declared length, far more than decoding a small payload needs.</summary>
    private const long AllocationBudget = 256 * 1024;

    private long AllocatedWhileRejecting(byte[] bytes) => fixture.Legacy.AllocatedWhileRejecting(bytes);

    [Theory]
    [InlineData(1025UL)]
    [InlineData(int.MaxValue)]
    [InlineData(uint.MaxValue)]
    [InlineData(ulong.MaxValue)]
    public void A_string_length_above_the_schema_bound_is_rejected_without_allocating_it(ulong declared)
    {
        var bytes = new LegacyPayload { Sender = LegacyWireNode.Of(1) with { DeclaredSystemLength = declared } }.Build();

        Assert.InRange(AllocatedWhileRejecting(bytes), 0, AllocationBudget);
    }

    [Theory]
    [InlineData(100UL)]
    [InlineData(1024UL)]
    public void A_string_length_within_the_bound_but_beyond_the_payload_is_rejected(ulong declared)
    {
        var bytes = new LegacyPayload { Sender = LegacyWireNode.Of(1) with { DeclaredSystemLength = declared } }.Build();
        Assert.True((ulong)bytes.Length < declared);

        var e = fixture.Legacy.AssertRejected(bytes);

        Assert.Contains("truncated system", e.Message);
    }

    [Theory]
    [InlineData(4097UL)]
    [InlineData(int.MaxValue)]
    [InlineData(ulong.MaxValue)]
    public void An_electorate_size_above_the_schema_bound_is_rejected_without_allocating_it(ulong declared)
    {
        var bytes = new LegacyPayload { DeclaredMemberCount = declared, Members = [] }.Build();

        Assert.InRange(AllocatedWhileRejecting(bytes), 0, AllocationBudget);
    }

    [Fact]
    public void An_electorate_of_the_maximum_declared_size_with_no_members_present_is_rejected_cheaply()
    {
        var bytes = new LegacyPayload { DeclaredMemberCount = 4096, Members = [LegacyWireNode.Of(1)] }.Build();

        Assert.InRange(AllocatedWhileRejecting(bytes), 0, AllocationBudget);
    }

    [Fact]
    public void An_electorate_declaring_fewer_members_than_present_is_rejected()
    {
        fixture.Legacy.AssertRejected(new LegacyPayload { DeclaredMemberCount = 1 }.Build());
    }
}
