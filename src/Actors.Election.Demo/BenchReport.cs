using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Actors.Election.Demo;

/// <summary>The benchmark's tables (console and markdown), its CSV of every round, and docs/benchmarks.md.</summary>
internal static class BenchReport
{
    /// <summary>The sweep table's columns, in this order (docs/benchmarks.md and the console print the same table).</summary>
    public static readonly string[] SweepColumns =
    [
        "detector", "stable-after", "nodes", "Actors.Election median (ms)", "Actors.Election p90 (ms)", "ClusterSingleton median (ms)", "speed-up",
    ];

    private static readonly string[] ShortDetailColumns =
    [
        "detector", "stable-after", "nodes", "impl.", "failure", "rounds", "unfinished", "median", "p90",
        "detect 1st", "detect all", "after 1st", "messages", "msgs/n²", "peak MB", "CPU % before/during",
    ];

    private static readonly string[] DetailColumns =
    [
        "detector", "stable-after", "nodes", "implementation", "failure", "rounds", "did not finish", "median (ms)", "p90 (ms)",
        "detected first (ms)", "detected by all (ms)", "after first detection (ms)", "messages", "messages / n²", "peak WS / node (MB)",
        "CPU busy before / during (%)",
    ];

    /// <summary>Milliseconds as a whole number; "did not finish" for a rank that fell on an unfinished round; "-" for none.</summary>
    public static string Ms(double value) =>
        double.IsPositiveInfinity(value) ? "did not finish" : double.IsNaN(value) ? "-" : value.ToString("F0", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";

    /// <summary>The speed-up as "3.4x"; "-" when either side has no finished median.</summary>
    public static string SpeedUp(double value) => double.IsFinite(value) ? value.ToString("F1", CultureInfo.InvariantCulture) + "x" : "-";

    /// <summary>One row of the sweep table for <paramref name="failure"/> rounds, in <see cref="SweepColumns"/> order.</summary>
    public static string[] SweepRow(ConfigurationResult r, FailureKind failure) =>
    [
        r.Configuration.DetectorLabel, r.Configuration.StableAfter, r.Configuration.Nodes.ToString(CultureInfo.InvariantCulture),
        Ms(r.Election.Median(failure)) + Unfinished(r.Election, failure), Ms(r.Election.P90(failure)),
        r.Singleton is null ? "not measured" : Ms(r.Singleton.Median(failure)) + Unfinished(r.Singleton, failure),
        SpeedUp(r.SpeedUp(failure)),
    ];

    // "(1 of 5 did not finish)" after a median, so a median over unfinished rounds says so.
    private static string Unfinished(SystemResult s, FailureKind failure) =>
        s.Unfinished(failure) is > 0 and var n ? $" ({n} of {s.Of(failure).Count} did not finish)" : "";

    private static IEnumerable<string[]> DetailRows(IReadOnlyList<ConfigurationResult> results)
    {
        foreach (var r in results)
        foreach (var s in r.Systems)
        foreach (var failure in new[] { FailureKind.Crash, FailureKind.Partition })
        {
            var rounds = s.Of(failure);
            if (rounds.Count == 0) continue;
            var n = r.Configuration.Nodes;
            var messages = s.MessagesMedian(failure);
            yield return
            [
                r.Configuration.DetectorLabel, r.Configuration.StableAfter, n.ToString(CultureInfo.InvariantCulture), s.Name,
                failure == FailureKind.Crash ? "crash" : "partition", rounds.Count.ToString(CultureInfo.InvariantCulture),
                s.Unfinished(failure).ToString(CultureInfo.InvariantCulture), Ms(s.Median(failure)), Ms(s.P90(failure)),
                Ms(s.DetectionFirstMedian(failure)), Ms(s.DetectionLastMedian(failure)), Ms(s.AfterDetectionMedian(failure)),
                s.Kind == ClusterKind.Election ? $"{F(messages, "F0")} ({s.MessagesCounted(failure)} counted)" : "-",
                s.Kind == ClusterKind.Election ? F(messages / ((double)n * n), "F2") : "-",
                F(s.PeakWorkingSetMb, "F0"),
                $"{F(s.CpuBusyBeforeMedian(failure), "F0")} / {F(s.CpuBusyDuringMedian(failure), "F0")}",
            ];
        }
    }

    public static void PrintTables(IReadOnlyList<ConfigurationResult> results)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200; // a log file, not an 80-column terminal
        AnsiConsole.Write(Table("failover after a crash of the master's process (SIGKILL)", SweepColumns, results.Select(r => SweepRow(r, FailureKind.Crash))));
        if (results.Any(r => r.Election.Of(FailureKind.Partition).Count > 0))
            AnsiConsole.Write(Table("failover after the master's process hung (SIGSTOP: cut off, no connection closes)", SweepColumns,
                results.Where(r => r.Election.Of(FailureKind.Partition).Count > 0).Select(r => SweepRow(r, FailureKind.Partition))));
        AnsiConsole.Write(Table("details (ms; medians over the rounds that have the value)", ShortDetailColumns,
            DetailRows(results).Select(row => row.Select((cell, i) => i == 3 ? cell.Replace("Actors.Election", "Election", StringComparison.Ordinal).Replace("ClusterSingleton", "Singleton", StringComparison.Ordinal) : cell).ToArray())));
        Console.WriteLine("median, p90: ms from the failure to the end of the failover, over every round (a round that did not finish counts as longer than all);");
        Console.WriteLine("detected: when the first / last survivor saw the victim unreachable; messages: election messages the survivors sent between");
        Console.WriteLine("snapshots just before the failure and just after the end; speed-up: ClusterSingleton median / Actors.Election median.");
        foreach (var group in SettingsGroups(results))
        {
            Console.WriteLine($"settings read back from the nodes ({string.Join("; ", group.Value)}):");
            foreach (var line in group.Key.Split('\n')) Console.WriteLine($"  {line}");
        }
    }

