using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;

namespace Actors.Election.Demo;

/// <summary>
/// The settings a node process actually runs with, read back from its running <see cref="ActorSystem"/> (Akka's own
/// settings objects, the downing provider it loaded, the election's <see cref="ElectionSettings"/>, the versions of
/// the assemblies it loaded) rather than from what the demo meant to configure. A node in <c>--report</c> mode prints it
/// as one <c>SETTINGS</c> line; the benchmark prints and records what its nodes report.
/// </summary>
internal sealed record NodeSettings
{
    public string Node { get; init; } = "";
    /// <summary>Actors.Election or ClusterSingleton.</summary>
    public string Implementation { get; init; } = "";
    /// <summary><c>akka.cluster.failure-detector</c>: key → effective value.</summary>
    public IReadOnlyList<Setting> FailureDetector { get; init; } = [];
    /// <summary>The cluster's intervals that add to a failover, and <c>min-nr-of-members</c>.</summary>
    public IReadOnlyList<Setting> Cluster { get; init; } = [];
    /// <summary>The downing provider it loaded and the split brain resolver's settings.</summary>
    public IReadOnlyList<Setting> Downing { get; init; } = [];
    /// <summary>The singleton manager's effective removal margin and hand-over interval, and the proxy's identification interval.</summary>
    public IReadOnlyList<Setting> Singleton { get; init; } = [];
    /// <summary>The election's settings (<see cref="ElectionSettings.ToHocon"/>), empty when the node runs the singleton.</summary>
    public IReadOnlyList<Setting> Election { get; init; } = [];
    /// <summary>Runtime knobs that change how the node process uses the CPU (the .NET thread pool's spinning, the scheduler's tick).</summary>
    public IReadOnlyList<Setting> Runtime { get; init; } = [];
    /// <summary>Assembly → informational version of the loaded Akka, Akka.Remote, Akka.Cluster, Akka.Cluster.Tools, Actors.Election, and the runtime.</summary>
    public IReadOnlyList<Setting> Versions { get; init; } = [];

    /// <summary>One key and its effective value, as text.</summary>
    public sealed record Setting(string Key, string Value);

