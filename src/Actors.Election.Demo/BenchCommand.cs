using System.Globalization;

namespace Actors.Election.Demo;

internal sealed record BenchOptions
{
    public IReadOnlyList<int> Sizes { get; init; } = [3, 5, 9];
    /// <summary>Crash rounds (SIGKILL) per configuration and implementation.</summary>
    public int Rounds { get; init; } = 3;
    /// <summary>Partition rounds (SIGSTOP) per configuration and implementation, after the crash rounds.</summary>
    public int PartitionRounds { get; init; } = 1;
    /// <summary>Detector profile names (or auto).</summary>
    public IReadOnlyList<string> Detectors { get; init; } = ["akka-default", "tight"];
    /// <summary>The split brain resolver's stable-after values, HOCON durations, for both clusters.</summary>
    public IReadOnlyList<string> StableAfters { get; init; } = ["2s", "7s", "20s"];
    /// <summary>Measure the election alone (no singleton cluster).</summary>
    public bool ElectionOnly { get; init; }
    /// <summary>Print the plan and its estimate only.</summary>
    public bool PlanOnly { get; init; }
    public string Output { get; init; } = Path.Combine("artifacts", "bench");
    /// <summary>The markdown report; null = docs/benchmarks.md of the repository around the working directory.</summary>
    public string? Markdown { get; init; }
    /// <summary>Where every node's log goes (at INFO), one file per node; null = nowhere (the nodes log warnings only).</summary>
    public string? NodeLogs { get; init; }
}

