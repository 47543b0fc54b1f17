namespace Actors.Election.Serialization;

/// <summary>
/// Reads the legacy binary schema that <see cref="WireWriter"/> writes. Every bound is checked before anything is
/// allocated, so malformed, truncated or hostile bytes raise <see cref="System.Runtime.Serialization.SerializationException"/>
/// and never an out-of-range read, a hang or a huge allocation.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public readonly bool AtEnd => _position == _bytes.Length;

    public byte Byte()
    {
        if (_position >= _bytes.Length) throw WireErrors.Malformed("truncated");
        return _bytes[_position++];
    }

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var b => throw WireErrors.Malformed($"invalid boolean {b}"),
    };

    public ulong UInt()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            if (shift == 63 && b > 1) throw WireErrors.Malformed("varint overflows 64 bits");
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw WireErrors.Malformed("varint longer than 10 bytes");
    }

    public long Int()
    {
        var raw = UInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int Int32()
    {
        var value = Int();
        if (value is < int.MinValue or > int.MaxValue) throw WireErrors.Malformed($"value {value} does not fit 32 bits");
        return (int)value;
    }

    public int Count(int max, string what)
    {
        var value = UInt();
        if (value > (ulong)max) throw WireErrors.Malformed($"{what} count {value} exceeds {max}");
        return (int)value;
    }

    public string String(int maxBytes, string what)
    {
        var length = Count(maxBytes, what);
        if (length > _bytes.Length - _position) throw WireErrors.Malformed($"truncated {what}");
        var slice = _bytes.Slice(_position, length);
        _position += length;
        return WireText.Decode(slice, what);
    }

    public readonly void ExpectEnd()
    {
        if (!AtEnd) throw WireErrors.Malformed($"{_bytes.Length - _position} trailing bytes");
    }
}
