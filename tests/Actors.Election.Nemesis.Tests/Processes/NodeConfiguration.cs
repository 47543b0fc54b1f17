namespace Actors.Election.Nemesis.Tests.Processes;

/// <summary>
/// How the node processes are configured: the demo's tuned failure detector (<c>--fast</c>: 200 ms heartbeats, 1 s
/// acceptable pause; election connection-delay 100 ms, gather 300 ms, heartbeat 500 ms, election-timeout 2 s),
/// <c>majority</c> quorum, Akka's split brain resolver (keep-majority) with <see cref="StableAfter"/>, and Akka's own
/// log at INFO so reachability, downing, gating and quarantines show in the node logs. The nodes record the values
/// they actually run with in their histories, and the checker uses those.
/// </summary>
internal static class NodeConfiguration
{
    public const int Port = 2551;

    /// <summary>
    /// The split brain resolver's stable-after: well above detection (about 1.2 s) as docs/operations.md advises, so
    /// short faults are ridden out and only longer ones end in downing (and the downed processes exit and are restarted).
    /// </summary>
    public const string StableAfter = "5s";

    /// <summary>
    /// The HOCON file given to every node with <c>--config</c>. A first seed that hears no other seed within
    /// seed-node-timeout forms a cluster of its own; 5 s (the demo's is 2 s) leaves a loaded machine time to answer.
    /// </summary>
    public const string Hocon = """
        akka.loglevel = INFO
        akka.stdout-loglevel = INFO
        akka.remote.log-remote-lifecycle-events = on
        akka.cluster.seed-node-timeout = 5s
        """;

    /// <summary>The arguments of <c>node</c> mode apart from history, store and seeds.</summary>
    public static IReadOnlyList<string> Arguments(string host, string configFile, int parentPid) =>
    [
        "--host", host,
        "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--quorum", "majority",
        "--fast",
        "--sbr-stable-after", StableAfter,
        "--config", configFile,
        "--parent-pid", parentPid.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];
}
