using System.Runtime.Serialization;
using Actors.Election.Serialization;
using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>Input that is not an election message at all: other objects, other manifests, no bytes.</summary>
public sealed class ForeignInputTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    private ElectionMessageSerializer Serializer => fixture.Protobuf;

    [Theory]
    [InlineData("")]
    [InlineData("X")]
    [InlineData("em")]
    [InlineData("EM ")]
    [InlineData("ep")]
    [InlineData("EP2")]
    [InlineData("Actors.Election.ElectionMessage, Actors.Election")]
    public void An_unknown_manifest_is_rejected_even_with_a_valid_payload(string manifest)
    {
        var bytes = Serializer.ToBinary(SampleMessages.Message());

        var e = Assert.Throws<SerializationException>(() => Serializer.FromBinary(bytes, manifest));
        Assert.Contains("manifest", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_null_manifest_is_rejected()
    {
        var bytes = Serializer.ToBinary(SampleMessages.Message());

        Assert.Throws<SerializationException>(() => Serializer.FromBinary(bytes, null!));
    }

    [Theory]
    [InlineData(ElectionMessageSerializer.ElectionMessageManifest)]
    [InlineData(ElectionMessageSerializer.LegacyElectionMessageManifest)]
    public void Null_bytes_are_rejected(string manifest)
    {
        Assert.Throws<SerializationException>(() => Serializer.FromBinary(null!, manifest));
    }

    [Theory]
    [InlineData(WireFormat.Protobuf)]
    [InlineData(WireFormat.Legacy)]
    public void Empty_bytes_are_rejected(WireFormat format)
    {
        fixture.For(format).AssertRejected([]);
    }

    public static TheoryData<object> ForeignObjects() => new()
    {
        "a string",
        42,
        new object(),
        GetElectionState.Instance,
        SampleMessages.Node(1),
        Electorate.Bootstrap([SampleMessages.Node(1)]),
    };

    [Theory]
    [MemberData(nameof(ForeignObjects))]
    public void ToBinary_of_anything_but_an_election_message_is_rejected(object foreign)
    {
        Assert.Throws<SerializationException>(() => Serializer.ToBinary(foreign));
    }

    [Fact]
    public void ToBinary_of_null_is_rejected()
    {
        Assert.Throws<SerializationException>(() => Serializer.ToBinary(null!));
    }

    [Theory]
    [MemberData(nameof(ForeignObjects))]
    public void Manifest_of_anything_but_an_election_message_is_rejected(object foreign)
    {
        Assert.Throws<SerializationException>(() => Serializer.Manifest(foreign));
    }
}
