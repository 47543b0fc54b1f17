using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Election.Demo.Recording;

/// <summary>
/// One line of a node's history file (<c>node --history FILE</c>): JSON, one object per line, UTC timestamps. The
/// nemesis checker reads these files back with the same type, so this is the one definition of the format.
/// </summary>
internal sealed record HistoryRecord
{
    /// <summary>When it happened (UTC, taken by the recording process as it recorded the line).</summary>
    public required DateTime At { get; init; }

    /// <summary>What the line records: one of <see cref="HistoryKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The recording node, <c>host:port#uid</c> (<see cref="NodeIds.ToShortId"/>).</summary>
    public required string Node { get; init; }

    /// <summary><see cref="HistoryKinds.State"/>: the <see cref="ElectionStatus"/>.</summary>
    public string? Status { get; init; }

    /// <summary>The session of the state, event or leadership.</summary>
    public long? Session { get; init; }

    /// <summary>The master of the state, event or leadership, <c>host:port#uid</c>.</summary>
    public string? Master { get; init; }

    /// <summary>
    /// <see cref="HistoryKinds.Leadership"/> and <see cref="HistoryKinds.StoreError"/> lines: the leadership's fencing
    /// token in its canonical text form (<see cref="FencingToken.ToString"/>), exactly what the store compares. Absent in
    /// histories written before the store took <see cref="FencingToken"/>s (their readers fall back to session and master).
    /// </summary>
    public string? Token { get; init; }

    /// <summary><see cref="HistoryKinds.Event"/>: the event's type name (<c>ElectionStarted</c>, <c>NewMaster</c>, …).</summary>
    public string? Event { get; init; }

    /// <summary><c>SteppedDown</c>: the reason.</summary>
    public string? Reason { get; init; }

    /// <summary><c>SplitBrainDetected</c>: the masters seen.</summary>
    public IReadOnlyList<string>? Masters { get; init; }

    /// <summary>Free text: what a leadership line or an error line says.</summary>
    public string? Detail { get; init; }

    /// <summary><see cref="HistoryKinds.Start"/>: the process id.</summary>
    public int? Pid { get; init; }

    /// <summary><see cref="HistoryKinds.Start"/>: the settings the node runs with, read back from its actor system.</summary>
    public RecordedSettings? Settings { get; init; }

    /// <summary>The JSON options of the format: camelCase names, nulls left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>This record as one JSON line (no line break).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses one line of a history file.</summary>
    public static HistoryRecord Parse(string line) =>
        JsonSerializer.Deserialize<HistoryRecord>(line, Json) ?? throw new JsonException($"not a history record: {line}");
}

/// <summary>The kinds of <see cref="HistoryRecord"/> lines.</summary>
internal static class HistoryKinds
{
    /// <summary>The first line: the node, its pid and its settings.</summary>
    public const string Start = "start";

    /// <summary>The node's <see cref="ElectionState"/> changed status, master or session.</summary>
    public const string State = "state";

    /// <summary>An <see cref="IElectionEvent"/> was published.</summary>
    public const string Event = "event";

    /// <summary>The fenced-store job got (<c>acquired</c>) or lost (<c>lost</c>) a leadership, before it writes with it.</summary>
    public const string Leadership = "leadership";

    /// <summary>A store write failed for a reason other than fencing (busy, I/O): the write did not happen.</summary>
    public const string StoreError = "store-error";

    /// <summary>The node is shutting down (absent when the process was killed).</summary>
    public const string Stop = "stop";
}

/// <summary>The timing settings a node runs with, read back from its actor system (milliseconds).</summary>
internal sealed record RecordedSettings
{
    /// <summary><c>actors.election.quorum</c>.</summary>
    public required string Quorum { get; init; }

    /// <summary><c>actors.election.election-timeout</c>.</summary>
    public required long ElectionTimeoutMs { get; init; }

    /// <summary><c>actors.election.gather-timeout</c>.</summary>
    public required long GatherTimeoutMs { get; init; }

    /// <summary><c>actors.election.connection-delay</c>.</summary>
    public required long ConnectionDelayMs { get; init; }

    /// <summary><c>actors.election.heartbeat-interval</c>.</summary>
    public required long ElectionHeartbeatMs { get; init; }

    /// <summary><c>akka.cluster.failure-detector.heartbeat-interval</c>.</summary>
    public required long DetectorHeartbeatMs { get; init; }

    /// <summary><c>akka.cluster.failure-detector.acceptable-heartbeat-pause</c>.</summary>
    public required long DetectorPauseMs { get; init; }

    /// <summary><c>akka.cluster.gossip-interval</c>.</summary>
    public required long GossipIntervalMs { get; init; }

    /// <summary><c>akka.cluster.split-brain-resolver.stable-after</c>.</summary>
    public required long DowningStableAfterMs { get; init; }

    /// <summary><c>akka.cluster.split-brain-resolver.active-strategy</c>.</summary>
    public required string DowningStrategy { get; init; }
}
