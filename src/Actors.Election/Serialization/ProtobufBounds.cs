using Actors.Election.Serialization.Proto;

namespace Actors.Election.Serialization;

/// <summary>
/// Checks a Protocol Buffers payload against <see cref="WireLimits"/> before the generated parser sees it. The parser
/// allocates what the bytes declare (an object per repeated node id, a string per text field) and decodes invalid
/// UTF-8 into U+FFFD; this walk over the wire format allocates nothing and rejects, with a
/// <see cref="System.Runtime.Serialization.SerializationException"/>: a payload above the size limit, a tag, varint or
/// length that is malformed or runs past its message, a group (proto3 has none), more than
/// <see cref="WireLimits.MaxElectorate"/> node ids in any node list (counted over every occurrence of a field, as the
/// parser merges them), and text fields that are too long or not UTF-8. What passes allocates at most a bounded
/// multiple of its own size when parsed.
/// </summary>
internal static class ProtobufBounds
{
    public static void Check(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > WireLimits.MaxMessageBytes)
            throw WireErrors.Malformed($"{payload.Length} bytes, the schema allows {WireLimits.MaxMessageBytes}");
        int members = 0, outgoing = 0, removed = 0;
        var r = new ProtobufWireWalker(payload);
        while (r.Next(out var field, out var body))
        {
            switch (field)
            {
                case ElectionMessageData.SenderFieldNumber:
                case ElectionMessageData.VoteForFieldNumber:
                case ElectionMessageData.MasterFieldNumber:
                    CheckNode(body);
                    break;
                case ElectionMessageData.RemovedFieldNumber:
                    CountNode(ref removed, "removed members");
                    CheckNode(body);
                    break;
                case ElectionMessageData.ElectorateFieldNumber:
                    CheckElectorate(body, ref members, ref outgoing);
                    break;
            }
        }
    }

    private static void CheckElectorate(ReadOnlySpan<byte> electorate, ref int members, ref int outgoing)
    {
        var r = new ProtobufWireWalker(electorate);
        while (r.Next(out var field, out var body))
        {
            switch (field)
            {
                case ElectorateData.MembersFieldNumber:
                    CountNode(ref members, "electorate");
                    CheckNode(body);
                    break;
                case ElectorateData.OutgoingFieldNumber:
                    CountNode(ref outgoing, "outgoing electorate");
                    CheckNode(body);
                    break;
            }
        }
    }

    private static void CheckNode(ReadOnlySpan<byte> node)
    {
        var r = new ProtobufWireWalker(node);
        while (r.Next(out var field, out var body))
        {
            var what = field switch
            {
                NodeIdData.ProtocolFieldNumber => "protocol",
                NodeIdData.SystemFieldNumber => "system",
                NodeIdData.HostFieldNumber => "host",
                _ => null,
            };
            if (what is null) continue;
            if (body.Length > WireLimits.MaxStringBytes)
                throw WireErrors.Malformed($"{what} of {body.Length} bytes exceeds {WireLimits.MaxStringBytes}");
            WireText.CheckReadable(body, what);
        }
    }

    private static void CountNode(ref int count, string what)
    {
        if (++count > WireLimits.MaxElectorate) throw WireErrors.Malformed($"{what} count exceeds {WireLimits.MaxElectorate}");
    }
}
