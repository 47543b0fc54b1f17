using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Election.Demo;

/// <summary>
/// What a child node tells the demo on its stdout, one line each: <c>STATE {json}</c> with its view of the election
/// (or of the singleton), and <c>EVENT {json}</c> for a cluster member it saw become unreachable. The parent needs no
/// Akka client: it only parses these lines. Times are Unix milliseconds of the child (same machine, same clock).
/// </summary>
internal sealed record NodeReport
{
    /// <summary>The reporting node, <c>host:port</c>.</summary>
    public string Node { get; init; } = "";
    /// <summary>Idle, Campaigning, Master, Follower; in singleton mode Master when it hosts the singleton.</summary>
    public string Status { get; init; } = "Idle";
    /// <summary>The master it follows (<c>host:port</c>), or null.</summary>
    public string? Master { get; init; }
    public long Session { get; init; }
    public long SeniorityMs { get; init; }
    public long Commands { get; init; }
    /// <summary>Members Up (or Leaving) in its view, and how many of those it cannot reach.</summary>
    public int Members { get; init; }
    public int Unreachable { get; init; }
    /// <summary>When <see cref="Master"/> last changed (Unix ms).</summary>
    public long MasterSince { get; init; }
    public long PeakWorkingSet { get; init; }
    /// <summary>Election messages this node has sent since it started.</summary>
    public long MessagesSent { get; init; }
    public long At { get; init; }
}

/// <summary>A member this node saw become unreachable, at <see cref="At"/>.</summary>
internal sealed record UnreachableReport(string Node, string Member, long At);

internal static class ReportLine
{
    public const string StatePrefix = "STATE ";
    public const string EventPrefix = "EVENT ";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Format(NodeReport report) => StatePrefix + JsonSerializer.Serialize(report, Json);

    public static string Format(UnreachableReport report) => EventPrefix + JsonSerializer.Serialize(report, Json);

    /// <summary>Parses one child line: a <see cref="NodeReport"/>, an <see cref="UnreachableReport"/>, or null (a log line).</summary>
    public static object? Parse(string? line)
    {
        if (line is null) return null;
        try
        {
            if (line.StartsWith(StatePrefix, StringComparison.Ordinal))
                return JsonSerializer.Deserialize<NodeReport>(line.AsSpan(StatePrefix.Length), Json);
            if (line.StartsWith(EventPrefix, StringComparison.Ordinal))
                return JsonSerializer.Deserialize<UnreachableReport>(line.AsSpan(EventPrefix.Length), Json);
        }
        catch (JsonException)
        {
        }
        return null;
    }

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
