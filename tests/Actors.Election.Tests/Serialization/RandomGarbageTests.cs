using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// Seeded random payloads: whatever the bytes, decoding either yields a message (which then round-trips) or
/// raises SerializationException — never another exception, a hang or a crash.
/// </summary>
public sealed class RandomGarbageTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    private const int Payloads = 3000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_bytes_are_decoded_or_rejected_with_SerializationException(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Payloads; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (fixture.Serializer.DecodeOrReject(bytes) is { } decoded) fixture.Serializer.AssertStable(decoded);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Random_bytes_behind_a_valid_header_are_decoded_or_rejected_with_SerializationException(int seed)
    {
        // A valid version, kind and status get the garbage past the first checks into the field decoders.
        var random = new Random(seed);
        for (var i = 0; i < Payloads; i++)
        {
            var body = new byte[random.Next(0, 200)];
            random.NextBytes(body);
            byte[] bytes = [1, (byte)random.Next(0, 5), (byte)random.Next(0, 4), .. body];
            if (fixture.Serializer.DecodeOrReject(bytes) is { } decoded) fixture.Serializer.AssertStable(decoded);
        }
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void Valid_payloads_with_random_bytes_overwritten_are_decoded_or_rejected_with_SerializationException(int seed)
    {
        var random = new Random(seed);
        var samples = SampleMessages.Varied().Select(fixture.Serializer.ToBinary).ToList();
        for (var i = 0; i < Payloads; i++)
        {
            var bytes = (byte[])samples[random.Next(samples.Count)].Clone();
            for (var changes = random.Next(1, 4); changes > 0; changes--)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            if (fixture.Serializer.DecodeOrReject(bytes) is { } decoded) fixture.Serializer.AssertStable(decoded);
        }
    }
}