    private static Table Table(string title, string[] columns, IEnumerable<string[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title).AddColumns(columns.Select(c => Markup.Escape(c)).ToArray());
        foreach (var row in rows) table.AddRow(row.Select(c => Markup.Escape(c)).ToArray());
        return table;
    }

    /// <summary>Each distinct settings text the nodes reported, with the configurations and implementations it belongs to.</summary>
    private static IReadOnlyList<KeyValuePair<string, List<string>>> SettingsGroups(IReadOnlyList<ConfigurationResult> results)
    {
        var groups = new List<KeyValuePair<string, List<string>>>();
        foreach (var r in results)
        foreach (var s in r.Systems)
        {
            // min-nr-of-members is the cluster's size by design: shown as such, configurations that differ only in size share a group.
            var text = (s.Settings ?? "(no node reported its settings)")
                .Replace($"min-nr-of-members = {r.Configuration.Nodes.ToString(CultureInfo.InvariantCulture)}", "min-nr-of-members = <nodes>", StringComparison.Ordinal);
            var label = $"{s.Name}: {r.Configuration}";
            var group = groups.FirstOrDefault(g => g.Key == text);
            if (group.Key is null) groups.Add(new(text, [label]));
            else group.Value.Add(label);
        }
        return groups;
    }

    public static string Csv(IReadOnlyList<ConfigurationResult> results)
    {
        var sb = new StringBuilder("detector,profile,stable_after,nodes,implementation,failure,round,finished,failover_ms,detected_first_ms,detected_last_ms,detected_by,survivors,after_detection_ms,messages,killed,new_master,unfinished,cpu_busy_before_pct,cpu_busy_during_pct\n");
        static string N(double? v) => v is { } x ? x.ToString("F0", CultureInfo.InvariantCulture) : "";
        static string Q(string? v) => v is null ? "" : $"\"{v.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        foreach (var r in results)
        foreach (var s in r.Systems)
        foreach (var round in s.Rounds)
            sb.Append(CultureInfo.InvariantCulture,
                $"{r.Configuration.Detector},{r.Configuration.Profile.Name},{r.Configuration.StableAfter},{r.Configuration.Nodes},{s.Name},{round.Failure.ToString().ToLowerInvariant()},{round.Round},{(round.Finished ? "yes" : "no")}," +
                $"{N(round.FailoverMs)},{N(round.DetectionFirstMs)},{N(round.DetectionLastMs)},{round.DetectedBy},{round.Survivors},{N(round.AfterDetectionMs)},{round.Messages?.ToString(CultureInfo.InvariantCulture) ?? ""}," +
                $"{round.Killed},{round.NewMaster ?? ""},{Q(round.Unfinished)},{N(round.CpuBusyBeforePercent)},{N(round.CpuBusyDuringPercent)}\n");
        return sb.ToString();
    }

    private static void MarkdownTable(StringBuilder sb, string[] columns, IEnumerable<string[]> rows, Func<int, bool> numeric)
    {
        sb.AppendLine($"| {string.Join(" | ", columns)} |");
        sb.AppendLine($"|{string.Join("|", columns.Select((_, i) => numeric(i) ? "---:" : "---"))}|");
        foreach (var row in rows) sb.AppendLine($"| {string.Join(" | ", row)} |");
    }

