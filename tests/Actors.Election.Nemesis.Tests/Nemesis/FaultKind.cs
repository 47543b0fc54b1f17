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
    /// EXTENSION POINT, not scheduled yet: shift one node's wall clock by an offset. The library's sessions are about
    /// to become hybrid-logical-clock values proposed from the wall clock (issue 10); once a node process can be given
    /// an offset (the hook this needs: a <c>node --clock-offset &lt;duration&gt;</c> option, backed by a clock the
    /// library reads through an injectable time source, e.g. <see cref="TimeProvider"/>, instead of
    /// <c>DateTime.UtcNow</c>), <see cref="FaultInjector"/> restarts the victim with the option, or tells it at run
    /// time, and <see cref="FaultPlanner"/> gives this kind a weight.
    /// </summary>
    ClockOffset,
}
