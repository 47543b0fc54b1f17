using Actors.Election.Serialization;
using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// Whatever a serializer writes, it reads both formats, by manifest: what makes a rolling upgrade (and a rolling
/// switch of <c>wire-format</c>) possible. Both formats decode a plain message into the same message.
/// </summary>
public sealed class CrossFormatTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    public static TheoryData<int> Samples() => new(Enumerable.Range(0, SampleMessages.Varied().Count()));

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_protobuf_writer_reads_what_a_legacy_writer_wrote(int sample)
    {
        var message = SampleMessages.Varied().ElementAt(sample);

        var bytes = fixture.Legacy.ToBinary(message);

        Assert.Equal(message, fixture.Protobuf.FromBinary(bytes, fixture.Legacy.Manifest(message)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_legacy_writer_reads_what_a_protobuf_writer_wrote(int sample)
    {
        var message = SampleMessages.Varied().ElementAt(sample);

        var bytes = fixture.Protobuf.ToBinary(message);

        Assert.Equal(message, fixture.Legacy.FromBinary(bytes, fixture.Protobuf.Manifest(message)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_manifest_decides_the_reader_not_the_bytes(int sample)
    {
        // Always malformed: a legacy payload starts with its schema version 2, which reads as field number 0, and a
        // Protocol Buffers payload with a tag of field 1 or more (8 or above), which is no legacy schema version.
        var message = SampleMessages.Varied().ElementAt(sample);

        Assert.Throws<System.Runtime.Serialization.SerializationException>(() =>
            fixture.Protobuf.FromBinary(fixture.Protobuf.ToBinary(message), ElectionMessageSerializer.LegacyElectionMessageManifest));
        Assert.Throws<System.Runtime.Serialization.SerializationException>(() =>
            fixture.Protobuf.FromBinary(fixture.Legacy.ToBinary(message), ElectionMessageSerializer.ElectionMessageManifest));
    }

    [Fact]
    public void Protobuf_uses_a_manifest_of_its_own_and_legacy_keeps_EM()
    {
        Assert.Equal("EP", ElectionMessageSerializer.ElectionMessageManifest);
        Assert.Equal("EM", ElectionMessageSerializer.LegacyElectionMessageManifest);
    }
}
