using Akka.Cluster;
using Akka.Configuration;

namespace Actors.Election.Demo;

/// <summary>
/// A named set of failure-detector (and matching cluster, singleton and election) settings a node process runs with.
/// The benchmark runs Actors.Election and ClusterSingleton under the same profile; the split brain resolver's
/// <c>stable-after</c> is set apart (<c>--sbr-stable-after</c>), so each profile can be swept against it.
/// </summary>
/// <param name="Name">What <c>--detector</c> calls it.</param>
/// <param name="Hocon">The settings it puts over Akka's and the library's defaults (empty: nothing).</param>
/// <param name="Purpose">What it is for, in words (its numbers are in <see cref="Summary"/>, read from <see cref="Hocon"/>).</param>
internal sealed record DetectorProfile(string Name, string Hocon, string Purpose)
{

    /// <summary>The value of <c>--detector</c> that lets the node count pick the profile (<see cref="ForLocalCluster"/>).</summary>
    public const string AutoName = "auto";

    /// <summary>
    /// Nothing overridden: Akka.Cluster's own failure detector, gossip and singleton defaults (1 s heartbeats, 3 s
    /// acceptable pause, as its reference configuration has them) and the library's defaults. What a new user runs.
    /// </summary>
    public static readonly DetectorProfile AkkaDefault = new("akka-default", "",
        "Akka.Cluster's own defaults (from its reference configuration) and the library's defaults");

    /// <summary>
    /// The demo's tight profile: 200 ms heartbeats, 1 s acceptable pause, and every cluster and singleton interval
    /// that adds to a failover cut to 200 ms, for both systems alike (the singleton proxy too: it looks for a moved
    /// singleton every <c>singleton-identification-interval</c>, 1 s by default).
    /// </summary>
    public static readonly DetectorProfile Tight = new("tight", """
        akka.cluster {
          gossip-interval = 200ms
          leader-actions-interval = 200ms
          unreachable-nodes-reaper-interval = 200ms
          periodic-tasks-initial-delay = 100ms
          seed-node-timeout = 2s
          failure-detector {
            heartbeat-interval = 200ms
            acceptable-heartbeat-pause = 1s
            expected-response-after = 500ms
          }
          split-brain-resolver {
            stable-after = 2s
            down-all-when-unstable = off
          }
          singleton.hand-over-retry-interval = 200ms
          singleton-proxy.singleton-identification-interval = 200ms
        }
        actors.election {
          connection-delay = 100ms
          gather-timeout = 300ms
          heartbeat-interval = 200ms
          failure-timeout = 1s
          election-timeout = 2s
        }
        """, "the demo's tight detector, every cluster and singleton interval cut to match");

    /// <summary>
    /// Many node processes per core (a local cluster of 25 on 2 cores): the processes take turns on the CPU for seconds
    /// at a time, so heartbeats arrive late although nothing failed. A 1 s heartbeat with a 10 s acceptable pause rides
    /// that out; the election's timeouts grow with it, as its messages queue behind the same CPU. Its scheduler ticks
    /// every 50 ms instead of 10 ms, which with the local cluster's thread-pool setting (see <see cref="LocalCluster"/>)
    /// brings an idle node to about a third of its CPU (measured on this machine): 25 processes on 2 cores need that.
    /// </summary>
    public static readonly DetectorProfile Loaded = new("loaded", """
        akka.scheduler.tick-duration = 50ms
        akka.cluster {
          seed-node-timeout = 5s
          retry-unsuccessful-join-after = 5s
          failure-detector {
            heartbeat-interval = 1s
            acceptable-heartbeat-pause = 10s
            expected-response-after = 5s
          }
          split-brain-resolver.down-all-when-unstable = off
        }
        actors.election {
          gather-timeout = 2s
          election-timeout = 6s
          heartbeat-interval = 1s
          failure-timeout = 10s
        }
        """, "for many node processes per core: a patient detector, longer election timeouts, a coarser scheduler tick");

    /// <summary>Every profile <c>--detector</c> accepts by name.</summary>
    public static readonly IReadOnlyList<DetectorProfile> All = [AkkaDefault, Tight, Loaded];

    /// <summary>Node processes per core up to which a local cluster runs the tight profile (9 on 2 cores did, 25 did not).</summary>
    public const int TightNodesPerCore = 5;

    /// <summary>The profile a local cluster of <paramref name="nodes"/> processes on <paramref name="cores"/> cores can hold.</summary>
    public static DetectorProfile ForLocalCluster(int nodes, int cores) =>
        nodes <= TightNodesPerCore * Math.Max(1, cores) ? Tight : Loaded;

    /// <summary>The profile called <paramref name="name"/> (not <see cref="AutoName"/>), or null.</summary>
    public static DetectorProfile? Find(string? name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The names <c>--detector</c> accepts, for messages.</summary>
    public static string Names => string.Join("|", All.Select(p => p.Name));

    /// <summary>The failure detector it runs, from its settings over Akka.Cluster's reference configuration: "heartbeat-interval 1s, acceptable-heartbeat-pause 3s".</summary>
    public string Summary
    {
        get
        {
            var config = Config.WithFallback(AkkaClusterReference);
            return $"heartbeat-interval {NodeSettings.Duration(config.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval"))}, " +
                   $"acceptable-heartbeat-pause {NodeSettings.Duration(config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"))}";
        }
    }

    /// <summary><see cref="Purpose"/> and <see cref="Summary"/>, for help texts and the demo's first line.</summary>
    public string Description => $"{Purpose} ({Summary})";

    /// <summary><see cref="Hocon"/>, parsed.</summary>
    public Config Config => ConfigurationFactory.ParseString(Hocon);

    /// <summary>Akka.Cluster's reference configuration, as the library ships it (the source of the akka-default profile's values).</summary>
    public static Config AkkaClusterReference { get; } =
        ConfigurationFactory.FromResource<Cluster>("Akka.Cluster.Configuration.Cluster.conf");

    public override string ToString() => Name;
}
