using System.CommandLine;
using System.CommandLine.Parsing;

namespace Actors.Election.Demo;

/// <summary>The command line: <c>demo</c> (the default), <c>node</c> and <c>bench failover</c>.</summary>
internal static class Cli
{
    public static readonly Option<int> DemoNodes = PositiveInt("--nodes", 5, 1, "Node processes in the local cluster");
    public static readonly Option<int> DemoRounds = PositiveInt("--rounds", 3, 0, "Master crashes before exiting (0 = until Ctrl+C)");
    public static readonly Option<double> DemoInterval = new("--interval")
    {
        Description = "Seconds the cluster stays stable before the next crash",
        DefaultValueFactory = _ => 3,
    };
    public static readonly Option<bool> DemoPlain = new("--plain") { Description = "Plain lines instead of the live table" };
    public static readonly Option<string> DemoDetector = new("--detector")
    {
        Description = $"Failure detector profile of the nodes: {DetectorProfile.AutoName} (by nodes per core: tight up to {DetectorProfile.TightNodesPerCore} per core, else loaded) or {DetectorProfile.Names}",
        DefaultValueFactory = _ => DetectorProfile.AutoName,
    };

    public static readonly Option<string?> NodeHostOption = new("--host") { Description = "Hostname or IP this node binds and is reached at (default 127.0.0.1)" };
    public static readonly Option<int?> NodePort = new("--port") { Description = "TCP port (default 0: any free port)" };
    public static readonly Option<string[]> NodeSeeds = new("--seeds")
    {
        Description = "Seed nodes, host:port or akka.tcp://election@host:port, comma separated (default: join itself)",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
    };
    public static readonly Option<string?> NodeRole = new("--role") { Description = "Cluster role of this node; the electorate is the members with this role" };
    public static readonly Option<QuorumMode?> NodeQuorum = new("--quorum") { Description = "majority (safe) or reachable (available)" };
    public static readonly Option<FileInfo?> NodeConfig = new("--config") { Description = "HOCON file merged over the defaults (e.g. hocon/samples/majority-cluster.conf)" };
    public static readonly Option<bool> NodeFast = new("--fast") { Description = $"The demo's tight failure detector: --detector tight ({DetectorProfile.Tight.Summary})" };
    public static readonly Option<bool> NodeSingleton = new("--singleton") { Description = "Run Akka's ClusterSingleton instead of the election (the benchmark baseline)" };
    public static readonly Option<string?> NodeDowningStableAfter = new("--sbr-stable-after")
    {
        Description = "How long the split brain resolver waits for a stable cluster before downing (a HOCON duration, e.g. 20s)",
    };
    public static readonly Option<string?> NodeDetector = new("--detector") { Description = $"Failure detector profile: {DetectorProfile.Names} (default: akka-default, or tight with --fast)" };
    public static readonly Option<int?> NodeMinMembers = new("--min-members") { Description = "akka.cluster.min-nr-of-members: no member is Up (and no election starts) before this many have joined" };
    public static readonly Option<string?> NodeLogLevel = new Option<string?>("--log-level")
    {
        Description = "Akka's log level for this node: DEBUG, INFO, WARNING or ERROR (default WARNING)",
    }.AcceptOnlyFromAmong("DEBUG", "INFO", "WARNING", "ERROR");
    public static readonly Option<bool> NodeReport = new("--report") { Description = "Print STATE/EVENT lines for a parent demo process", Hidden = true };
    public static readonly Option<int?> NodeParentPid = new("--parent-pid") { Description = "Exit when this process is gone", Hidden = true };

