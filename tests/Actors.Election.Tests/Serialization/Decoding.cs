using System.Runtime.Serialization;
using Actors.Election.Serialization;
using Xunit;
using Xunit.Sdk;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// Decoding helpers that hold the serializer to its contract: SerializationException and nothing else. Bytes are
/// decoded under the manifest of the format the serializer writes, so a helper tests that format's reader.
/// </summary>
internal static class Decoding
{
    /// <summary>The manifest <paramref name="serializer"/> writes (and so the reader these helpers exercise).</summary>
    public static string WrittenManifest(this ElectionMessageSerializer serializer) =>
        serializer.WireFormat == WireFormat.Legacy
            ? ElectionMessageSerializer.LegacyElectionMessageManifest
            : ElectionMessageSerializer.ElectionMessageManifest;

    /// <summary>Serializes and deserializes <paramref name="message"/>.</summary>
    public static ElectionMessage RoundTrip(this ElectionMessageSerializer serializer, ElectionMessage message)
    {
        var bytes = serializer.ToBinary(message);
        return Assert.IsType<ElectionMessage>(serializer.FromBinary(bytes, serializer.Manifest(message)));
    }

    /// <summary>
    /// Decodes <paramref name="bytes"/>: the message, or null when rejected with <see cref="SerializationException"/>.
    /// Any other exception fails the test, naming the payload.
    /// </summary>
    public static ElectionMessage? DecodeOrReject(this ElectionMessageSerializer serializer, byte[] bytes)
    {
        object decoded;
        try
        {
            decoded = serializer.FromBinary(bytes, serializer.WrittenManifest());
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
        return Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes, serializer.WrittenManifest()));
    }

    /// <summary>Asserts that whatever a payload decodes into survives a further round trip unchanged.</summary>
    public static void AssertStable(this ElectionMessageSerializer serializer, ElectionMessage decoded)
    {
        var again = serializer.DecodeOrReject(serializer.ToBinary(decoded));
        Assert.Equal(decoded, again);
    }

    /// <summary>
    /// The bytes allocated on this thread while <paramref name="serializer"/> rejects <paramref name="bytes"/> (after a
    /// first, warming rejection that also checks the contract).
    /// </summary>
    public static long AllocatedWhileRejecting(this ElectionMessageSerializer serializer, byte[] bytes)
    {
        serializer.AssertRejected(bytes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        serializer.DecodeOrReject(bytes);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
