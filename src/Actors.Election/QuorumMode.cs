namespace Actors.Election;

/// <summary>How many votes make a quorum (HOCON <c>actors.election.quorum</c>).</summary>
public enum QuorumMode
{
    /// <summary>More than half of the electorate: at most one master per session, even across partitions.</summary>
    Majority,

    /// <summary>Every reachable electorate member: each side of a partition elects its own master; they merge on heal.</summary>
    Reachable,
}
