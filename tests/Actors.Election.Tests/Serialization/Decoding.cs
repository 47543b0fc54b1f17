using System.Runtime.Serialization;
using Actors.Election.Serialization;
using Xunit;
using Xunit.Sdk;

namespace Actors.Election.Tests.Serialization;

/// <summary>Decoding helpers that hold the serializer to its contract: SerializationException and nothing else.</summary>
internal static class Decoding
{
    /// <summary>
    /// Decodes <paramref name="bytes"/>: the message, or null when rejected with <see cref="SerializationException"/>.
    /// Any other exception fails the test, naming the payload.
    /// </summary>
    public static ElectionMessage? DecodeOrReject(this ElectionMessageSerializer serializer, byte[] bytes)
    {
        object decoded;
        try
        {
            decoded = serializer.FromBinary(bytes, ElectionMessageSerializer.ElectionMessageManifest);
        }
        catch (SerializationException)
        {
            return null;
        }
        catch (Exception e)
        {
            throw new XunitException($"payload {Convert.ToHexString(bytes)} raised {e.GetType().FullName} instead of SerializationException: {e}");
        }
        return decoded as ElectionMessage
               ?? throw new XunitException($"payload {Convert.ToHexString(bytes)} decoded into {decoded?.GetType().FullName ?? "null"}");
    }

    /// <summary>Asserts that <paramref name="bytes"/> are rejected with <see cref="SerializationException"/>.</summary>
    public static SerializationException AssertRejected(this ElectionMessageSerializer serializer, byte[] bytes)
    {
        var decoded = serializer.DecodeOrReject(bytes);
        if (decoded is not null)
            throw new XunitException($"payload {Convert.ToHexString(bytes)} was accepted as {decoded}");
        return Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes, ElectionMessageSerializer.ElectionMessageManifest));
    }

    /// <summary>Asserts that whatever a payload decodes into survives a further round trip unchanged.</summary>
    public static void AssertStable(this ElectionMessageSerializer serializer, ElectionMessage decoded)
    {
        var again = serializer.DecodeOrReject(serializer.ToBinary(decoded));
        Assert.Equal(decoded, again);
    }
}
