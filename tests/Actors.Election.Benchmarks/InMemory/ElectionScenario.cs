using Akka.Cluster;

namespace Actors.Election.Benchmarks.InMemory;

/// <summary>
/// The in-memory election and failover the benchmarks time, with their fixed inputs: the library's default settings
/// (reference.conf), a 100 µs one-way latency (about half a loopback round trip through Akka.Remote), and one seed.
/// Deterministic: every call with the same node count runs the very same steps.
/// </summary>
internal static class ElectionScenario
{
    public const int Seed = 20261129;

    public static readonly TimeSpan Latency = TimeSpan.FromTicks(1_000); // 100 µs

    public static readonly ElectionSettings Settings = ElectionSettings.Create(Akka.Configuration.Config.Empty);

    /// <summary>How long an elected cluster runs before its master crashes: a few heartbeats, so the failover starts from a steady state.</summary>
    public static readonly TimeSpan SteadyFor = TimeSpan.FromSeconds(1);

    /// <summary>A bound on a run's steps, far above what an election takes, so a run that never agrees fails instead of spinning.</summary>
    private const int MaxSteps = 1_000_000;

    /// <summary><paramref name="nodes"/> fresh nodes, each just told the whole membership (their hellos in flight).</summary>
    public static InMemoryCluster Told(int nodes)
    {
        var cluster = new InMemoryCluster(nodes, Seed, Settings, Latency);
        cluster.TellMembership();
        return cluster;
    }

    /// <summary><paramref name="nodes"/> nodes that elected a master and then ran <see cref="SteadyFor"/> with it.</summary>
    public static InMemoryCluster Steady(int nodes)
    {
        var cluster = Told(nodes);
        Elect(cluster);
        cluster.RunFor(SteadyFor);
        return cluster;
    }

    /// <summary>Runs <paramref name="cluster"/> until one master is followed by every running node; returns that master.</summary>
    public static UniqueAddress Elect(InMemoryCluster cluster) =>
        cluster.RunUntil(c => c.AgreedMaster() is not null, MaxSteps)
            ? cluster.AgreedMaster()!
            : throw new InvalidOperationException($"no master followed by all after {MaxSteps} steps (virtual time {cluster.Now - InMemoryCluster.Epoch})");

    /// <summary>Crashes the master <paramref name="cluster"/> agreed on and runs until another one is followed by every survivor; returns it.</summary>
    public static UniqueAddress Failover(InMemoryCluster cluster)
    {
        var old = cluster.AgreedMaster() ?? throw new InvalidOperationException("no agreed master to crash");
        cluster.Crash(cluster.IndexOf(old));
        return cluster.RunUntil(c => c.AgreedMaster() is { } master && !master.Equals(old), MaxSteps)
            ? cluster.AgreedMaster()!
            : throw new InvalidOperationException($"no new master followed by all survivors after {MaxSteps} steps (virtual time {cluster.Now - InMemoryCluster.Epoch})");
    }

    /// <summary>
    /// What one run cost: messages sent (in all and of each kind) and steps run from its start, the virtual time it took,
    /// and the master it ended with and that master's session (so a report shows the run reached its end state).
    /// </summary>
    public sealed record Cost(long Messages, IReadOnlyDictionary<ElectionMessageKind, long> MessagesByKind, long Steps, TimeSpan VirtualTime, UniqueAddress Master, long Session);

    /// <summary>
    /// The election's cost: every message sent from the first membership news (the hellos count), and the steps and
    /// virtual time of the timed run (from every node told the membership to agreement).
    /// </summary>
    public static Cost ElectionCost(int nodes)
    {
        var cluster = new InMemoryCluster(nodes, Seed, Settings, Latency);
        var before = cluster.Clone();
        cluster.TellMembership();
        var stepsTold = cluster.Steps;
        var master = Elect(cluster);
        return CostSince(before, cluster, master) with { Steps = cluster.Steps - stepsTold };
    }

    /// <summary>The failover's cost, from the crash of a steady cluster's master to agreement on a new master.</summary>
    public static Cost FailoverCost(int nodes)
    {
        var cluster = Steady(nodes);
        var before = cluster.Clone();
        var master = Failover(cluster);
        return CostSince(before, cluster, master);
    }

    private static Cost CostSince(InMemoryCluster before, InMemoryCluster after, UniqueAddress master) => new(
        after.MessagesSent - before.MessagesSent,
        Enum.GetValues<ElectionMessageKind>().ToDictionary(kind => kind, kind => after.MessagesSentOf(kind) - before.MessagesSentOf(kind)),
        after.Steps - before.Steps,
        after.Now - before.Now,
        master,
        after.State(after.IndexOf(master)).Session);
}
