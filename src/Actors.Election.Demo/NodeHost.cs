using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;

namespace Actors.Election.Demo;

/// <summary>The options of <c>node</c> mode; null means "not given" (the config file or the defaults decide).</summary>
internal sealed record NodeOptions
{
    public string? Host { get; init; }
    public int? Port { get; init; }
    public IReadOnlyList<string> Seeds { get; init; } = [];
    public string? Role { get; init; }
    public QuorumMode? Quorum { get; init; }
    public string? ConfigFile { get; init; }
    /// <summary>The demo's tight failure detector (200ms heartbeats, 1s pause, SBR stable-after 2s): <c>--detector tight</c>.</summary>
    public bool Fast { get; init; }
    /// <summary>A <see cref="DetectorProfile"/> by name (over <see cref="Fast"/>); null = not given.</summary>
    public string? Detector { get; init; }
    /// <summary><c>akka.cluster.min-nr-of-members</c>: no member is moved Up (and no election starts) before this many joined.</summary>
    public int? MinMembers { get; init; }
    /// <summary>The split brain resolver's stable-after (a HOCON duration), over <see cref="Fast"/>'s 2s; null = not given.</summary>
    public string? DowningStableAfter { get; init; }
    /// <summary>Akka's ClusterSingleton instead of the election (the benchmark's baseline).</summary>
    public bool Singleton { get; init; }
    /// <summary>Akka's log level (DEBUG, INFO, WARNING, ERROR); null = the defaults' WARNING.</summary>
    public string? LogLevel { get; init; }
    /// <summary>Print <c>STATE</c>/<c>EVENT</c> lines for a parent demo.</summary>
    public bool Report { get; init; }
    public int? ParentPid { get; init; }
    /// <summary>History and fenced-store recording for the nemesis harness.</summary>
    public Recording.RecordingOptions Recording { get; init; } = Demo.Recording.RecordingOptions.None;
}

/// <summary><c>node</c> mode: one real cluster node that logs every election event and leaves gracefully on Ctrl+C / SIGTERM.</summary>
internal static class NodeHost
{
    public const string SystemName = "election";

    public static readonly Config Defaults = ConfigurationFactory.ParseString("""
        akka {
          loglevel = WARNING
          stdout-loglevel = WARNING
          actor.provider = cluster
          remote.dot-netty.tcp {
            hostname = 127.0.0.1
            port = 0
            # Akka.Remote batches writes and flushes them up to 40 ms later when traffic is low: fine for throughput,
            # but every hop of a failover would wait for it. The demo and the benchmark measure failover, so both the
            # election and the singleton run without it (a latency setting, the same for both).
            batching.enabled = false
          }
          cluster {
            downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
            split-brain-resolver.active-strategy = keep-majority
            run-coordinated-shutdown-when-down = on
          }
        }
        """);

    /// <summary>The demo's tight detector settings (<see cref="DetectorProfile.Tight"/>), the same for the election and the singleton.</summary>
    public static string FastDetectorHocon => DetectorProfile.Tight.Hocon;

    /// <summary>The demo's tight detector settings, parsed.</summary>
    public static readonly Config FastDetector = DetectorProfile.Tight.Config;

    /// <summary>Akka's own split brain resolver stable-after (from Akka.Cluster's reference configuration).</summary>
    public static readonly string AkkaDefaultStableAfter =
        ConfigurationFactory.FromResource<Cluster>("Akka.Cluster.Configuration.Cluster.conf").GetString("akka.cluster.split-brain-resolver.stable-after");

    public static string SeedAddress(string seed) =>
        seed.Contains("://", StringComparison.Ordinal) ? seed : $"akka.tcp://{SystemName}@{seed}";

