using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>The hostile-payload builder writes exactly what the serializer writes, so its mutations are meaningful.</summary>
public sealed class PayloadBuilderMatchesSerializerTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    [Fact]
    public void The_default_payload_is_the_serialized_default_message()
    {
        Assert.Equal(Convert.ToHexString(fixture.Serializer.ToBinary(Payload.DefaultMessage)), Convert.ToHexString(new Payload().Build()));
    }

    [Fact]
    public void The_default_payload_decodes_into_the_default_message()
    {
        Assert.Equal(Payload.DefaultMessage, fixture.Serializer.DecodeOrReject(new Payload().Build()));
    }
}
