using System.Runtime.Serialization;

namespace Actors.Election.Serialization;

/// <summary>The two kinds of <see cref="SerializationException"/> the serializer raises, worded alike in both formats.</summary>
internal static class WireErrors
{
    /// <summary>Bytes that are not a valid election message (truncated, hostile, out of the schema's bounds).</summary>
    public static SerializationException Malformed(string problem, Exception? inner = null) =>
        new($"Malformed election message: {problem}", inner);

    /// <summary>A message the wire format cannot carry; refused on the sending side.</summary>
    public static SerializationException CannotSerialize(string problem, Exception? inner = null) =>
        new($"Cannot serialize election message: {problem}", inner);
}
