namespace Actors.Election.Nemesis.Tests.Nemesis;

/// <summary>The faults the nemesis can inject.</summary>
internal enum FaultKind
{
    /// <summary>Two sides, 2 | 3: every link between them dropped both ways.</summary>
    PartitionHalves,

    /// <summary>One node cut off from every other, both ways.</summary>
    PartitionIsolate,

    /// <summary>One node stops hearing the others (deaf) or being heard by them (mute): one direction only.</summary>
    PartitionOneWay,

    /// <summary>Jepsen's bridge: two halves that cannot talk, and one node in both (2 | 1 | 2, the middle sees all).</summary>
    PartitionBridge,

    /// <summary>Jepsen's majorities ring: each node hears only its two ring neighbours, a majority each, a different one each.</summary>
    PartitionRing,

    /// <summary>Packet loss on every node's outgoing traffic (netem <c>loss</c>).</summary>
    Loss,

    /// <summary>Delay with jitter on every node's, or only the master's, outgoing traffic (netem <c>delay D J</c>).</summary>
    Delay,

    /// <summary>Reordering: most packets delayed, some sent at once (netem <c>delay D J reorder P</c>).</summary>
    Reorder,

    /// <summary>SIGKILL of one node; a new incarnation starts on the same address at the heal.</summary>
    Kill,

    /// <summary>SIGSTOP of one node; SIGCONT at the heal.</summary>
    Pause,

    /// <summary>SIGTERM of one node (it leaves gracefully, a master hands over); a new incarnation starts at the heal.</summary>
    Restart,

    /// <summary>
    /// SIGKILL of one node; at the heal a new incarnation starts on the same address with its wall clock shifted by a
    /// new offset within seconds (<see cref="Processes.NodeClocks"/>), which the node keeps until another clock fault.
    /// </summary>
    ClockOffset,

    /// <summary>
    /// One running node's wall clock steps to a new offset within seconds, forward or back (an NTP step), with no
    /// restart; the node keeps it until another clock fault.
    /// </summary>
    ClockJump,
}
