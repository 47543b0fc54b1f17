namespace Actors.Election;

/// <summary>
/// Which wire format a node writes its election messages in (HOCON <c>actors.election.wire-format</c>). Whatever it
/// writes, a node reads both, so a cluster moves from one to the other by rolling restarts (see docs/operations.md).
/// </summary>
public enum WireFormat
{
    /// <summary>Protocol Buffers (<c>election.proto</c>, manifest <c>EP</c>): every field, including joint electorates.</summary>
    Protobuf,

    /// <summary>
    /// The binary schema of the releases before the Protocol Buffers format (schema 2, manifest <c>EM</c>), which
    /// those releases read. Only for the first step of a rolling upgrade from such a release: it cannot carry a
    /// joint electorate's outgoing member set (see docs/protocol.md, "Wire format and upgrades").
    /// </summary>
    Legacy,
}
