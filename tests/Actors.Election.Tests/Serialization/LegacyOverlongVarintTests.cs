using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>Legacy schema: varints are at most 10 bytes and 64 bits; longer or wider ones are rejected, never wrapped.</summary>
public sealed class LegacyOverlongVarintTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    private static byte[] Continuations(int count, byte last) => [.. Enumerable.Repeat((byte)0x80, count), last];

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(64)]
    public void A_varint_longer_than_ten_bytes_is_rejected(int continuationBytes)
    {
        var e = fixture.Legacy.AssertRejected(new LegacyPayload { RawClock = Continuations(continuationBytes, 0x00) }.Build());

        Assert.Contains("varint", e.Message);
    }

    [Fact]
    public void Endless_continuation_bytes_are_rejected()
    {
        fixture.Legacy.AssertRejected([1, 2, 1, .. Enumerable.Repeat((byte)0xFF, 10_000)]);
    }

    [Theory]
    [InlineData(0x02)]
    [InlineData(0x7F)]
    public void A_tenth_byte_that_overflows_64_bits_is_rejected(byte tenth)
    {
        var e = fixture.Legacy.AssertRejected(new LegacyPayload { RawClock = [.. Enumerable.Repeat((byte)0xFF, 9), tenth] }.Build());

        Assert.Contains("64 bits", e.Message);
    }

    [Fact]
    public void The_widest_valid_ten_byte_varint_decodes()
    {
        // zig-zag 0xFFFF_FFFF_FFFF_FFFF is long.MinValue.
        var decoded = fixture.Legacy.DecodeOrReject(new LegacyPayload { RawClock = [.. Enumerable.Repeat((byte)0xFF, 9), 0x01] }.Build());

        Assert.Equal(long.MinValue, decoded?.Clock);
    }

    [Fact]
    public void A_padded_but_short_enough_varint_decodes_to_its_value()
    {
        // 5 with redundant continuation groups: non-canonical but within 10 bytes.
        var decoded = fixture.Legacy.DecodeOrReject(new LegacyPayload { RawClock = [0x8A, 0x80, 0x80, 0x00] }.Build());

        Assert.Equal(5, decoded?.Clock);
    }
}