    public static string MachineDescription()
    {
        var cpu = "";
        if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "";
        return $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription} ({System.Runtime.InteropServices.RuntimeInformation.OSArchitecture}), " +
               $"{Environment.ProcessorCount} logical CPUs{(cpu.Length > 0 ? $" ({cpu})" : "")}";
    }

    /// <summary>The command that reproduces this run.</summary>
    public static string Command(BenchOptions o)
    {
        var sb = new StringBuilder("dotnet run -c Release --project src/Actors.Election.Demo -- bench failover");
        sb.Append(CultureInfo.InvariantCulture, $" --nodes {string.Join(",", o.Sizes)} --rounds {o.Rounds} --partition-rounds {o.PartitionRounds}");
        sb.Append(CultureInfo.InvariantCulture, $" --detector {string.Join(",", o.Detectors)} --sbr-stable-after {string.Join(",", o.StableAfters)}");
        if (o.ElectionOnly) sb.Append(" --election-only");
        return sb.ToString();
    }

    /// <param name="otherPages">
    /// The path from the report to the repository's other benchmark pages (<c>docs/benchmarks/</c>), ending in a slash or
    /// empty; null (no repository around) leaves their links out.
    /// </param>
    public static string Markdown(IReadOnlyList<ConfigurationResult> results, SweepPlan plan, DateTime started, TimeSpan elapsed, string chart,
        string? otherPages = null)
    {
        var sb = new StringBuilder();
        var o = plan.Options;
        sb.AppendLine("# Failover benchmark");
        sb.AppendLine();
        sb.AppendLine("Written by `bench failover` of `src/Actors.Election.Demo`; rerun it to refresh this page. Actors.Election and Akka's");
        sb.AppendLine("ClusterSingleton each run in their own local cluster of real node processes on 127.0.0.1, side by side and with the same");
        sb.AppendLine("settings; their rounds alternate (election, singleton, election, …), so a change in the machine's load falls on both.");
        sb.AppendLine("Every node gets `akka.cluster.min-nr-of-members` = the cluster's size and the nodes start a few at a time.");
        sb.AppendLine();
        sb.AppendLine("- **A round** waits until every node of both clusters is Up, reachable and agrees on the master, every node process is at");
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"  least {BenchCommand.WarmUp.TotalSeconds:F0} s old (a new process keeps the CPUs busy compiling its code), and the CPUs were at most {BenchCommand.QuietPercent:F0}% busy over"));
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"  the last second (or {BenchCommand.QuietWait.TotalSeconds:F0} s passed). Then it takes the master out with one system call: a **crash** SIGKILLs its process"));
        sb.AppendLine("  (its TCP connections close at once); a **partition** SIGSTOPs it (a hung process: no connection closes, so only");
        sb.AppendLine("  missing heartbeats tell). For the singleton, the master is the node hosting it.");
        sb.AppendLine("- **Failover** (ms from the failure, on the nodes' own clocks): for Actors.Election, until every survivor follows one new");
        sb.AppendLine("  master *and* that master's `WaitForLeadershipAsync` has completed; for ClusterSingleton, until a `ClusterSingletonProxy`");
        sb.AppendLine("  on a survivor gets an answer from the new instance (each node pings through its proxy: what the singleton's users see).");
        sb.AppendLine("- **Nothing is clamped or dropped.** A round that did not finish within its time-out is reported as such, counts as");
        sb.AppendLine("  longer than every finished one in the medians (a median that falls on it reads \"did not finish\"), and its cluster is restarted.");
        sb.AppendLine("- **Detection**: when the first and the last survivor saw the victim unreachable (Akka's failure detector), per round in");
        sb.AppendLine("  the CSV; **messages**: election messages the survivors sent between fresh snapshots taken just before the failure and");
        sb.AppendLine("  just after the end. After a round is measured the victim is downed (`Cluster.Down`, as an operator would) and replaced.");
        sb.AppendLine("- **speed-up** = ClusterSingleton median / Actors.Election median.");
        sb.AppendLine();
        sb.AppendLine("Reproduce (from the repository root):");
        sb.AppendLine();
        sb.AppendLine("```");
        sb.AppendLine(Command(o));
        sb.AppendLine("```");
        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Run {started:yyyy-MM-dd HH:mm} UTC on {MachineDescription()}; it took {elapsed.TotalMinutes:F0} min. Every node is its own process on the"));
        sb.AppendLine("same machine, so with few CPUs the larger clusters also measure CPU contention (startup, gossip, GC). The versions and");
        sb.AppendLine("settings below are what the nodes read back from their running actor systems.");
        var full = SweepPlan.Create(new BenchOptions());
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"The full default sweep (`bench failover`: {full.Configurations.Count} configurations, {full.Options.Rounds} crash and {full.Options.PartitionRounds} partition rounds each) is estimated at {full.Estimate().TotalMinutes:F0} min here; `--plan` prints a sweep's estimate without running it."));
        sb.AppendLine();
        sb.AppendLine("## Sweep: the master's process crashes");
        sb.AppendLine();
        MarkdownTable(sb, SweepColumns, results.Select(r => SweepRow(r, FailureKind.Crash)), i => i >= 2);
        sb.AppendLine();
        sb.AppendLine($"![failover median by configuration]({chart})");
        sb.AppendLine();
        var partitions = results.Where(r => r.Election.Of(FailureKind.Partition).Count > 0).ToList();
        if (partitions.Count > 0)
        {
            sb.AppendLine("## The master's process hangs (partition)");
            sb.AppendLine();
            sb.AppendLine("The master is cut off rather than killed (SIGSTOP): nothing closes its connections, so both systems wait for their");
            sb.AppendLine("safety margins (below). The stopped process is killed once the round is measured.");
            sb.AppendLine();
            MarkdownTable(sb, SweepColumns, partitions.Select(r => SweepRow(r, FailureKind.Partition)), i => i >= 2);
            sb.AppendLine();
        }
        sb.AppendLine("## What each system guarantees while it waits");
        sb.AppendLine();
        sb.AppendLine("**Actors.Election** (`quorum = majority`) waits until the survivors have lost the master (Akka's failure detector or");
        sb.AppendLine("its own signals, plus `connection-delay`), then for a pre-vote and a campaign among a majority of the electorate. While it");
        sb.AppendLine("waits nobody is master of a new session, and at most one node is ever master of a session: a new one needs a majority's");
        sb.AppendLine("votes, and a node that still hears a live master refuses its pre-vote. It does not wait for the old master's process to be");
        sb.AppendLine("gone or downed: a master cut off on a minority side steps down once it has lacked a majority for `connection-delay`, and");
        sb.AppendLine("anything it still writes carries an older fencing token `(session, master)`, which a fenced store refuses. Safety rests on");
        sb.AppendLine("quorums and fencing, not on timing.");
        sb.AppendLine();
        sb.AppendLine("**ClusterSingleton** waits until the split brain resolver has downed the unreachable node (after `stable-after` of a");
        sb.AppendLine("stable unreachability) and the leader removed it, then for the removal margin (`down-removal-margin`, which the");
        sb.AppendLine("resolver sets to `stable-after` unless configured), and only then starts the new instance on the oldest survivor. That");
        sb.AppendLine("margin is its safety: it assumes the downed side has stopped its own instance within it (the resolver downs itself on the");
        sb.AppendLine("minority side). Nothing fences the old instance: a process that hangs longer than the margin (the partition round) and");
        sb.AppendLine("then resumes still runs its instance until it learns it was downed, beside the new one.");
        sb.AppendLine();
        sb.AppendLine("## Details");
        sb.AppendLine();
        MarkdownTable(sb, DetailColumns, DetailRows(results), i => i >= 5 && i != 4);
        sb.AppendLine();
        sb.AppendLine("Medians of detection, of the time after the first detection (negative when the failover ended before Akka's detector");
        sb.AppendLine("flagged the victim) and of messages are taken over the rounds that have the value. **CPU busy**: how busy the machine's");
        sb.AppendLine("CPUs were (every process, from `/proc/stat`) in the second before the failure and from the failure to the end of the");
        sb.AppendLine("round: near 100% the round also measured CPU contention. Every round is in `failover.csv`.");
        sb.AppendLine();
        var unfinished = results.SelectMany(r => r.Systems.SelectMany(s => s.Rounds.Where(x => !x.Finished).Select(x => (r, s, x)))).ToList();
        if (unfinished.Count > 0)
        {
            sb.AppendLine("## Rounds that did not finish");
            sb.AppendLine();
            foreach (var (r, s, x) in unfinished)
                sb.AppendLine($"- {s.Name}, {r.Configuration}, {(x.Failure == FailureKind.Crash ? "crash" : "partition")} {x.Round}: {x.Unfinished}");
            sb.AppendLine();
        }
        if (otherPages is not null)
        {
            sb.AppendLine("## Other benchmarks");
            sb.AppendLine();
            sb.AppendLine($"- [Protocol core]({otherPages}core.md) (BenchmarkDotNet): one step of the pure core per input kind, and whole elections");
            sb.AppendLine("  and failovers of 5 and 25 in-memory nodes: CPU time, allocations, steps and messages.");
            sb.AppendLine($"- [Serializer]({otherPages}serializer.md) (BenchmarkDotNet): encoding and decoding an election message, in time and allocated bytes.");
            sb.AppendLine($"- [25 nodes]({otherPages}failover-25-nodes.md): `bench failover --election-only` with 25 node processes on one machine.");
            sb.AppendLine();
        }
        sb.AppendLine("## Settings read back from the nodes");
        sb.AppendLine();
        foreach (var group in SettingsGroups(results))
        {
            sb.AppendLine($"{string.Join("; ", group.Value)}:");
            sb.AppendLine();
            sb.AppendLine("```");
            sb.AppendLine(group.Key);
            sb.AppendLine("```");
            sb.AppendLine();
        }
        return sb.ToString();
    }
}
