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
    /// <summary>The demo's tight failure detector (200ms heartbeats, 1s pause, SBR stable-after 2s).</summary>
    public bool Fast { get; init; }
    /// <summary>The split brain resolver's stable-after (a HOCON duration), over <see cref="Fast"/>'s 2s; null = not given.</summary>
    public string? DowningStableAfter { get; init; }
    /// <summary>Akka's ClusterSingleton instead of the election (the benchmark's baseline).</summary>
    public bool Singleton { get; init; }
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
          }
          cluster {
            downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
            split-brain-resolver.active-strategy = keep-majority
            run-coordinated-shutdown-when-down = on
          }
        }
        """);

    /// <summary>The demo's and the benchmark's detector settings, the same for the election and the singleton.</summary>
    public const string FastDetectorHocon = """
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
        }
        actors.election {
          connection-delay = 100ms
          gather-timeout = 300ms
          heartbeat-interval = 500ms
          election-timeout = 2s
        }
        """;

    /// <summary>The demo's and the benchmark's detector settings, parsed.</summary>
    public static readonly Config FastDetector = ConfigurationFactory.ParseString(FastDetectorHocon);

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
        var config = ConfigurationFactory.ParseString(string.Join("\n", lines));
        if (options.ConfigFile is { } file) config = config.WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(file)));
        if (options.Fast) config = config.WithFallback(FastDetector);
        return config.WithFallback(Defaults);
    }

    /// <summary>Runs the node until Ctrl+C / SIGTERM (<paramref name="stopping"/>) or its parent is gone: 0, or 3 when orphaned.</summary>
    public static async Task<int> RunAsync(NodeOptions options, CancellationToken stopping)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var cancellationToken = stop.Token;
        var orphaned = false;
        if (options.ParentPid is { } parent) ParentWatcher.StopWhenGone(parent, () =>
        {
            orphaned = true;
            stop.Cancel();
        }, cancellationToken);
        var system = ActorSystem.Create(SystemName, BuildConfig(options));
        var cluster = Cluster.Get(system);
        var self = Name(cluster.SelfAddress);
        var output = new NodeOutput(options.Report);
        output.Log($"node {self} starting ({(options.Singleton ? "ClusterSingleton" : "Actors.Election")}), pid {Environment.ProcessId}");
        if (system.Settings.Config.GetStringList("akka.cluster.seed-nodes").Count == 0) cluster.Join(cluster.SelfAddress);

        var view = new NodeView(self, output);
        Election? election = null;
        if (options.Singleton)
        {
            system.ActorOf(ClusterSingletonManager.Props(
                Props.Create(() => new SingletonActor(view)), PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)), "singleton");
        }
        else
        {
            election = Election.Get(system);
            election.Subscribe(system.ActorOf(Props.Create(() => new ElectionLogger(election, output, view)), "election-log"));
        }
        await using var recording = election is null ? null : Recording.NodeRecording.Start(options.Recording, system, election);
        cluster.Subscribe(system.ActorOf(Props.Create(() => new ClusterLogger(output, view, election)), "cluster-log"),
            ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

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

    public static string Name(Address address) => $"{address.Host}:{address.Port}";

    public static string? Name(UniqueAddress? address) => address is null ? null : Name(address.Address);

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

    /// <summary>This node's view, reported whenever it changes (and once a second anyway).</summary>
    internal sealed class NodeView(string self, NodeOutput output)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private NodeReport _last = new() { Node = self };
        private long _lastEmit;
        private volatile bool _hostsSingleton;

        public bool HostsSingleton
        {
            get => _hostsSingleton;
            set => _hostsSingleton = value;
        }

        public void Unreachable(string member) => output.Emit(ReportLine.Format(new UnreachableReport(self, member, ReportLine.Now())));

        public async Task RefreshAsync(Cluster cluster, Election? election, bool force)
        {
            if (!output.Report) return;
            await _gate.WaitAsync();
            try
            {
                var state = cluster.State;
                var members = state.Members.Count(m => m.Status is MemberStatus.Up or MemberStatus.Leaving);
                var now = ReportLine.Now();
                NodeReport next;
                if (election is null)
                {
                    next = _last with
                    {
                        Status = HostsSingleton ? "Master" : "Follower",
                        Master = HostsSingleton ? self : null,
                    };
                }
                else
                {
                    ElectionState es;
                    try
                    {
                        es = await election.GetStateAsync(TimeSpan.FromSeconds(2));
                    }
                    catch (Exception)
                    {
                        return; // shutting down
                    }
                    next = _last with
                    {
                        Status = es.Status.ToString(),
                        Master = Name(es.Master),
                        Session = es.Session,
                        SeniorityMs = (long)es.Seniority.TotalMilliseconds,
                        Commands = es.CommandsSeen,
                        MessagesSent = es.MessagesSent,
                    };
                }
                next = next with { Members = members, Unreachable = state.Unreachable.Count };
                if (next.Master != _last.Master) next = next with { MasterSince = now };
                var changed = next with { SeniorityMs = 0, PeakWorkingSet = 0, MessagesSent = 0, At = 0 } != _last with { SeniorityMs = 0, PeakWorkingSet = 0, MessagesSent = 0, At = 0 };
                if (!changed && !force && now - _lastEmit < 1000) return;
                using var process = Process.GetCurrentProcess();
                _last = next with { PeakWorkingSet = process.PeakWorkingSet64, At = now };
                _lastEmit = now;
                output.Emit(ReportLine.Format(_last));
            }
            finally
            {
                _gate.Release();
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
                switch (message)
                {
                    case ElectionState state:
                        output.Log($"ElectionState {state.Status} session={state.Session} master={Name(state.Master) ?? "-"}");
                        break;
                    case NewMaster m:
                        output.Log($"NewMaster session={m.Session} master={Name(m.Master)}");
                        break;
                    case MasterLost m:
                        output.Log($"MasterLost session={m.Session} master={Name(m.Master)}");
                        break;
                    case IElectionEvent e:
                        output.Log($"{e} session={election.Session} master={Name(election.Master) ?? "-"}");
                        break;
                }
                _ = view.RefreshAsync(cluster, election, force: true);
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
                if (message is ClusterEvent.UnreachableMember u) view.Unreachable(Name(u.Member.Address));
                switch (message)
                {
                    case ClusterEvent.IMemberEvent m:
                        output.Log($"{message.GetType().Name} {Name(m.Member.Address)}");
                        break;
                    case ClusterEvent.ReachabilityEvent r:
                        output.Log($"{message.GetType().Name} {Name(r.Member.Address)}");
                        break;
                }
                _ = view.RefreshAsync(cluster, election, force: true);
            });
        }
    }

    /// <summary>The trivial singleton: reports where it runs.</summary>
    private sealed class SingletonActor : ReceiveActor
    {
        private readonly NodeView _view;

        public SingletonActor(NodeView view)
        {
            _view = view;
            ReceiveAny(_ => { });
        }

        protected override void PreStart()
        {
            _view.HostsSingleton = true;
            _ = _view.RefreshAsync(Cluster.Get(Context.System), null, force: true);
        }

        protected override void PostStop() => _view.HostsSingleton = false;
    }
}