    public static readonly Option<string> BenchNodes = new("--nodes")
    {
        Description = "Cluster sizes, comma separated",
        DefaultValueFactory = _ => "3,5,9",
    };
    public static readonly Option<int> BenchRounds = PositiveInt("--rounds", 3, 1, "Master crashes (SIGKILL) per configuration and implementation");
    public static readonly Option<int> BenchPartitionRounds = PositiveInt("--partition-rounds", 1, 0, "Masters cut off (SIGSTOP: hung, no connection closes) per configuration and implementation, after the crashes");
    public static readonly Option<string> BenchDetector = new("--detector")
    {
        Description = $"Failure detector profiles, comma separated: {DetectorProfile.Names}, or {DetectorProfile.AutoName} (by nodes per core)",
        DefaultValueFactory = _ => "akka-default,tight",
    };
    public static readonly Option<string> BenchStableAfter = new("--sbr-stable-after")
    {
        Description = $"The split brain resolver's stable-after for both clusters, comma separated (Akka's default is {NodeHost.AkkaDefaultStableAfter})",
        DefaultValueFactory = _ => "2s,7s,20s",
    };
    public static readonly Option<bool> BenchPlanOnly = new("--plan") { Description = "Print the configurations, rounds and estimated duration, and exit" };
    public static readonly Option<bool> BenchElectionOnly = new("--election-only") { Description = "Measure Actors.Election alone (no ClusterSingleton cluster): for clusters too large to run twice" };
    public static readonly Option<DirectoryInfo> BenchOutput = new("--output")
    {
        Description = "Directory for the CSV and the PNG chart",
        DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "bench")),
    };
    public static readonly Option<DirectoryInfo?> BenchNodeLogs = new("--node-logs")
    {
        Description = "Write every node's log (Akka's INFO level) to DIR/election-n<k>.log and DIR/singleton-n<k>.log, to see where a round's time went",
    };
    public static readonly Option<FileInfo?> BenchMarkdown = new("--markdown")
    {
        Description = "The markdown report to write (default: docs/benchmarks.md of the repository, when found)",
    };

    static Cli()
    {
        BenchNodes.Validators.Add(r =>
        {
            if (ParseSizes(r.GetValueOrDefault<string>()) is null) r.AddError("--nodes must be a comma-separated list of cluster sizes of at least 2, e.g. 3,5,9");
        });
        BenchDetector.Validators.Add(r =>
        {
            if (ParseDetectors(r.GetValueOrDefault<string>()) is null) r.AddError($"--detector must be a comma-separated list of {DetectorProfile.Names} or {DetectorProfile.AutoName}");
        });
        BenchStableAfter.Validators.Add(r =>
        {
            if (ParseDurations(r.GetValueOrDefault<string>()) is null) r.AddError("--sbr-stable-after must be a comma-separated list of durations, e.g. 2s,7s,20s");
        });
        DemoDetector.Validators.Add(r =>
        {
            var name = r.GetValueOrDefault<string>();
            if (name != DetectorProfile.AutoName && DetectorProfile.Find(name) is null) r.AddError($"--detector must be {DetectorProfile.AutoName} or one of {DetectorProfile.Names}");
        });
    }

    private static Option<int> PositiveInt(string name, int defaultValue, int min, string description)
    {
        var option = new Option<int>(name) { Description = $"{description} (default {defaultValue})", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            int value;
            try
            {
                value = r.GetValueOrDefault<int>();
            }
            catch (InvalidOperationException)
            {
                return; // not a number: the parser has reported it already
            }
            if (value < min) r.AddError($"{name} must be at least {min}");
        });
        return option;
    }

    /// <summary>"3,5,9" → [3, 5, 9]; null when malformed.</summary>
    public static IReadOnlyList<int>? ParseSizes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 2) return null;
            sizes.Add(n);
        }
        return sizes.Count == 0 ? null : sizes;
    }

    /// <summary>"akka-default,tight" → the names, each a profile or auto; null when malformed.</summary>
    public static IReadOnlyList<string>? ParseDetectors(string? text)
    {
        var names = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant()).Distinct().ToList();
        return names.Count > 0 && names.All(n => n == DetectorProfile.AutoName || DetectorProfile.Find(n) is not null) ? names : null;
    }

    /// <summary>"2s,7s,20s" → the durations as given (HOCON text, each checked); null when malformed.</summary>
    public static IReadOnlyList<string>? ParseDurations(string? text)
    {
        var values = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (values.Count == 0) return null;
        foreach (var v in values)
        {
            try
            {
                if (Akka.Configuration.ConfigurationFactory.ParseString($"d = {v}").GetTimeSpan("d", null, allowInfinite: false) < TimeSpan.Zero) return null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return null;
            }
        }
        return values;
    }

    public static DemoOptions ToDemo(ParseResult r) => new()
    {
        Nodes = r.GetValue(DemoNodes),
        Rounds = r.GetValue(DemoRounds),
        Interval = TimeSpan.FromSeconds(r.GetValue(DemoInterval)),
        Plain = r.GetValue(DemoPlain),
        Detector = r.GetValue(DemoDetector) ?? DetectorProfile.AutoName,
    };

    public static NodeOptions ToNode(ParseResult r) => new()
    {
        Host = r.GetValue(NodeHostOption),
        Port = r.GetValue(NodePort),
        Seeds = r.GetValue(NodeSeeds) ?? [],
        Role = r.GetValue(NodeRole),
        Quorum = r.GetValue(NodeQuorum),
        ConfigFile = r.GetValue(NodeConfig)?.FullName,
        Fast = r.GetValue(NodeFast),
        Detector = r.GetValue(NodeDetector),
        MinMembers = r.GetValue(NodeMinMembers),
        DowningStableAfter = r.GetValue(NodeDowningStableAfter),
        Singleton = r.GetValue(NodeSingleton),
        LogLevel = r.GetValue(NodeLogLevel),
        Report = r.GetValue(NodeReport),
        ParentPid = r.GetValue(NodeParentPid),
        Recording = Recording.RecordingOptions.Read(r),
    };

    public static BenchOptions ToBench(ParseResult r) => new()
    {
        Sizes = ParseSizes(r.GetValue(BenchNodes)) ?? [3, 5, 9],
        Rounds = r.GetValue(BenchRounds),
        PartitionRounds = r.GetValue(BenchPartitionRounds),
        Detectors = ParseDetectors(r.GetValue(BenchDetector)) ?? ["akka-default", "tight"],
        StableAfters = ParseDurations(r.GetValue(BenchStableAfter)) ?? ["2s", "7s", "20s"],
        ElectionOnly = r.GetValue(BenchElectionOnly),
        PlanOnly = r.GetValue(BenchPlanOnly),
        Output = r.GetValue(BenchOutput)!.FullName,
        Markdown = r.GetValue(BenchMarkdown)?.FullName,
        NodeLogs = r.GetValue(BenchNodeLogs)?.FullName,
    };

    public static RootCommand Build()
    {
        var demo = new Command("demo", "A local cluster of real node processes on 127.0.0.1 with a live view; crashes the master every few seconds and measures the failover (the default command)")
        {
            DemoNodes, DemoRounds, DemoInterval, DemoPlain, DemoDetector,
        };
        demo.SetAction((r, ct) => DemoCommand.RunAsync(ToDemo(r), ct));

        var node = new Command("node", "One real cluster node: logs every election event, hands over and leaves gracefully on Ctrl+C / SIGTERM")
        {
            NodeHostOption, NodePort, NodeSeeds, NodeRole, NodeQuorum, NodeConfig, NodeFast, NodeDetector, NodeMinMembers, NodeDowningStableAfter, NodeSingleton, NodeLogLevel, NodeReport, NodeParentPid,
        };
        Recording.RecordingOptions.AddTo(node); // --history, --fenced-store (the nemesis harness)
        node.SetAction((r, ct) => NodeHost.RunAsync(ToNode(r), ct));

        var failover = new Command("failover", "Failover time of Actors.Election against Akka's ClusterSingleton, same machine and detector settings")
        {
            BenchNodes, BenchRounds, BenchPartitionRounds, BenchDetector, BenchStableAfter, BenchElectionOnly, BenchPlanOnly, BenchOutput, BenchMarkdown, BenchNodeLogs,
        };
        failover.SetAction((r, ct) => BenchCommand.RunAsync(ToBench(r), ct));
        var bench = new Command("bench", "Benchmarks") { failover };

        var root = new RootCommand("Actors.Election: seniority-based master election for Akka.NET. Without a command it runs the demo.")
        {
            demo, node, bench,
        };
        root.SetAction((r, ct) => DemoCommand.RunAsync(new DemoOptions(), ct));
        return root;
    }

    public static ParseResult Parse(params string[] args) => Build().Parse(args);

    public static Task<int> InvokeAsync(string[] args)
    {
        var parsed = Parse(args);
        // node mode is what scripts and operators run: bad input is one line naming it and exit code 2, not the help text.
        if (parsed.Errors.Count > 0 && parsed.CommandResult.Command.Name == "node")
            return Task.FromResult(NodeInput.Fail(string.Join("; ", parsed.Errors.Select(e => e.Message))));
        return parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(40) });
    }
}
