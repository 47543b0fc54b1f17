using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>Legacy schema (as its previous releases read it): a payload must end where the message ends: anything after it is rejected.</summary>
public sealed class LegacyTrailingBytesTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    [Theory]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 0xFF, 0xFF })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void Bytes_after_a_complete_message_are_rejected(byte[] trailing)
    {
        var bytes = fixture.Legacy.ToBinary(SampleMessages.Message());

        fixture.Legacy.AssertRejected([.. bytes, .. trailing]);
    }

    [Fact]
    public void Bytes_after_a_complete_message_built_by_hand_are_rejected()
    {
        var e = fixture.Legacy.AssertRejected(new LegacyPayload { Trailing = [7] }.Build());

        Assert.Contains("trailing", e.Message);
    }
}
