using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Election.Demo;

/// <summary>
/// What a child node tells the demo on its stdout, one line each: <c>STATE {json}</c> with its view of the election
/// (or of the singleton), and other prefixed lines for events (see <see cref="ReportLine"/>). The parent needs no Akka
/// client: it only parses these lines. Times are Unix milliseconds of the child (same machine, same clock). Nodes are
/// named by <see cref="NodeIds.ToShortId"/> (<c>host:port#uid</c>).
/// </summary>
internal sealed record NodeReport
{
    /// <summary>The reporting node, <c>host:port#uid</c>.</summary>
    public string Node { get; init; } = "";
    /// <summary>Idle, Campaigning, Master, Follower; in singleton mode Master when it hosts the singleton.</summary>
    public string Status { get; init; } = "Idle";
    /// <summary>The master it follows (<c>host:port#uid</c>), or null.</summary>
    public string? Master { get; init; }
    public long Session { get; init; }
    /// <summary>The values the election ranks candidates by, highest first: priority, then seniority (earlier start wins), commands seen, node id.</summary>
    public int Priority { get; init; }
    /// <summary>False when the node votes but may not be elected (<c>candidate = off</c>).</summary>
    public bool Candidate { get; init; } = true;
    /// <summary>When its election actor started (Unix ms): its seniority, as the election compares it.</summary>
    public long SeniorityStartMs { get; init; }
    /// <summary>False while <see cref="SeniorityStartMs"/> is known only to within a millisecond or two (see <see cref="SeniorityClock"/>).</summary>
    public bool SeniorityExact { get; init; }
    public long Commands { get; init; }
    /// <summary>This node's own member status (Joining, Up, …), or null before it joined.</summary>
    public string? SelfStatus { get; init; }
    /// <summary>Members Up (or Leaving) in its view, and how many members of any status it knows (joining ones included).</summary>
    public int Members { get; init; }
    public int KnownMembers { get; init; }
    /// <summary>How many members it cannot reach.</summary>
    public int Unreachable { get; init; }
    /// <summary>When <see cref="Master"/> last changed (Unix ms): the instant the election event that changed it arrived.</summary>
    public long MasterSince { get; init; }
    /// <summary>When this node's <c>WaitForLeadershipAsync</c> last completed (Unix ms; 0 while not master), and for which session.</summary>
    public long LeadingSince { get; init; }
    public long LeadingSession { get; init; }
    public long PeakWorkingSet { get; init; }
    /// <summary>Election messages this node has sent since it started.</summary>
    public long MessagesSent { get; init; }
    public long At { get; init; }
}

/// <summary>A member this node saw become unreachable, at <see cref="At"/>.</summary>
internal sealed record UnreachableReport(string Node, string Member, long At);

/// <summary>A fresh count of the election messages a node has sent, taken when the parent asked (<c>SNAPSHOT id</c> on its stdin).</summary>
internal sealed record SnapshotReport(string Node, long Id, long MessagesSent, long At);

/// <summary>
/// The node's <c>ClusterSingletonProxy</c> got an answer from a singleton instance other than the one that answered it
/// last: the instance (one id per start), the node hosting it, and when the answer arrived.
/// </summary>
internal sealed record SingletonAnswerReport(string Node, string Instance, string Host, long At);

internal static class ReportLine
{
    public const string StatePrefix = "STATE ";
    public const string EventPrefix = "EVENT ";
    public const string SnapshotPrefix = "SNAPSHOT ";
    public const string AnswerPrefix = "ANSWER ";
    public const string SettingsPrefix = "SETTINGS ";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Format(NodeReport report) => StatePrefix + JsonSerializer.Serialize(report, Json);

    public static string Format(UnreachableReport report) => EventPrefix + JsonSerializer.Serialize(report, Json);

    public static string Format(SnapshotReport report) => SnapshotPrefix + JsonSerializer.Serialize(report, Json);

    public static string Format(SingletonAnswerReport report) => AnswerPrefix + JsonSerializer.Serialize(report, Json);

    public static string Format(NodeSettings settings) => SettingsPrefix + JsonSerializer.Serialize(settings, Json);

    /// <summary>Parses one child line: one of the reports above, or null (a log line).</summary>
    public static object? Parse(string? line)
    {
        if (line is null) return null;
        try
        {
            if (line.StartsWith(StatePrefix, StringComparison.Ordinal))
                return JsonSerializer.Deserialize<NodeReport>(line.AsSpan(StatePrefix.Length), Json);
            if (line.StartsWith(EventPrefix, StringComparison.Ordinal))
                return JsonSerializer.Deserialize<UnreachableReport>(line.AsSpan(EventPrefix.Length), Json);
            if (line.StartsWith(SnapshotPrefix, StringComparison.Ordinal))
                return JsonSerializer.Deserialize<SnapshotReport>(line.AsSpan(SnapshotPrefix.Length), Json);
            if (line.StartsWith(AnswerPrefix, StringComparison.Ordinal))
                return JsonSerializer.Deserialize<SingletonAnswerReport>(line.AsSpan(AnswerPrefix.Length), Json);
            if (line.StartsWith(SettingsPrefix, StringComparison.Ordinal))
                return JsonSerializer.Deserialize<NodeSettings>(line.AsSpan(SettingsPrefix.Length), Json);
        }
        catch (JsonException)
        {
        }
        return null;
    }

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
