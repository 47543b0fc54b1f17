using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>A payload must end where the message ends: anything after it is rejected.</summary>
public sealed class TrailingBytesTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    [Theory]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 0xFF, 0xFF })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void Bytes_after_a_complete_message_are_rejected(byte[] trailing)
    {
        var bytes = fixture.Serializer.ToBinary(SampleMessages.Message());

        fixture.Serializer.AssertRejected([.. bytes, .. trailing]);
    }

    [Fact]
    public void Bytes_after_a_complete_message_built_by_hand_are_rejected()
    {
        var e = fixture.Serializer.AssertRejected(new Payload { Trailing = [7] }.Build());

        Assert.Contains("trailing", e.Message);
    }
}
