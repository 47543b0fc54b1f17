using Actors.Election.Serialization;
using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>Every single-bit corruption of Protocol Buffers payloads: decoded or rejected with SerializationException.</summary>
public sealed class ProtobufBitFlipTests(SerializerFixture fixture) : BitFlipTests(fixture.Protobuf), IClassFixture<SerializerFixture>;

/// <summary>Every single-bit corruption of legacy payloads: decoded or rejected with SerializationException.</summary>
public sealed class LegacyBitFlipTests(SerializerFixture fixture) : BitFlipTests(fixture.Legacy), IClassFixture<SerializerFixture>;

/// <summary>
/// Every single-bit corruption of valid payloads: rejected with SerializationException, or decoded into some
/// valid message (a flipped digit of a number is still a number) that itself round-trips.
/// </summary>
public abstract class BitFlipTests(ElectionMessageSerializer serializer)
{
    public static TheoryData<int> Samples() => new(Enumerable.Range(0, SampleMessages.Varied().Count()));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_single_bit_flip_is_decoded_or_rejected_with_SerializationException(int sample)
    {
        var bytes = serializer.ToBinary(SampleMessages.Varied().ElementAt(sample));
        var rejected = 0;

        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            // A flip may also land on something Akka normalises (host names are lower-cased) and decode to an equal message.
            if (serializer.DecodeOrReject(flipped) is { } decoded) serializer.AssertStable(decoded);
            else rejected++;
        }

        Assert.True(rejected > 0, "no bit flip was detected at all");
    }
}
