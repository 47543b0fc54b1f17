namespace Actors.Election.Serialization;

/// <summary>
/// Steps through the fields of one Protocol Buffers message without allocating: scalars are skipped, and each
/// length-delimited field is handed out as a slice for <see cref="ProtobufBounds"/> to look into. Anything that is not
/// well-formed wire format is rejected: a field number of 0 or above 2^29 - 1, a varint longer than 10 bytes or wider
/// than 64 bits, a length or fixed-width value running past the message, and the group wire types (proto3 has no
/// groups, and skipping them would need recursion).
/// </summary>
internal ref struct ProtobufWireWalker(ReadOnlySpan<byte> message)
{
    private const int MaxFieldNumber = (1 << 29) - 1;
    private readonly ReadOnlySpan<byte> _message = message;
    private int _position;

    /// <summary>
    /// Moves to the next length-delimited field, skipping scalar fields on the way: false at the end of the message.
    /// </summary>
    public bool Next(out int field, out ReadOnlySpan<byte> body)
    {
        while (_position < _message.Length)
        {
            var tag = Varint();
            if (tag > uint.MaxValue) throw WireErrors.Malformed($"tag {tag} does not fit 32 bits");
            var number = tag >> 3;
            if (number is 0 or > MaxFieldNumber) throw WireErrors.Malformed($"invalid field number {number}");
            switch (tag & 7)
            {
                case 0: // varint
                    Varint();
                    break;
                case 1: // 64-bit
                    Skip(8, number);
                    break;
                case 2: // length-delimited: a string, bytes, an embedded message or a packed list
                    var length = Varint();
                    if (length > (ulong)(_message.Length - _position)) throw WireErrors.Malformed($"truncated field {number}");
                    field = (int)number;
                    body = _message.Slice(_position, (int)length);
                    _position += (int)length;
                    return true;
                case 5: // 32-bit
                    Skip(4, number);
                    break;
                case var wireType:
                    throw WireErrors.Malformed($"field {number} has wire type {wireType}, which proto3 does not use");
            }
        }
        field = 0;
        body = default;
        return false;
    }

    private ulong Varint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _message.Length) throw WireErrors.Malformed("truncated varint");
            var b = _message[_position++];
            if (shift == 63 && b > 1) throw WireErrors.Malformed("varint overflows 64 bits");
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw WireErrors.Malformed("varint longer than 10 bytes");
    }

    private void Skip(int bytes, ulong number)
    {
        if (bytes > _message.Length - _position) throw WireErrors.Malformed($"truncated field {number}");
        _position += bytes;
    }
}
