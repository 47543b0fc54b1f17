using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>The legacy hostile-payload builder writes exactly what the serializer writes, so its mutations are meaningful.</summary>
public sealed class LegacyPayloadBuilderMatchesSerializerTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    [Fact]
    public void The_default_payload_is_the_serialized_default_message()
    {
        Assert.Equal(Convert.ToHexString(fixture.Legacy.ToBinary(LegacyPayload.DefaultMessage)), Convert.ToHexString(new LegacyPayload().Build()));
    }

    [Fact]
    public void The_default_payload_decodes_into_the_default_message()
    {
        Assert.Equal(LegacyPayload.DefaultMessage, fixture.Legacy.DecodeOrReject(new LegacyPayload().Build()));
    }
}
