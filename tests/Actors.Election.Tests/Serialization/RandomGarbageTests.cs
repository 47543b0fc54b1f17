using Actors.Election.Serialization;
using Google.Protobuf;
using WireType = Google.Protobuf.WireFormat.WireType;
using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>Seeded random payloads for the Protocol Buffers reader, including well-formed wire format of random fields.</summary>
public sealed class ProtobufRandomGarbageTests(SerializerFixture fixture) : RandomGarbageTests(fixture.Protobuf), IClassFixture<SerializerFixture>
{
    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void Well_formed_wire_format_of_random_fields_is_decoded_or_rejected_with_SerializationException(int seed)
    {
        // Valid tags, varints and lengths get the garbage past the wire-format checks into the parser and the mapping:
        // random field numbers (mostly the schema's own) of every proto3 wire type, nested one level at random.
        var random = new Random(seed);
        for (var i = 0; i < Payloads; i++)
        {
            if (Serializer.DecodeOrReject(RandomMessage(random, depth: 0)) is { } decoded) Serializer.AssertStable(decoded);
        }
    }

    private static byte[] RandomMessage(Random random, int depth)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        for (var fields = random.Next(0, 12); fields > 0; fields--)
        {
            var number = random.Next(4) == 0 ? random.Next(16, 1000) : random.Next(1, 16);
            switch (random.Next(4))
            {
                case 0:
                    output.WriteTag(number, WireType.Varint);
                    output.WriteUInt64(random.Next(3) == 0 ? (ulong)random.NextInt64() : (ulong)random.Next(0, 8));
                    break;
                case 1:
                    output.WriteTag(number, WireType.Fixed32);
                    output.WriteFixed32((uint)random.Next());
                    break;
                case 2:
                    output.WriteTag(number, WireType.Fixed64);
                    output.WriteFixed64((ulong)random.NextInt64());
                    break;
                default:
                    output.WriteTag(number, WireType.LengthDelimited);
                    if (depth < 2 && random.Next(2) == 0)
                    {
                        output.WriteBytes(ByteString.CopyFrom(RandomMessage(random, depth + 1)));
                    }
                    else
                    {
                        var bytes = new byte[random.Next(0, 12)];
                        if (random.Next(2) == 0) random.NextBytes(bytes);
                        else for (var b = 0; b < bytes.Length; b++) bytes[b] = (byte)random.Next('a', 'z' + 1);
                        output.WriteBytes(ByteString.CopyFrom(bytes));
                    }
                    break;
            }
        }
        output.Flush();
        return buffer.ToArray();
    }
}

/// <summary>Seeded random payloads for the legacy reader, including garbage behind a valid header.</summary>
public sealed class LegacyRandomGarbageTests(SerializerFixture fixture) : RandomGarbageTests(fixture.Legacy), IClassFixture<SerializerFixture>
{
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
            if (Serializer.DecodeOrReject(bytes) is { } decoded) Serializer.AssertStable(decoded);
        }
    }
}

/// <summary>
/// Seeded random payloads: whatever the bytes, decoding either yields a message (which then round-trips) or
/// raises SerializationException — never another exception, a hang or a crash.
/// </summary>
public abstract class RandomGarbageTests(ElectionMessageSerializer serializer)
{
    protected const int Payloads = 3000;

    protected ElectionMessageSerializer Serializer => serializer;

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
            if (serializer.DecodeOrReject(bytes) is { } decoded) serializer.AssertStable(decoded);
        }
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void Valid_payloads_with_random_bytes_overwritten_are_decoded_or_rejected_with_SerializationException(int seed)
    {
        var random = new Random(seed);
        var samples = SampleMessages.Varied().Select(serializer.ToBinary).ToList();
        for (var i = 0; i < Payloads; i++)
        {
            var bytes = (byte[])samples[random.Next(samples.Count)].Clone();
            for (var changes = random.Next(1, 4); changes > 0; changes--)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            if (serializer.DecodeOrReject(bytes) is { } decoded) serializer.AssertStable(decoded);
        }
    }
}
