using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Spectre.Console;

namespace Actors.Election.Demo;

internal sealed record BenchOptions
{
    public IReadOnlyList<int> Sizes { get; init; } = [3, 5, 9];
    public int Rounds { get; init; } = 5;
    /// <summary>The split brain resolver's stable-after for both clusters (Akka's default unless told).</summary>
    public string StableAfter { get; init; } = NodeHost.AkkaDefaultStableAfter;
    public string Output { get; init; } = Path.Combine("artifacts", "bench");
    /// <summary>The markdown report; null = docs/benchmarks.md of the repository around the working directory.</summary>
    public string? Markdown { get; init; }
}

/// <summary>The measurements of one implementation at one cluster size.</summary>
internal sealed record BenchResult(ClusterKind Kind, int Nodes, IReadOnlyList<FailoverRound> Rounds, IReadOnlyList<long> PeakWorkingSets)
{
    public string Name => Kind == ClusterKind.Election ? "Actors.Election" : "ClusterSingleton";
    public double Median => Stats.Median(Rounds.Select(r => r.FailoverMs));
    public double P90 => Stats.Percentile(Rounds.Select(r => r.FailoverMs), 90);
    public double ElectionMedian => Stats.Median(Rounds.Where(r => r.ElectionMs is not null).Select(r => r.ElectionMs!.Value));
    public double MessagesMedian => Stats.Median(Rounds.Where(r => r.Messages is not null).Select(r => (double)r.Messages!.Value));
    /// <summary>Messages per failover over nodes²: flat or falling as clusters grow means growth no faster than nodes².</summary>
    public double MessagesPerNodeSquared => MessagesMedian / ((double)Nodes * Nodes);
    public double PeakWorkingSetMb => PeakWorkingSets.Count == 0 ? double.NaN : PeakWorkingSets.Max() / (1024.0 * 1024.0);
}

