namespace Actors.Election.Demo;

/// <summary>Which master a local cluster runs: this library's election, or Akka's ClusterSingleton (the baseline).</summary>
internal enum ClusterKind
{
    Election,
    Singleton,
}

/// <summary>How a round takes the master out.</summary>
internal enum FailureKind
{
    /// <summary>SIGKILL of the master's process: its connections close at once.</summary>
    Crash,

    /// <summary>SIGSTOP of the master's process: a hung process, cut off without any connection closing.</summary>
    Partition,
}

/// <summary>
/// One failure of the master and what followed. Times are milliseconds from the kill (or stop), read from the
/// children's own clocks (same machine), never clamped: a value can be negative (an election that finished before
/// Akka's failure detector flagged the master). A round that did not finish has no <see cref="FailoverMs"/> and says why.
/// </summary>
internal sealed record FailoverRound
{
    public required int Round { get; init; }
    public required FailureKind Failure { get; init; }
    /// <summary>The demo's name of the node taken out (n3), or "-" when the round never got to the kill.</summary>
    public required string Killed { get; init; }
    /// <summary>Its node id (<c>host:port#uid</c>), or null when the round never got to the kill.</summary>
    public string? KilledId { get; init; }
    public string? NewMaster { get; init; }
    /// <summary>The failure → the end of the failover (see <see cref="LocalCluster"/>); null when the round did not finish.</summary>
    public double? FailoverMs { get; init; }
    /// <summary>Why the round did not finish; null when it did.</summary>
    public string? Unfinished { get; init; }
    /// <summary>When the first and the last survivor saw the victim unreachable (Akka's failure detector), and how many of the survivors did.</summary>
    public double? DetectionFirstMs { get; init; }
    public double? DetectionLastMs { get; init; }
    public int DetectedBy { get; init; }
    public int Survivors { get; init; }
    /// <summary>The first survivor's detection → the end of the failover: the election's own latency (negative when it beat the detector).</summary>
    public double? AfterDetectionMs { get; init; }
    /// <summary>Election messages the survivors sent between fresh snapshots just before the failure and just after the end; null when not counted.</summary>
    public long? Messages { get; init; }
    /// <summary>How busy the machine's CPUs were (percent, every process) in the second before the failure, and from the failure to the end of the round.</summary>
    public double? CpuBusyBeforePercent { get; init; }
    public double? CpuBusyDuringPercent { get; init; }

    public bool Finished => FailoverMs is not null;
}
