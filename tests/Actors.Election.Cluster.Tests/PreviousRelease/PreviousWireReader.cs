using System.Runtime.Serialization;
using System.Text;

namespace Actors.Election.Cluster.Tests.PreviousRelease;

/// <summary>
/// Reads what <see cref="PreviousWireWriter"/> wrote. Every bound is checked before anything is allocated, so
/// malformed, truncated or hostile bytes raise <see cref="SerializationException"/> and never an
/// out-of-range read, a hang or a huge allocation.
/// </summary>
internal ref struct PreviousWireReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public readonly bool AtEnd => _position == _bytes.Length;

    public byte Byte()
    {
        if (_position >= _bytes.Length) throw Malformed("truncated");
        return _bytes[_position++];
    }

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var b => throw Malformed($"invalid boolean {b}"),
    };

    public ulong UInt()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            if (shift == 63 && b > 1) throw Malformed("varint overflows 64 bits");
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw Malformed("varint longer than 10 bytes");
    }

    public long Int()
    {
        var raw = UInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int Int32()
    {
        var value = Int();
        if (value is < int.MinValue or > int.MaxValue) throw Malformed($"value {value} does not fit 32 bits");
        return (int)value;
    }

    public int Count(int max, string what)
    {
        var value = UInt();
        if (value > (ulong)max) throw Malformed($"{what} count {value} exceeds {max}");
        return (int)value;
    }

    public string String(int maxBytes, string what)
    {
        var length = Count(maxBytes, what);
        if (length > _bytes.Length - _position) throw Malformed($"truncated {what}");
        var slice = _bytes.Slice(_position, length);
        _position += length;
        try
        {
            return StrictUtf8.GetString(slice);
        }
        catch (DecoderFallbackException e)
        {
            throw Malformed($"{what} is not valid UTF-8", e);
        }
    }

    public readonly void ExpectEnd()
    {
        if (!AtEnd) throw Malformed($"{_bytes.Length - _position} trailing bytes");
    }

    public static SerializationException Malformed(string problem, Exception? inner = null) =>
        new($"Malformed election message: {problem}", inner);

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