/// <summary>
/// <c>bench failover</c>: Actors.Election against Akka's ClusterSingleton, each in its own local cluster of node
/// processes with the same failure detector and split brain resolver settings; the master's (the singleton host's)
/// process is SIGKILLed <c>--rounds</c> times per cluster size.
/// </summary>
internal static class BenchCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var results = new List<BenchResult>();
        var started = DateTime.UtcNow;
        try
        {
            foreach (var size in options.Sizes)
            foreach (var kind in new[] { ClusterKind.Election, ClusterKind.Singleton })
                results.Add(await MeasureAsync(kind, size, options, cancellationToken));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            Console.Error.WriteLine($"bench failed: {e.Message}");
            return 1;
        }

        PrintTable(results);
        Directory.CreateDirectory(options.Output);
        var csv = Path.Combine(options.Output, "failover.csv");
        var png = Path.Combine(options.Output, "failover.png");
        File.WriteAllText(csv, Csv(results));
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
        File.WriteAllText(markdown, Markdown(results, options, started, "benchmarks/failover.png"));
        Console.WriteLine($"wrote {markdown}");
        return 0;
    }

    private static async Task<BenchResult> MeasureAsync(ClusterKind kind, int nodes, BenchOptions options, CancellationToken cancellationToken)
    {
        var rounds = options.Rounds;
        Console.WriteLine($"{NodeHost.Stamp} {kind} with {nodes} nodes: starting");
        // Each round starts from a settled cluster (every member Up and reachable, the previous victim downed and removed),
        // so with the resolver's default stable-after a round waits its ~20 s for the downing before the next kill.
        using var cluster = new LocalCluster(kind, ["--sbr-stable-after", options.StableAfter]);
        cluster.Start(nodes);
        var measured = new List<FailoverRound>();
        for (var round = 1; round <= rounds; round++)
        {
            await cluster.WaitStableAsync(Timeout, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            await cluster.WaitStableAsync(Timeout, cancellationToken);
            var result = await cluster.KillMasterAsync(round, Timeout, cancellationToken);
            measured.Add(result);
            Console.WriteLine(FormattableString.Invariant(
                $"{NodeHost.Stamp} {kind} with {nodes} nodes: round {round}: failover {result.FailoverMs:F0} ms{(result.ElectionMs is { } e ? FormattableString.Invariant($" (election {e:F0} ms)") : "")}"));
            if (round < rounds) cluster.Replace();
        }
        await Task.Delay(TimeSpan.FromMilliseconds(1200), cancellationToken); // a last report of every survivor's peak working set
        return new BenchResult(kind, nodes, measured, cluster.PeakWorkingSets);
    }

    private static string F(double value, string format = "F0") =>
        double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    private static void PrintTable(IReadOnlyList<BenchResult> results)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 120; // a log file, not an 80-column terminal
        var table = new Table().Border(TableBorder.Rounded).Title("failover (crash of the master's process)")
            .AddColumns("nodes", "implementation", "rounds", "median", "p90", "election", "messages", "msgs/n²", "peak WS", "speed-up");
        foreach (var r in results)
        {
            var singleton = results.FirstOrDefault(x => x.Nodes == r.Nodes && x.Kind == ClusterKind.Singleton);
            table.AddRow(r.Nodes.ToString(CultureInfo.InvariantCulture), r.Name, r.Rounds.Count.ToString(CultureInfo.InvariantCulture),
                F(r.Median), F(r.P90), F(r.ElectionMedian), F(r.MessagesMedian), F(r.MessagesPerNodeSquared, "F2"), F(r.PeakWorkingSetMb),
                r.Kind == ClusterKind.Election && singleton is not null ? F(singleton.Median / r.Median, "F1") + "x" : "");
        }
        AnsiConsole.Write(table);
        Console.WriteLine("median, p90: failover ms (kill → survivors agree); election: ms from the old master's unreachability to agreement (median);");
        Console.WriteLine("messages: election messages the survivors sent from the kill to agreement (median);");
        Console.WriteLine("peak WS: largest peak working set of a node process, MB; speed-up: singleton median / election median.");
    }

    public static string Csv(IReadOnlyList<BenchResult> results)
    {
        var sb = new StringBuilder("implementation,nodes,round,failover_ms,election_ms,messages,killed,new_master,peak_working_set_mb\n");
        foreach (var r in results)
        foreach (var round in r.Rounds)
            sb.Append(CultureInfo.InvariantCulture,
                $"{r.Name},{r.Nodes},{round.Round},{F(round.FailoverMs, "F1")},{(round.ElectionMs is { } e ? F(e, "F1") : "")},{round.Messages?.ToString(CultureInfo.InvariantCulture) ?? ""},{round.Killed},{round.NewMaster},{F(r.PeakWorkingSetMb, "F1")}\n");
        return sb.ToString();
    }

    private static string? DefaultMarkdownPath()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln"))) return Path.Combine(dir.FullName, "docs", "benchmarks.md");
        return null;
    }

    public static string MachineDescription()
    {
        var cpu = "";
        if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "";
        return $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}), {Environment.ProcessorCount} logical CPUs{(cpu.Length > 0 ? $" ({cpu})" : "")}, {RuntimeInformation.FrameworkDescription}";
    }

    private static string Markdown(IReadOnlyList<BenchResult> results, BenchOptions options, DateTime started, string chart)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Failover benchmark");
        sb.AppendLine();
        sb.AppendLine("Written by `bench failover` of `src/Actors.Election.Demo`; rerun it to refresh this page. Each implementation runs in");
        sb.AppendLine("its own cluster of real node processes on 127.0.0.1; each round SIGKILLs the current master's process (for the");
        sb.AppendLine("singleton: the process hosting it), measures until the survivors have a new one, then starts a replacement node.");
        sb.AppendLine();
        sb.AppendLine("- **failover**: the kill → every survivor follows the same new master (Actors.Election), or the singleton runs");
        sb.AppendLine("  again on a survivor (Akka.Cluster.Tools ClusterSingleton 1.5.73, with Akka's split brain resolver).");
        sb.AppendLine("- **election after detection**: the first survivor to see the old master unreachable → the last survivor to follow");
        sb.AppendLine("  the new one; the election's own latency, without failure detection.");
        sb.AppendLine("- **messages**: election messages the survivors sent from the kill to the agreement (median of the rounds);");
        sb.AppendLine("  the crashed master's are lost with it.");
        sb.AppendLine("- **peak WS / node**: the largest peak working set of any node process of that cluster.");
        sb.AppendLine();
        sb.AppendLine("Reproduce (from the repository root):");
        sb.AppendLine();
        sb.AppendLine("```");
        var stableAfter = options.StableAfter == NodeHost.AkkaDefaultStableAfter ? "" : $" --sbr-stable-after {options.StableAfter}";
        sb.AppendLine($"dotnet run -c Release --project src/Actors.Election.Demo -- bench failover --nodes {string.Join(",", options.Sizes)} --rounds {options.Rounds}{stableAfter}");
        sb.AppendLine("```");
        sb.AppendLine();
        sb.AppendLine($"Run {started:yyyy-MM-dd HH:mm} UTC on {MachineDescription()}. Every node is its own process on the");
        sb.AppendLine("same machine, so with few CPUs the larger clusters also measure CPU contention (startup, gossip, GC).");
        sb.AppendLine("Failover includes failure detection (about 1.2-2 s with these settings). The singleton moves only once Akka's");
        sb.AppendLine($"split brain resolver has downed the crashed member (`stable-after = {options.StableAfter}`{(options.StableAfter == NodeHost.AkkaDefaultStableAfter ? ", Akka's default" : "")}) and it is removed;");
        sb.AppendLine("the election does not wait for downing. Messages per failover against nodes² is the `messages / n²` column.");
        sb.AppendLine();
        sb.AppendLine("| nodes | implementation | rounds | failover median (ms) | failover p90 (ms) | election after detection, median (ms) | messages per failover | messages / n² | peak WS / node (MB) | speed-up |");
        sb.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var singleton = results.FirstOrDefault(x => x.Nodes == r.Nodes && x.Kind == ClusterKind.Singleton);
            var speedUp = r.Kind == ClusterKind.Election && singleton is not null ? F(singleton.Median / r.Median, "F1") + "x" : "";
            sb.AppendLine($"| {r.Nodes} | {r.Name} | {r.Rounds.Count} | {F(r.Median)} | {F(r.P90)} | {F(r.ElectionMedian)} | {F(r.MessagesMedian)} | {F(r.MessagesPerNodeSquared, "F2")} | {F(r.PeakWorkingSetMb)} | {speedUp} |");
        }
        sb.AppendLine();
        sb.AppendLine($"![failover median by cluster size]({chart})");
        sb.AppendLine();
        sb.AppendLine("## Settings (the same for both)");
        sb.AppendLine();
        sb.AppendLine("```hocon");
        sb.AppendLine($"akka.cluster.split-brain-resolver.active-strategy = {NodeHost.Defaults.GetString("akka.cluster.split-brain-resolver.active-strategy")}");
        sb.AppendLine(NodeHost.FastDetectorHocon.Trim());
        sb.AppendLine($"akka.cluster.split-brain-resolver.stable-after = {options.StableAfter}");
        sb.AppendLine("```");
        sb.AppendLine();
        return sb.ToString();
    }
}
