namespace Actors.Election;

/// <summary>
/// The names of the election's metrics, published through <c>System.Diagnostics.Metrics</c> on the meter
/// <see cref="MeterName"/> by every node that runs <see cref="Election.Get"/>. Every measurement carries the tag
/// <see cref="NodeTag"/> (this node's short id, <see cref="NodeIds.ToShortId"/>); <see cref="StepDowns"/> also carries <see cref="ReasonTag"/>.
/// Export them with any <c>System.Diagnostics.Metrics</c> listener, e.g. OpenTelemetry's
/// <c>AddMeter(ElectionMetrics.MeterName)</c>.
/// </summary>
public static class ElectionMetrics
{
    /// <summary>The meter's name: <c>Actors.Election</c>.</summary>
    public const string MeterName = "Actors.Election";

    /// <summary>
    /// The tag naming the node a measurement comes from: its short id <c>host:port#uid</c> (<see cref="NodeIds.ToShortId"/>,
    /// e.g. <c>10.0.0.1:2551#123456789</c>), the form the logs and the demo show, so a restarted node (a new uid) is a new series.
    /// </summary>
    public const string NodeTag = "node";

    /// <summary>The tag of <see cref="StepDowns"/> naming the <see cref="StepDownReason"/>.</summary>
    public const string ReasonTag = "reason";

    /// <summary>Counter: campaigns this node opened or joined (one per <see cref="ElectionStarted"/>).</summary>
    public const string ElectionsStarted = "actors.election.elections.started";

    /// <summary>Counter: sessions this node won (one per <see cref="ElectedMaster"/>).</summary>
    public const string ElectionsWon = "actors.election.elections.won";

    /// <summary>Counter: sessions that elected nobody in time on this node (one per <see cref="ElectionTimedOut"/>).</summary>
    public const string ElectionsTimedOut = "actors.election.elections.timed_out";

    /// <summary>Counter: two masters seen at once (one per <see cref="SplitBrainDetected"/>).</summary>
    public const string SplitBrains = "actors.election.split_brains";

    /// <summary>Counter: this node stopped being master (one per <see cref="SteppedDown"/>, tagged with its reason).</summary>
    public const string StepDowns = "actors.election.step_downs";

    /// <summary>
    /// Histogram, seconds: from the first <see cref="ElectionStarted"/> of an election on this node until the node
    /// knows a master again (retries and timed-out sessions in between belong to the same election).
    /// </summary>
    public const string ElectionDuration = "actors.election.election.duration";

    /// <summary>
    /// Histogram, seconds: from <see cref="MasterLost"/> until this node knows the master of a later session
    /// (<see cref="NewMaster"/>, or the same node re-elected). It starts after <c>connection-delay</c>, so add that
    /// and the failure detector's time for the outage the application sees.
    /// </summary>
    public const string FailoverDuration = "actors.election.failover.duration";

    /// <summary>Observable gauge: the highest session this node has seen.</summary>
    public const string Session = "actors.election.session";

    /// <summary>Observable gauge: 1 while this node is master, else 0.</summary>
    public const string IsMaster = "actors.election.is_master";
}
