using System.Text;
using System.Text.Unicode;

namespace Actors.Election.Serialization;

/// <summary>
/// Text on the wire is strict UTF-8 of at most <see cref="WireLimits.MaxStringBytes"/> bytes, in both formats: a lone
/// surrogate is refused when writing and an invalid byte sequence when reading, never replaced by U+FFFD.
/// </summary>
internal static class WireText
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The UTF-8 bytes of <paramref name="value"/>; refuses what a reader would reject.</summary>
    public static byte[] Encode(string value, string what)
    {
        CheckWritable(value, what);
        return StrictUtf8.GetBytes(value);
    }

    /// <summary>Refuses text that is not valid UTF-16 or longer than the bound in UTF-8.</summary>
    public static void CheckWritable(string value, string what)
    {
        int length;
        try
        {
            length = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw WireErrors.CannotSerialize($"{what} is not valid UTF-16 text", e);
        }
        if (length > WireLimits.MaxStringBytes)
            throw WireErrors.CannotSerialize($"{what} is {length} UTF-8 bytes, the schema allows {WireLimits.MaxStringBytes}");
    }

    /// <summary>Refuses bytes that are not valid UTF-8 (no allocation).</summary>
    public static void CheckReadable(ReadOnlySpan<byte> utf8, string what)
    {
        if (!Utf8.IsValid(utf8)) throw WireErrors.Malformed($"{what} is not valid UTF-8");
    }

    /// <summary>Decodes bytes that <see cref="CheckReadable"/> accepts.</summary>
    public static string Decode(ReadOnlySpan<byte> utf8, string what)
    {
        CheckReadable(utf8, what);
        return StrictUtf8.GetString(utf8);
    }
}
