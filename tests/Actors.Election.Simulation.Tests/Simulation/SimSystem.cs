using System.Collections;
using System.Reflection;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.TestKit;

namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>
/// The one ActorSystem a series of simulated runs shares: <see cref="TestScheduler"/> virtual time, the election
/// actors on Akka.TestKit's <see cref="CallingThreadDispatcher"/> (a <c>Tell</c> is processed at once, on the
/// telling thread), and a host actor that supervises them. Everything of a run therefore happens on the test
/// thread, in an order fixed by the run's seed: the system is quiescent whenever a call into it returns.
/// </summary>
internal sealed class SimSystem : IDisposable
{
    public static Config Config(string logLevel = "ERROR") => ConfigurationFactory.ParseString($$"""
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.loglevel = {{logLevel}}
        akka.stdout-loglevel = ERROR
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        akka.actor.serialize-messages = off
        akka.test.calling-thread-dispatcher {
          type = "Akka.TestKit.CallingThreadDispatcherConfigurator, Akka.TestKit"
          throughput = 2147483647
        }
        """).WithFallback(ElectionSettings.DefaultConfig());

    private static readonly FieldInfo ScheduledWork = typeof(TestScheduler).GetField("_scheduledWork", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("TestScheduler._scheduledWork not found: this Akka.TestKit version is not supported by the simulation");

    private readonly IActorRef _host;
    private readonly IDictionary _work;
    private PropertyInfo? _cancelable;

    public SimSystem(string logLevel = "ERROR")
    {
        System = ActorSystem.Create("sim", Config(logLevel));
        Scheduler = (TestScheduler)System.Scheduler;
        _work = (IDictionary)ScheduledWork.GetValue(Scheduler)!;
        _host = System.ActorOf(Props.Create(() => new NodeHost(this)).WithDispatcher(CallingThreadDispatcher.Id), "nodes");
        WaitUntilHostRunsInline();
        var logs = new SyncRef(System, "log", (m, _) => OnLog?.Invoke((LogEvent)m));
        System.EventStream.Subscribe(logs, typeof(Error));
        System.EventStream.Subscribe(logs, typeof(Warning));
        RecordsNodeLogs = logLevel is "INFO" or "DEBUG";
        if (RecordsNodeLogs) System.EventStream.Subscribe(logs, typeof(Info));
        if (logLevel == "DEBUG") System.EventStream.Subscribe(logs, typeof(Debug));
    }

    public ActorSystem System { get; }

    /// <summary>True when the system logs below warning level (investigations): runs then record the nodes' log lines too.</summary>
    public bool RecordsNodeLogs { get; }

    public TestScheduler Scheduler { get; }

    /// <summary>Where error and warning log events go (synchronously, on the thread that logged them).</summary>
    public Action<LogEvent>? OnLog { get; set; }

    /// <summary>Where the failure of a node's actor goes (it is stopped, never restarted: a crash is a finding).</summary>
    public Action<IActorRef, Exception>? OnCrash { get; set; }

    /// <summary>Starts an actor under the host, on the calling-thread dispatcher.</summary>
    public IActorRef Spawn(Props props)
    {
        IActorRef? created = null;
        _host.Tell(new NodeHost.Spawn(props.WithDispatcher(CallingThreadDispatcher.Id), r => created = r));
        return created ?? throw new InvalidOperationException("the host did not create the actor synchronously");
    }

    public void Stop(IActorRef actor) => System.Stop(actor);

    // A top-level actor starts behind a placeholder that buffers messages until its guardian has started it, on
    // the guardian's thread. Once a ping is handled inline, every later Tell to the host is handled inline too.
    private void WaitUntilHostRunsInline()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var handled = 0;
            _host.Tell(new NodeHost.Ping(() => Interlocked.Exchange(ref handled, 1)));
            if (Volatile.Read(ref handled) == 1) return;
            while (Volatile.Read(ref handled) == 0)
            {
                if (DateTime.UtcNow > deadline) throw new InvalidOperationException("the simulation's host actor did not start");
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>The due time (UTC ticks) of the next timer that has not been cancelled, or null.</summary>
    public long? NextTimerTicks()
    {
        long? next = null;
        foreach (DictionaryEntry entry in _work)
        {
            var ticks = (long)entry.Key;
            if (next is { } n && ticks >= n) continue;
            foreach (var item in (IEnumerable)entry.Value!)
            {
                _cancelable ??= item.GetType().GetProperty("Cancelable") ?? throw new InvalidOperationException("ScheduledItem.Cancelable not found");
                if (_cancelable.GetValue(item) is ICancelable { IsCancellationRequested: true }) continue;
                next = ticks;
                break;
            }
        }
        return next;
    }

    public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(10));

    private sealed class NodeHost : ReceiveActor
    {
        private readonly SimSystem _sim;

        public NodeHost(SimSystem sim)
        {
            _sim = sim;
            Receive<Spawn>(s => s.Created(Context.ActorOf(s.Props)));
            Receive<Ping>(p => p.Handled());
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(ex =>
        {
            _sim.OnCrash?.Invoke(Sender, ex);
            return Directive.Stop;
        });

        public sealed record Ping(Action Handled) : INoSerializationVerificationNeeded;

        public sealed record Spawn(Props Props, Action<IActorRef> Created) : INoSerializationVerificationNeeded;
    }
}
