using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>Legacy schema: every field is required, so every strict prefix of a valid payload is rejected.</summary>
public sealed class LegacyTruncatedPayloadTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    public static TheoryData<int> Samples() => new(Enumerable.Range(0, SampleMessages.Varied().Count()));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_prefix_of_a_valid_payload_is_rejected(int sample)
    {
        var bytes = fixture.Legacy.ToBinary(SampleMessages.Varied().ElementAt(sample));
        Assert.NotNull(fixture.Legacy.DecodeOrReject(bytes));

        for (var length = 0; length < bytes.Length; length++)
            fixture.Legacy.AssertRejected(bytes[..length]);
    }
}
