using System.Buffers;
using System.Runtime.Serialization;
using System.Text;

namespace Actors.Election.Cluster.Tests.PreviousRelease;

/// <summary>Writes the compact binary wire format: LEB128 varints (zig-zag for signed values) and length-prefixed UTF-8.</summary>
internal sealed class PreviousWireWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(128);

    public void Byte(byte value) => _buffer.Write([value]);

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void UInt(ulong value)
    {
        Span<byte> scratch = stackalloc byte[10];
        var n = 0;
        while (value >= 0x80)
        {
            scratch[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        scratch[n++] = (byte)value;
        _buffer.Write(scratch[..n]);
    }

    public void Int(long value) => UInt((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes <paramref name="value"/>; refuses one the reader would reject as longer than <paramref name="maxBytes"/>.</summary>
    public void String(string value, int maxBytes, string what)
    {
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new SerializationException($"Cannot serialize election message: {what} is not valid UTF-16 text", e);
        }
        if (bytes.Length > maxBytes)
            throw new SerializationException($"Cannot serialize election message: {what} is {bytes.Length} UTF-8 bytes, the schema allows {maxBytes}");
        UInt((ulong)bytes.Length);
        _buffer.Write(bytes);
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
