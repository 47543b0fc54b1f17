using System.Globalization;
using Akka.Configuration;

namespace Actors.Election.Demo;

/// <summary>One point of the sweep: a detector profile, the split brain resolver's stable-after, a cluster size.</summary>
/// <param name="Detector">The profile as asked for (a name, or auto).</param>
/// <param name="Profile">The profile the nodes run (auto resolved by the cluster size).</param>
/// <param name="StableAfter">The resolver's stable-after, as HOCON text (e.g. 7s).</param>
/// <param name="Nodes">Node processes per cluster.</param>
internal sealed record SweepConfiguration(string Detector, DetectorProfile Profile, string StableAfter, int Nodes)
{
    /// <summary>The detector column: the profile, and what auto chose.</summary>
    public string DetectorLabel => Detector == DetectorProfile.AutoName ? $"auto ({Profile.Name})" : Profile.Name;

    public TimeSpan StableAfterSpan => SweepPlan.Duration(StableAfter);

    public override string ToString() => $"{DetectorLabel}, stable-after {StableAfter}, {Nodes} nodes";
}

/// <summary>
/// What <c>bench failover</c> will run: every detector × stable-after × size, the rounds of each, and an estimate of how
/// long it takes, printed before it starts.
/// </summary>
internal sealed record SweepPlan(IReadOnlyList<SweepConfiguration> Configurations, BenchOptions Options)
{
    public static SweepPlan Create(BenchOptions options)
    {
        var configurations =
            (from detector in options.Detectors
             from stableAfter in options.StableAfters
             from nodes in options.Sizes
             // auto counts every node process on the machine: both clusters run side by side.
             select new SweepConfiguration(detector, DemoCommand.Resolve(detector, nodes * (options.ElectionOnly ? 1 : 2)), stableAfter, nodes)).ToList();
        return new SweepPlan(configurations, options);
    }

    public IReadOnlyList<ClusterKind> Systems => Options.ElectionOnly ? [ClusterKind.Election] : [ClusterKind.Election, ClusterKind.Singleton];

    /// <summary>Partition rounds run only where a process can be stopped (SIGSTOP).</summary>
    public int PartitionRounds => ProcessSignals.Supported ? Options.PartitionRounds : 0;

    /// <summary>
    /// A rough duration from each profile's detector and each stable-after: per round, Akka's detection (heartbeat +
    /// acceptable pause + 1 s) and about 6 s of measuring, downing and a replacement joining; the singleton also waits
    /// for the resolver (stable-after) and then the removal margin (by default stable-after again); each cluster start
    /// takes a few seconds per batch of nodes. Starts and joins slow down once there are more node processes than
    /// <see cref="DetectorProfile.TightNodesPerCore"/> per core (idle nodes share the cores with the starting ones).
    /// Calibrated on a 2-core machine with today's library: 3 and 5 nodes (8 min estimated, 8.2 measured), 25 nodes (7.4 and 8.6).
    /// </summary>
    public TimeSpan Estimate()
    {
        double seconds = 0;
        var rounds = Options.Rounds + PartitionRounds;
        foreach (var c in Configurations)
        {
            var detection = DetectionEstimate(c.Profile).TotalSeconds;
            var stableAfter = c.StableAfterSpan.TotalSeconds;
            var load = Math.Max(1, (double)c.Nodes / (DetectorProfile.TightNodesPerCore * System.Environment.ProcessorCount));
            // Measuring, downing, a replacement joining a crowded machine (the next round waits until it is warm), and the
            // second of load sampled before the failure.
            var perRound = Math.Max(BenchCommand.WarmUp.TotalSeconds, 3 + 3 * load) + 1 + 25 * (load - 1);
            seconds += Systems.Count * (10 + 6 * load * Math.Ceiling((double)c.Nodes / LocalCluster.StartBatch));
            seconds += rounds * (detection + perRound);
            if (!Options.ElectionOnly) seconds += rounds * (detection + 2 * stableAfter + perRound);
        }
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Heartbeat interval + acceptable pause + 1 s, from the profile or else Akka.Cluster's reference configuration.</summary>
    public static TimeSpan DetectionEstimate(DetectorProfile profile)
    {
        var config = profile.Config.WithFallback(DetectorProfile.AkkaClusterReference);
        return config.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval")
               + config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause")
               + TimeSpan.FromSeconds(1);
    }

    public static TimeSpan Duration(string hocon) => ConfigurationFactory.ParseString($"d = {hocon}").GetTimeSpan("d");

    public string Describe()
    {
        var rounds = Options.Rounds + PartitionRounds;
        var estimate = Estimate();
        return
            $"bench failover: {Configurations.Count} configurations (detector {string.Join(",", Options.Detectors)} × stable-after {string.Join(",", Options.StableAfters)} × nodes {string.Join(",", Options.Sizes)}), " +
            $"{string.Join(" and ", Systems.Select(s => s == ClusterKind.Election ? "Actors.Election" : "ClusterSingleton"))}, " +
            $"{Options.Rounds} crash{(PartitionRounds > 0 ? $" + {PartitionRounds} partition" : "")} rounds each, interleaved: {Configurations.Count * rounds * Systems.Count} rounds; " +
            $"estimated {(estimate.TotalMinutes >= 1 ? $"{estimate.TotalMinutes:F0} min" : $"{estimate.TotalSeconds:F0} s")}" +
            (Options.PartitionRounds > 0 && PartitionRounds == 0 ? " (no partition rounds: this OS cannot stop a process)" : "");
    }
}