    /// <summary>Command-line options over <c>--config</c> FILE over the (fast) defaults.</summary>
    public static Config BuildConfig(NodeOptions options)
    {
        var lines = new List<string>();
        if (options.Host is { } host) lines.Add($"akka.remote.dot-netty.tcp.hostname = \"{host}\"");
        if (options.Port is { } port) lines.Add($"akka.remote.dot-netty.tcp.port = {port}");
        if (options.Seeds.Count > 0)
            lines.Add($"akka.cluster.seed-nodes = [{string.Join(", ", options.Seeds.Select(s => $"\"{SeedAddress(s)}\""))}]");
        if (!string.IsNullOrEmpty(options.Role))
        {
            lines.Add($"akka.cluster.roles = [\"{options.Role}\"]");
            lines.Add($"actors.election.role = \"{options.Role}\"");
            lines.Add($"akka.cluster.singleton.role = \"{options.Role}\"");
        }
        if (options.Quorum is { } quorum) lines.Add($"actors.election.quorum = {quorum.ToString().ToLowerInvariant()}");
        if (options.DowningStableAfter is { } stableAfter) lines.Add($"akka.cluster.split-brain-resolver.stable-after = {stableAfter}");
        if (options.MinMembers is { } minMembers) lines.Add($"akka.cluster.min-nr-of-members = {minMembers}");
        if (options.LogLevel is { } level) lines.Add($"akka.loglevel = {level}\nakka.stdout-loglevel = {level}");
        var config = ConfigurationFactory.ParseString(string.Join("\n", lines));
        if (options.ConfigFile is { } file) config = config.WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(file)));
        if (Profile(options) is { } profile) config = config.WithFallback(profile.Config);
        return config.WithFallback(Defaults);
    }

    /// <summary>The detector profile the options ask for: <c>--detector</c>, else <c>--fast</c> (tight), else none (Akka's defaults).</summary>
    public static DetectorProfile? Profile(NodeOptions options) =>
        DetectorProfile.Find(options.Detector) ?? (options.Fast ? DetectorProfile.Tight : null);

    /// <summary>
    /// Runs the node until Ctrl+C / SIGTERM (<paramref name="stopping"/>) or its parent is gone: 0, or 3 when orphaned;
    /// 2 (<see cref="NodeInput.BadInputExitCode"/>) with one line naming the problem when its input is bad or it cannot start.
    /// </summary>
    public static async Task<int> RunAsync(NodeOptions options, CancellationToken stopping)
    {
        Config config;
        try
        {
            config = NodeInput.Load(options);
        }
        catch (BadNodeInputException e)
        {
            return NodeInput.Fail(e.Message); // nothing started yet
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var cancellationToken = stop.Token;
        var orphaned = false;
        if (options.ParentPid is { } parent) ParentWatcher.StopWhenGone(parent, () =>
        {
            orphaned = true;
            stop.Cancel();
        }, cancellationToken);
        var output = new NodeOutput(options.Report);
        if (await StartAsync(config, options, output) is not { } started)
            return NodeInput.BadInputExitCode;
        var (system, cluster, election, view) = started;
        var self = view.Self;
        output.Log($"node {self} starting ({(options.Singleton ? "ClusterSingleton" : "Actors.Election")}), pid {Environment.ProcessId}");
        var settings = NodeSettings.Read(system, election, self);
        foreach (var line in settings.Describe().Split('\n')) output.Log($"settings: {line}");
        output.Emit(ReportLine.Format(settings));
        if (system.Settings.Config.GetStringList("akka.cluster.seed-nodes").Count == 0) cluster.Join(cluster.SelfAddress);

        if (election is not null)
        {
            _ = LeadershipReporter.RunAsync(election, cluster, view, cancellationToken);
            election.Subscribe(system.ActorOf(Props.Create(() => new ElectionLogger(election, output, view)), "election-log"));
        }
        await using var recording = election is null ? null : Recording.NodeRecording.Start(options.Recording, system, election);
        cluster.Subscribe(system.ActorOf(Props.Create(() => new ClusterLogger(output, view, election)), "cluster-log"),
            ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        if (options.Report && Console.IsInputRedirected)
            _ = ControlChannel.RunAsync(Console.In, id => view.SnapshotAsync(election, id), node =>
            {
                if (CandidateOrder.ParseId(node) is { } member) cluster.Down(member.Address);
            }, cancellationToken);

        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var reporting = Task.Run(async () =>
        {
            try
            {
                while (await ticker.WaitForNextTickAsync(cancellationToken))
                    await view.RefreshAsync(cluster, election, force: false);
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

        var cancelled = new TaskCompletionSource();
        await using (cancellationToken.Register(() => cancelled.TrySetResult()))
            await Task.WhenAny(system.WhenTerminated, cancelled.Task);
        if (cancellationToken.IsCancellationRequested)
        {
            output.Log($"node {self} leaving (CoordinatedShutdown)");
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
        }
        await Task.WhenAny(system.WhenTerminated, Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None));
        output.Log($"node {self} stopped");
        return orphaned ? 3 : 0;
    }

    /// <summary>
    /// Creates the actor system and what the node runs in it; null (after one error line, with the system terminated)
    /// when Akka refuses the configuration or the port.
    /// </summary>
    private static async Task<(ActorSystem System, Cluster Cluster, Election? Election, NodeView View)?> StartAsync(Config config, NodeOptions options, NodeOutput output)
    {
        ActorSystem? system = null;
        try
        {
            system = ActorSystem.Create(SystemName, config);
            var cluster = Cluster.Get(system);
            var view = new NodeView(cluster.SelfUniqueAddress.ToShortId(), output);
            Election? election = null;
            if (options.Singleton) SingletonProbe.Start(system, view);
            else election = Election.Get(system);
            return (system, cluster, election, view);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (system is not null) await Task.WhenAny(system.Terminate(), Task.Delay(TimeSpan.FromSeconds(10)));
            NodeInput.Fail(NodeInput.StartFailure(options, Innermost(e)));
            return null;
        }
    }

    // Akka wraps a settings error in the exceptions of the extension or provider that read it (aggregates, type
    // initializers): every distinct message along the chain, outermost first, without the wrappers' own boilerplate.
    private static string Innermost(Exception e)
    {
        var messages = new List<string>();
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is AggregateException or System.Reflection.TargetInvocationException or TypeInitializationException) continue;
            var message = inner.Message.Replace(" See InnerException for details.", "", StringComparison.Ordinal).TrimEnd('.');
            if (message.Length > 0 && !messages.Contains(message)) messages.Add(message);
        }
        return messages.Count == 0 ? e.Message : string.Join(": ", messages);
    }

    public static string Stamp => DateTime.Now.ToString("HH:mm:ss.fff");

    /// <summary>Log lines and report lines, one writer at a time.</summary>
    internal sealed class NodeOutput(bool report)
    {
        private readonly Lock _lock = new();

        public bool Report => report;

        public void Log(string line)
        {
            lock (_lock) Console.Out.WriteLine($"{Stamp} {line}");
        }

        public void Emit(string line)
        {
            if (!report) return;
            lock (_lock)
            {
                Console.Out.WriteLine(line);
                Console.Out.Flush();
            }
        }
    }

    /// <summary>Logs every election event with time, session and master, and reports the new state.</summary>
    private sealed class ElectionLogger : ReceiveActor
    {
        public ElectionLogger(Election election, NodeOutput output, NodeView view)
        {
            var cluster = Cluster.Get(Context.System);
            ReceiveAny(message =>
            {
                var at = ReportLine.Now(); // a master change counts from the event's arrival, not from the report after it
                switch (message)
                {
                    case ElectionState state:
                        output.Log($"ElectionState {state.Status} session={state.Session} master={state.Master.ToShortId()}");
                        break;
                    case NewMaster m:
                        output.Log($"NewMaster session={m.Session} master={m.Master.ToShortId()}");
                        break;
                    case MasterLost m:
                        output.Log($"MasterLost session={m.Session} master={m.Master.ToShortId()}");
                        break;
                    case IElectionEvent e:
                        output.Log($"{e} session={election.Session} master={election.Master.ToShortId()}");
                        break;
                }
                _ = view.RefreshAsync(cluster, election, force: true, at);
            });
        }
    }

    /// <summary>Logs membership and reachability changes.</summary>
    private sealed class ClusterLogger : ReceiveActor
    {
        public ClusterLogger(NodeOutput output, NodeView view, Election? election)
        {
            var cluster = Cluster.Get(Context.System);
            ReceiveAny(message =>
            {
                if (message is ClusterEvent.UnreachableMember u) view.Unreachable(u.Member.UniqueAddress.ToShortId());
                switch (message)
                {
                    case ClusterEvent.IMemberEvent m:
                        output.Log($"{message.GetType().Name} {m.Member.UniqueAddress.ToShortId()}");
                        break;
                    case ClusterEvent.ReachabilityEvent r:
                        output.Log($"{message.GetType().Name} {r.Member.UniqueAddress.ToShortId()}");
                        break;
                }
                _ = view.RefreshAsync(cluster, election, force: true);
            });
        }
    }
}
