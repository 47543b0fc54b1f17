using System.Buffers;

namespace Actors.Election.Serialization;

/// <summary>Writes the legacy binary schema: LEB128 varints (zig-zag for signed values) and length-prefixed UTF-8.</summary>
internal sealed class WireWriter
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

    /// <summary>Writes <paramref name="value"/>; refuses text a reader would reject (see <see cref="WireText"/>).</summary>
    public void String(string value, string what)
    {
        var bytes = WireText.Encode(value, what);
        UInt((ulong)bytes.Length);
        _buffer.Write(bytes);
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
