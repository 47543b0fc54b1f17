namespace Actors.Election.Explorer.Model;

/// <summary>What the cluster (the environment) has decided about one incarnation of a node.</summary>
internal enum Fate
{
    /// <summary>A member, its process running.</summary>
    Up,

    /// <summary>Leaving gracefully (Akka's Leaving): still running, about to exit.</summary>
    Leaving,

    /// <summary>Left gracefully: its process stopped; a fact every member may be told.</summary>
    Left,

    /// <summary>Its process died (SIGKILL); the cluster may down it, or a new incarnation may take its address.</summary>
    Crashed,
}

/// <summary>What one node has been told about an incarnation (membership news reaches nodes one by one).</summary>
internal enum Told
{
    /// <summary>Told it is Up (MemberJoined).</summary>
    Up,

    /// <summary>Told it is leaving (MemberLeaving).</summary>
    Leaving,

    /// <summary>Told it is removed, after a graceful leave or a downing (MemberRemoved).</summary>
    Removed,
}