/// <summary>
/// <c>bench failover</c>: Actors.Election against Akka's ClusterSingleton, each in its own local cluster of node
/// processes with the same failure detector and split brain resolver settings, swept over detector profiles,
/// stable-after values and cluster sizes. Within a configuration both clusters run side by side and their rounds
/// alternate (election, singleton, election, …), so a change in the machine's load falls on both. Each round takes the
/// master out (SIGKILL; then SIGSTOP for the partition rounds) and measures until the failover ended; a round that does not
/// finish is recorded as such, and its cluster restarted.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var plan = SweepPlan.Create(options);
        Console.WriteLine(plan.Describe());
        if (options.PlanOnly) return 0;
        var started = DateTime.UtcNow;
        var results = new List<ConfigurationResult>();
        foreach (var configuration in plan.Configurations)
            results.Add(await MeasureAsync(configuration, plan, cancellationToken));
        var elapsed = DateTime.UtcNow - started;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{NodeHost.Stamp} sweep done in {elapsed.TotalMinutes:F1} min (estimated {plan.Estimate().TotalMinutes:F1} min)"));

        BenchReport.PrintTables(results);
        Directory.CreateDirectory(options.Output);
        var csv = Path.Combine(options.Output, "failover.csv");
        var png = Path.Combine(options.Output, "failover.png");
        File.WriteAllText(csv, BenchReport.Csv(results));
        Chart.Write(results, png);
        Console.WriteLine($"wrote {csv}");
        Console.WriteLine($"wrote {png}");
        var markdown = options.Markdown ?? DefaultMarkdownPath() ?? Path.Combine(options.Output, "benchmarks.md");
        var markdownDir = Path.GetDirectoryName(Path.GetFullPath(markdown))!;
        Directory.CreateDirectory(markdownDir);
        // The chart travels with the report (docs/benchmarks/failover.png next to docs/benchmarks.md).
        var chartDir = Path.Combine(markdownDir, "benchmarks");
        Directory.CreateDirectory(chartDir);
        var chartCopy = Path.Combine(chartDir, "failover.png");
        if (!string.Equals(Path.GetFullPath(chartCopy), Path.GetFullPath(png), StringComparison.Ordinal)) File.Copy(png, chartCopy, overwrite: true);
        File.WriteAllText(markdown, BenchReport.Markdown(results, plan, started, elapsed, "benchmarks/failover.png", OtherPagesFrom(markdownDir)));
        Console.WriteLine($"wrote {markdown}");
        return results.SelectMany(r => r.Systems).SelectMany(s => s.Rounds).Any(r => r.Finished) ? 0 : 1;
    }

    private static async Task<ConfigurationResult> MeasureAsync(SweepConfiguration configuration, SweepPlan plan, CancellationToken cancellationToken)
    {
        var nodeArgs = new[] { "--sbr-stable-after", configuration.StableAfter };
        var logs = plan.Options.NodeLogs is { } root ? Path.Combine(root, configuration.ToString().Replace(", ", "-", StringComparison.Ordinal).Replace(' ', '-')) : null;
        var clusters = plan.Systems.Select(kind => new LocalCluster(kind, configuration.Profile, nodeArgs, logs)).ToList();
        var results = clusters.ToDictionary(c => c.Kind, c => new SystemResult(c.Kind));
        foreach (var cluster in clusters) cluster.Notice += text => Say(configuration, cluster.Kind, text);
        try
        {
            foreach (var cluster in clusters)
            {
                Say(configuration, cluster.Kind, $"starting {configuration.Nodes} nodes");
                await cluster.StartAsync(configuration.Nodes, cancellationToken);
            }
            var schedule = Enumerable.Range(1, plan.Options.Rounds).Select(r => (FailureKind.Crash, r))
                .Concat(Enumerable.Range(1, plan.PartitionRounds).Select(r => (FailureKind.Partition, r)));
            foreach (var (failure, round) in schedule)
            foreach (var cluster in clusters)
            {
                var result = await RoundAsync(cluster, clusters, configuration, failure, round, cancellationToken);
                results[cluster.Kind].Rounds.Add(result);
                Say(configuration, cluster.Kind, Describe(result, failure == FailureKind.Crash ? plan.Options.Rounds : plan.PartitionRounds));
            }
            await Task.Delay(TimeSpan.FromMilliseconds(1200), cancellationToken); // a last report of every survivor's peak working set
            foreach (var cluster in clusters)
            {
                results[cluster.Kind].PeakWorkingSets.AddRange(cluster.PeakWorkingSets);
                results[cluster.Kind].Settings = cluster.SettingsText();
            }
        }
        finally
        {
            foreach (var cluster in clusters) cluster.Dispose();
        }
        return new ConfigurationResult(configuration, results[ClusterKind.Election], results.GetValueOrDefault(ClusterKind.Singleton));
    }

    /// <summary>One round on <paramref name="cluster"/>: once it (and the other cluster) settled, the failure and the failover.</summary>
    private static async Task<FailoverRound> RoundAsync(LocalCluster cluster, IReadOnlyList<LocalCluster> all, SweepConfiguration configuration,
        FailureKind failure, int round, CancellationToken cancellationToken)
    {
        var settle = DemoCommand.SettleTimeout(configuration.Nodes, cluster) + 2 * configuration.StableAfterSpan;
        try
        {
            // The other cluster settles too (its replacement node has started), so its work does not fall into this round.
            foreach (var other in all.Where(o => o != cluster))
            {
                try
                {
                    await other.WaitStableAsync(settle, cancellationToken);
                }
                catch (ClusterNotStableException)
                {
                    // its own round will record and restart it
                }
            }
            await cluster.WaitStableAsync(settle, cancellationToken);
            await WaitWarmAsync(all, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            await cluster.WaitStableAsync(settle, cancellationToken);
        }
        catch (ClusterNotStableException e)
        {
            await cluster.RestartAsync(cancellationToken);
            return new FailoverRound { Round = round, Failure = failure, Killed = "-", Unfinished = $"the cluster was not stable before the failure: {NodeInput.OneLine(e.Message)}" };
        }
        // The singleton waits for the resolver (stable-after) and then the removal margin (stable-after again by default).
        var timeout = cluster.DetectionBound() + 3 * configuration.StableAfterSpan + TimeSpan.FromSeconds(60);
        FailoverRound result;
        try
        {
            var load = await WaitQuietAsync(cancellationToken);
            result = await cluster.FailMasterAsync(round, failure, timeout, load, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            result = new FailoverRound { Round = round, Failure = failure, Killed = "-", Unfinished = e.Message };
        }
        if (!result.Finished)
        {
            await cluster.RestartAsync(cancellationToken);
            return result;
        }
        // Measured: down the victim as an operator would, so the next round need not wait for the resolver to clean up
        // (the singleton's failover ended after its removal already), and start a replacement.
        if (result.KilledId is { } victim) cluster.Down(victim);
        cluster.Replace();
        return result;
    }

    /// <summary>
    /// How long a node process keeps the machine busy after it started (the runtime compiles its code as it first runs,
    /// and again, optimised, once it is hot; the new member's joining runs through the cluster): no round starts before
    /// every node of both clusters is this old, so a replacement's start does not load the next round.
    /// </summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    private static async Task WaitWarmAsync(IReadOnlyList<LocalCluster> clusters, CancellationToken cancellationToken)
    {
        var youngest = clusters.SelectMany(c => c.LiveChildren).Select(c => c.StartedAt).DefaultIfEmpty(0).Max();
        var wait = TimeSpan.FromMilliseconds(youngest + (long)WarmUp.TotalMilliseconds - ReportLine.Now());
        if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
    }

    /// <summary>
    /// The machine counts as quiet for a round when its CPUs were at most this busy over the last second (every process:
    /// both clusters idle take a share of it that grows with their size).
    /// </summary>
    public const double QuietPercent = 90;

    /// <summary>The longest a round waits for a quiet machine; then it runs anyway, and its CSV row shows how busy the machine was.</summary>
    public static readonly TimeSpan QuietWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Waits, a second at a time, until the machine was quiet over the last second (or <see cref="QuietWait"/> passed),
    /// and returns the sample that second started with: the load before the failure is measured from it.
    /// </summary>
    private static async Task<MachineLoad?> WaitQuietAsync(CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var from = MachineLoad.Sample();
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var busy = MachineLoad.BusyPercent(from, MachineLoad.Sample());
            if (busy is null || busy <= QuietPercent || waited.Elapsed >= QuietWait) return from;
        }
    }

    private static string Describe(FailoverRound r, int of)
    {
        var what = r.Failure == FailureKind.Crash ? "crash" : "partition";
        if (!r.Finished) return $"{what} {r.Round}/{of}: did not finish ({r.Unfinished})";
        return $"{what} {r.Round}/{of}: failover {r.FailoverMs:F0} ms ({r.Killed} → {r.NewMaster})" +
               (r.DetectionFirstMs is { } first ? $", detected {first:F0}..{r.DetectionLastMs:F0} ms by {r.DetectedBy}/{r.Survivors}" : $", not detected by any of {r.Survivors}") +
               (r.AfterDetectionMs is { } after ? $", {after:F0} ms after the first detection" : "") +
               (r.Messages is { } n ? $", {n} messages" : "") +
               (r.CpuBusyBeforePercent is { } before ? $", CPU busy {before:F0}% before, {r.CpuBusyDuringPercent:F0}% during" : "");
    }

    private static void Say(SweepConfiguration configuration, ClusterKind kind, string text) =>
        Console.WriteLine($"{NodeHost.Stamp} [{configuration}] {SystemResult.NameOf(kind)}: {text}");

    private static string? DefaultMarkdownPath() => RepositoryRoot() is { } root ? Path.Combine(root, "docs", "benchmarks.md") : null;

    /// <summary>The path from <paramref name="dir"/> to the repository's docs/benchmarks/ (ending in a slash, or empty there), or null outside a repository.</summary>
    private static string? OtherPagesFrom(string dir) => RepositoryRoot() is { } root
        ? Path.GetRelativePath(dir, Path.Combine(root, "docs", "benchmarks")) switch
        {
            "." => "",
            var relative => relative.Replace('\\', '/') + "/",
        }
        : null;

    /// <summary>The repository around the working directory (where <c>Actors.sln</c> is), or null.</summary>
    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln"))) return dir.FullName;
        return null;
    }
}
