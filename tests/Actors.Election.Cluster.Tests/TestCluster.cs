using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Remote;
using Akka.Remote.Transport;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Cluster.Tests;

/// <summary>
/// Real ActorSystems in one process, on 127.0.0.1 with ports from 0, joined into one Akka.Cluster, each running
/// <c>Election.Get</c>. Links are cut and healed with Akka's throttler transport (blackhole), which the failure
/// detector sees as a real network fault. Every system is terminated on dispose.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    public const string SystemName = "ElectionSpec";

    /// <summary>The one shared test configuration: a tight failure detector, loopback, throttler, our serializer checked.</summary>
    public static readonly Config BaseConfig = ConfigurationFactory.ParseString("""
        akka {
          loglevel = INFO
          stdout-loglevel = WARNING
          actor.provider = cluster
          # serialize-messages stays off here: Akka.Cluster's own local events do not survive it. Every
          # ElectionMessage crosses a real remote link between systems, so it goes through our serializer anyway
          # (asserted in SerializationSpec); the unit tests run with serialize-messages = on.
          remote.dot-netty.tcp {
            hostname = 127.0.0.1
            port = 0
            applied-adapters = [trttl]
          }
          cluster {
            min-nr-of-members = 1
            gossip-interval = 200ms
            leader-actions-interval = 200ms
            unreachable-nodes-reaper-interval = 200ms
            periodic-tasks-initial-delay = 100ms
            failure-detector {
              heartbeat-interval = 200ms
              acceptable-heartbeat-pause = 2s
              expected-response-after = 500ms
            }
            # Akka's default split brain resolver (keep-majority) stays on; tests that heal a partition need it to
            # wait longer than the partition lasts.
            split-brain-resolver.stable-after = 60s
            run-coordinated-shutdown-when-down = on
          }
          # A test ends by terminating its systems at once; a graceful leave is asked for explicitly.
          coordinated-shutdown.run-by-clr-shutdown-hook = off
          coordinated-shutdown.run-by-actor-system-terminate = off
        }
        actors.election {
          election-timeout = 2s
          gather-timeout = 300ms
          heartbeat-interval = 500ms
          connection-delay = 200ms
        }
        """);

    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(40);

    private readonly ITestOutputHelper _output;
    private readonly List<Node> _nodes = new();

    public TestCluster(ITestOutputHelper output) => _output = output;

    public IReadOnlyList<Node> Nodes => _nodes;

    public IEnumerable<Node> Live => _nodes.Where(n => !n.Stopped);

    /// <summary>Starts a node and joins it to the first node (the first one forms the cluster).</summary>
    public async Task<Node> StartAsync(string? extraConfig = null, int port = 0)
    {
        var config = ConfigurationFactory.ParseString(extraConfig ?? "")
            .WithFallback(ConfigurationFactory.ParseString($"akka.remote.dot-netty.tcp.port = {port}"))
            .WithFallback(BaseConfig);
        var system = ActorSystem.Create(SystemName, config);
        var node = new Node(system, _nodes.Count + 1);
        _nodes.Add(node);
        var seed = _nodes.FirstOrDefault(n => !n.Stopped && n != node)?.Address ?? node.Address;
        await Akka.Cluster.Cluster.Get(system).JoinAsync(seed, new CancellationTokenSource(Generous).Token);
        _output.WriteLine($"{Stamp} started {node}");
        return node;
    }

    /// <summary>Starts <paramref name="count"/> nodes one after another, each Up before the next starts.</summary>
    public async Task<IReadOnlyList<Node>> StartSequentiallyAsync(int count, string? extraConfig = null)
    {
        var started = new List<Node>();
        for (var i = 0; i < count; i++) started.Add(await StartAsync(extraConfig));
        return started;
    }

    /// <summary>Cuts every link between the two groups, both ways (at both ends, so nothing leaks through).</summary>
    public async Task CutAsync(IEnumerable<Node> side, IEnumerable<Node> otherSide) =>
        await ThrottleAsync(side, otherSide, Blackhole.Instance);

    public async Task HealAsync(IEnumerable<Node> side, IEnumerable<Node> otherSide) =>
        await ThrottleAsync(side, otherSide, Unthrottled.Instance);

    private async Task ThrottleAsync(IEnumerable<Node> side, IEnumerable<Node> otherSide, ThrottleMode mode)
    {
        var others = otherSide.ToList();
        foreach (var a in side)
        foreach (var b in others)
        {
            // A stopped node's transport is gone; the live end alone decides what passes.
            if (!a.Stopped) Assert.True(await a.Transport.ManagementCommand(new SetThrottle(b.Address, ThrottleTransportAdapter.Direction.Both, mode)));
            if (!b.Stopped) Assert.True(await b.Transport.ManagementCommand(new SetThrottle(a.Address, ThrottleTransportAdapter.Direction.Both, mode)));
        }
        _output.WriteLine($"{Stamp} {(mode is Blackhole ? "cut" : "healed")} [{string.Join(",", side)}] | [{string.Join(",", others)}]");
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails after <see cref="Generous"/>.</summary>
    public async Task AwaitAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = within ?? Generous;
        while (!condition())
        {
            if (deadline.Elapsed > limit) Assert.Fail($"Timed out after {limit} waiting for: {what}\n{Describe()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Every live node's view: status, master and session.</summary>
    public string Describe() => string.Join("\n", Live.Select(n => $"  {n}: {n.Election.Settings.Quorum} status={(n.Election.IsMaster ? "Master" : "-")} master={n.MasterName(this)} session={n.Election.Session}"));

    public string NameOf(UniqueAddress? address) =>
        address is null ? "none" : _nodes.FirstOrDefault(n => n.Self.Equals(address))?.ToString() ?? address.ToString();

    public static string Stamp => DateTime.UtcNow.ToString("HH:mm:ss.fff");

    public void Log(string line) => _output.WriteLine($"{Stamp} {line}");

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(_nodes.Where(n => !n.Stopped).Select(n => n.StopAsync(graceful: false)));
}

/// <summary>One node of a <see cref="TestCluster"/>: its system, election handle and a recorder of its events.</summary>
public sealed class Node
{
    private readonly ConcurrentQueue<(DateTime At, object Event)> _events = new();
    private readonly ConcurrentQueue<(DateTime At, object Event)> _warnings = new();

    public Node(ActorSystem system, int number)
    {
        System = system;
        Number = number;
        Election = Election.Get(system);
        var recorder = system.ActorOf(Props.Create(() => new Recorder(_events)), "election-recorder");
        Election.Subscribe(recorder);
        var logs = system.ActorOf(Props.Create(() => new Recorder(_warnings)), "warning-recorder");
        system.EventStream.Subscribe(logs, typeof(Akka.Event.Warning));
        system.EventStream.Subscribe(logs, typeof(Akka.Event.Error));
    }

    public ActorSystem System { get; }
    public int Number { get; }
    public Election Election { get; }
    public bool Stopped { get; private set; }
    public UniqueAddress Self => Akka.Cluster.Cluster.Get(System).SelfUniqueAddress;
    public Address Address => Akka.Cluster.Cluster.Get(System).SelfAddress;
    public RemoteTransport Transport => ((IRemoteActorRefProvider)((ExtendedActorSystem)System).Provider).Transport;

    /// <summary>The events this node published, in order, with when they arrived.</summary>
    public IReadOnlyList<(DateTime At, object Event)> Events => _events.ToArray();

    public IEnumerable<T> EventsOf<T>() => Events.Select(e => e.Event).OfType<T>();

    /// <summary>The warnings and errors the election's own actors logged on this node (Akka's and the cluster's left out).</summary>
    public IReadOnlyList<Akka.Event.LogEvent> ElectionWarnings => _warnings.Select(w => (Akka.Event.LogEvent)w.Event)
        .Where(e => e.LogSource.Contains("/system/" + ElectionActor.Name)).ToList();

    public string MasterName(TestCluster cluster) => cluster.NameOf(Election.Master);

    /// <summary>Stops the node: gracefully (CoordinatedShutdown: hand-over, leave) or at once (a crash, seen only by the detector).</summary>
    public async Task StopAsync(bool graceful)
    {
        if (Stopped) return;
        Stopped = true;
        if (graceful) await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        else await System.Terminate();
    }

    public override string ToString() => $"n{Number}";

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(ConcurrentQueue<(DateTime, object)> events) => ReceiveAny(e => events.Enqueue((DateTime.UtcNow, e)));
    }
}