    /// <summary>Reads them from <paramref name="system"/>; <paramref name="election"/> is null on a singleton node.</summary>
    public static NodeSettings Read(ActorSystem system, Election? election, string node)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var cs = cluster.Settings;
        var fd = cs.FailureDetectorConfig;
        var sbr = system.Settings.Config.GetConfig("akka.cluster.split-brain-resolver") ?? Config.Empty;
        var manager = ClusterSingletonManagerSettings.Create(system);
        var proxy = ClusterSingletonProxySettings.Create(system);
        return new NodeSettings
        {
            Node = node,
            Implementation = election is null ? "ClusterSingleton" : "Actors.Election",
            FailureDetector =
            [
                new("heartbeat-interval", Duration(cs.HeartbeatInterval)),
                new("acceptable-heartbeat-pause", Duration(fd.GetTimeSpan("acceptable-heartbeat-pause"))),
                new("threshold", fd.GetDouble("threshold").ToString(CultureInfo.InvariantCulture)),
                new("min-std-deviation", Duration(fd.GetTimeSpan("min-std-deviation"))),
                new("expected-response-after", Duration(cs.HeartbeatExpectedResponseAfter)),
                new("monitored-by-nr-of-members", cs.MonitoredByNrOfMembers.ToString(CultureInfo.InvariantCulture)),
            ],
            Cluster =
            [
                new("gossip-interval", Duration(cs.GossipInterval)),
                new("leader-actions-interval", Duration(cs.LeaderActionsInterval)),
                new("unreachable-nodes-reaper-interval", Duration(cs.UnreachableNodesReaperInterval)),
                new("min-nr-of-members", cs.MinNrOfMembers.ToString(CultureInfo.InvariantCulture)),
            ],
            Downing =
            [
                new("downing-provider", cluster.DowningProvider?.GetType().Name ?? "none"),
                new("active-strategy", sbr.GetString("active-strategy", "-")),
                new("stable-after", Duration(sbr.GetTimeSpan("stable-after", TimeSpan.Zero))),
                new("down-all-when-unstable", sbr.GetString("down-all-when-unstable", "-")),
                new("down-removal-margin (effective)", cluster.DowningProvider is { } provider ? Duration(provider.DownRemovalMargin) : "-"),
            ],
            Singleton =
            [
                new("removal-margin (effective)", Duration(manager.RemovalMargin)),
                new("hand-over-retry-interval", Duration(manager.HandOverRetryInterval)),
                new("proxy singleton-identification-interval", Duration(proxy.SingletonIdentificationInterval)),
            ],
            Election = election is null ? [] : ElectionSettingsOf(election.Settings),
            Runtime =
            [
                new("akka.scheduler.tick-duration", Duration(system.Settings.Config.GetTimeSpan("akka.scheduler.tick-duration"))),
                new("akka.remote.dot-netty.tcp.batching.enabled", system.Settings.Config.GetBoolean("akka.remote.dot-netty.tcp.batching.enabled") ? "on" : "off"),
                new("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", System.Environment.GetEnvironmentVariable("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit") ?? "default"),
                new("server GC", System.Runtime.GCSettings.IsServerGC ? "on" : "off"),
            ],
            Versions =
            [
                Version(typeof(ActorSystem).Assembly),
                Version(typeof(Akka.Remote.RemoteActorRefProvider).Assembly),
                Version(typeof(Akka.Cluster.Cluster).Assembly),
                Version(typeof(ClusterSingletonManager).Assembly),
                Version(typeof(Election).Assembly),
                new(".NET", RuntimeInformation.FrameworkDescription),
            ],
        };
    }

    /// <summary>Every key of <see cref="ElectionSettings.ToHocon"/>: whatever the library reads, in its own words.</summary>
    private static IReadOnlyList<Setting> ElectionSettingsOf(ElectionSettings settings)
    {
        var section = ConfigurationFactory.ParseString(settings.ToHocon()).GetConfig(ElectionSettings.ConfigPath);
        return section.AsEnumerable().Select(kv => new Setting(kv.Key, kv.Value.GetString() is { Length: > 0 } v ? v : "\"\"")).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
    }

    private static Setting Version(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? assembly.GetName().Version?.ToString() ?? "?";
        var plus = version.IndexOf('+', StringComparison.Ordinal); // drop the source revision SourceLink appends
        return new(assembly.GetName().Name ?? "?", plus > 0 ? version[..plus] : version);
    }

    /// <summary>A duration as HOCON writes it: whole seconds as s, else ms (fractions kept).</summary>
    public static string Duration(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value.Ticks / TimeSpan.TicksPerSecond}s")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.###}ms");

    /// <summary>The settings without the node's name, one group a line: nodes of one cluster that agree give the same text.</summary>
    public string Describe()
    {
        var lines = new List<string>
        {
            Line("failure detector", FailureDetector),
            Line("cluster", Cluster),
            Line("split brain resolver", Downing),
            Line("singleton", Singleton),
        };
        if (Election.Count > 0) lines.Add(Line("election", Election));
        if (Runtime.Count > 0) lines.Add(Line("runtime", Runtime));
        lines.Add(Line("versions", Versions));
        return string.Join("\n", lines);
    }

    private static string Line(string group, IReadOnlyList<Setting> settings) =>
        $"{group}: {string.Join(", ", settings.Select(s => $"{s.Key} = {s.Value}"))}";

    /// <summary>The value of <paramref name="key"/> in <paramref name="group"/>, or null.</summary>
    public static string? Get(IReadOnlyList<Setting> group, string key) => group.FirstOrDefault(s => s.Key == key)?.Value;
}
