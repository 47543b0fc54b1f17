using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Singleton;

namespace Actors.Election.Demo;

/// <summary>
/// The benchmark's baseline as its users see it: a trivial singleton (under a <see cref="ClusterSingletonManager"/>)
/// that answers pings with its instance id and host, and on every node a <see cref="ClusterSingletonProxy"/> that a
/// pinger keeps asking. A singleton failover ends when a survivor's proxy gets an answer from the new instance.
/// Messages are plain strings, so they need no serializer of their own.
/// </summary>
internal static class SingletonProbe
{
    /// <summary>How often the pinger looks whether to ping, and how long it waits for an answer before pinging again.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long the pinger waits after an answer before it pings again. While the singleton answers, nothing is measured;
    /// pinging at every tick would only load the machine that the other cluster's rounds run on.
    /// </summary>
    public static readonly TimeSpan AnsweredPause = TimeSpan.FromMilliseconds(250);

    private const string PingPrefix = "ping:";
    private const string PongPrefix = "pong:";

    /// <summary>Starts the manager, the proxy and the pinger on this node.</summary>
    public static void Start(ActorSystem system, NodeView view)
    {
        system.ActorOf(ClusterSingletonManager.Props(
            Props.Create(() => new Instance(view)), PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)), "singleton");
        var proxy = system.ActorOf(ClusterSingletonProxy.Props("/user/singleton", ClusterSingletonProxySettings.Create(system)), "singleton-proxy");
        system.ActorOf(Props.Create(() => new Pinger(proxy, view)), "singleton-pinger");
    }

    /// <summary>A pong as text: <c>pong:instance|host|seq</c>.</summary>
    public static string Pong(string instance, string host, long seq) =>
        string.Create(CultureInfo.InvariantCulture, $"{PongPrefix}{instance}|{host}|{seq}");

    /// <summary>(instance, host, seq) of a pong, or null.</summary>
    public static (string Instance, string Host, long Seq)? ParsePong(string text)
    {
        if (!text.StartsWith(PongPrefix, StringComparison.Ordinal)) return null;
        var parts = text[PongPrefix.Length..].Split('|');
        return parts.Length == 3 && long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seq)
            ? (parts[0], parts[1], seq)
            : null;
    }

    /// <summary>The singleton: reports where it runs and answers pings with its instance id.</summary>
    private sealed class Instance : ReceiveActor
    {
        private readonly NodeView _view;
        private readonly string _id = Guid.NewGuid().ToString("N")[..12];

        public Instance(NodeView view)
        {
            _view = view;
            Receive<string>(text => text.StartsWith(PingPrefix, StringComparison.Ordinal), text =>
                Sender.Tell(Pong(_id, _view.Self, long.Parse(text.AsSpan(PingPrefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture))));
            ReceiveAny(_ => { });
        }

        protected override void PreStart()
        {
            _view.HostsSingleton = true;
            _ = _view.RefreshAsync(Cluster.Get(Context.System), null, force: true);
        }

        protected override void PostStop() => _view.HostsSingleton = false;
    }

    /// <summary>
    /// Keeps one ping in flight through the proxy (a new one <see cref="AnsweredPause"/> after an answer, or once
    /// <see cref="AnswerTimeout"/> passed without an answer: the old instance may have died with it). While no singleton
    /// runs the proxy buffers the pings and delivers them once it has found the new instance, so the first answer from it
    /// comes within a tick of that moment.
    /// </summary>
    private sealed class Pinger : ReceiveActor, IWithTimers
    {
        private sealed class TickMessage
        {
            public static readonly TickMessage Instance = new();
        }

        private readonly IActorRef _proxy;
        private readonly NodeView _view;
        private long _seq;
        private long _outstandingSince = -1;
        private long _answeredAt = long.MinValue / 2;
        private string? _lastInstance;

        public ITimerScheduler Timers { get; set; } = null!;

        public Pinger(IActorRef proxy, NodeView view)
        {
            _proxy = proxy;
            _view = view;
            Receive<TickMessage>(_ =>
            {
                var now = Environment.TickCount64;
                if (_outstandingSince >= 0 && now - _outstandingSince < AnswerTimeout.TotalMilliseconds) return;
                if (_outstandingSince < 0 && now - _answeredAt < AnsweredPause.TotalMilliseconds) return;
                _outstandingSince = now;
                _proxy.Tell(string.Create(CultureInfo.InvariantCulture, $"{PingPrefix}{++_seq}"));
            });
            Receive<string>(text =>
            {
                if (ParsePong(text) is not { } pong) return;
                var at = ReportLine.Now();
                _outstandingSince = -1;
                _answeredAt = Environment.TickCount64;
                if (pong.Instance == _lastInstance) return;
                _lastInstance = pong.Instance;
                _view.SingletonAnswer(pong.Instance, pong.Host, at);
            });
        }

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", TickMessage.Instance, Tick);
    }
}
