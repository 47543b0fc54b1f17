using Actors.Election;
using Actors.Election.Sample;
using Actors.Election.Hosting;
using Actors.Election.Membership;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Event;
using Akka.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Tests.Docs;

// The C# examples of README.md, compiled here so every API name they use is real. ReadmeSnippetsSpec checks that
// each ```csharp block of the README appears in this file line by line (indentation and using directives aside),
// and ReadmeExampleSpec runs them against a real one-node cluster. Edit both together.

/// <summary>The README's embedding example.</summary>
public static class ReadmeEmbedding
{
    public static async Task<(ActorSystem System, Election Election, UniqueAddress Master)> StartAsync(Config config, CancellationToken cancellationToken)
    {
        var system = ActorSystem.Create("orders", config); // config: the HOCON above
        var election = Election.Get(system);               // starts this node's election actor (once)

        // Every election event is published on the EventStream: listen for master changes...
        var listener = system.ActorOf(Props.Create(() => new MasterListener()), "master-listener");
        system.EventStream.Subscribe(listener, typeof(NewMaster));

        // ...or wait until a master is known (this node or another one).
        UniqueAddress master = await election.WaitForMasterAsync(cancellationToken);
        Console.WriteLine($"master {master}, session {election.Session}, this node leads: {election.IsMaster}");
        return (system, election, master);
    }

    /// <summary>A job that runs only while this node is master, every write fenced by the leadership's token.</summary>
    public static async Task RunWhileLeadingAsync(Election election, FencedLog log, CancellationToken stopping)
    {
        var shutdown = CoordinatedShutdown.Get(election.System);
        while (!stopping.IsCancellationRequested && shutdown.ShutdownReason is null)
        {
            // Completes once this node is master; Lost is cancelled the moment it stops being master.
            Leadership leadership = await election.WaitForLeadershipAsync(stopping);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stopping, leadership.Lost);
            try
            {
                while (true)
                {
                    // Fencing: every write carries the token, so a deposed master's late writes are refused.
                    log.Append(leadership.Token, $"tick at {DateTimeOffset.UtcNow:O}");
                    await Task.Delay(TimeSpan.FromMilliseconds(200), leading.Token);
                }
            }
            catch (OperationCanceledException) when (leadership.Lost.IsCancellationRequested)
            {
                // No longer master: wait to be elected again, unless the node is shutting down (the loop's test).
            }
        }
    }
}

public sealed class MasterListener : ReceiveActor
{
    public MasterListener()
    {
        var log = Context.GetLogger();
        Receive<NewMaster>(e => log.Info("New master {0} (session {1})", e.Master, e.Session));
    }
}

public sealed class ElectionMonitor : ReceiveActor
{
    private readonly Election _election;

    public ElectionMonitor(Election election)
    {
        _election = election;
        var log = Context.GetLogger();
        // First a snapshot of the current state, then every IElectionEvent, in order.
        Receive<ElectionState>(s => log.Info("{0}: master {1}, session {2}", s.Status, s.Master, s.Session));
        Receive<NewMaster>(e => log.Info("New master {0} (session {1})", e.Master, e.Session));
        Receive<SteppedDown>(e => log.Warning("Stepped down from session {0}: {1}", e.Session, e.Reason));
        Receive<IElectionEvent>(e => log.Debug("{0}", e));
    }

    protected override void PreStart() => _election.Subscribe(Self); // unsubscribed when this actor stops
}

/// <summary>The README's Akka.Hosting and metrics examples (ReadmeHostingSpec checks them).</summary>
public static class ReadmeHosting
{
    public static IServiceCollection AddOrders(this IServiceCollection services, Config clusterConfig)
    {
        services.AddAkka("orders", akka => akka
            .AddHocon(clusterConfig, HoconAddMode.Prepend) // the cluster provider, remoting and seed nodes
            .WithElection(options =>
            {
                options.Quorum = QuorumMode.Majority;
                options.ConnectionDelay = TimeSpan.FromMilliseconds(300);
            }));
        return services.AddElection(); // Election as a singleton service: inject it where it is needed
    }

    public static void ExportMetricsWhile(Action<MeterProvider> running)
    {
        using MeterProvider meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter(ElectionMetrics.MeterName) // "Actors.Election"
            .AddConsoleExporter()
            .Build();
        running(meters);
    }
}

/// <summary>The README's testing example: one real election actor, a TestProbe peer, virtual time.</summary>
public sealed class ReadmeTestingExampleSpec(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(
    ConfigurationFactory.ParseString("""akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit" """),
    output: output)
{
    [Fact]
    public void The_testing_example_of_the_readme_runs()
    {
        var settings = ElectionSettings.Create(ConfigurationFactory.ParseString("gather-timeout = 500ms"));
        var self = new UniqueAddress(new Address("akka.tcp", "sys", "n1", 2551), 1);
        var peer = new UniqueAddress(new Address("akka.tcp", "sys", "n2", 2552), 2);
        var probe = CreateTestProbe(); // stands in for the peer's election actor
        var node = Sys.ActorOf(ElectionActor.PropsWithMembership(settings, self, randomSeed: 1));

        node.Tell(new MemberJoined(peer, probe.Ref));
        node.Tell(new MemberJoined(self, node)); // the node takes part once it is a member itself
        probe.ExpectMsg<ElectionMessage>(m => m.Kind == ElectionMessageKind.Hello);
        node.Tell(GetElectionState.Instance, probe.Ref);
        probe.ExpectMsg<ElectionState>(s => s.Status == ElectionStatus.Idle); // a barrier: the join is processed

        ((TestScheduler)Sys.Scheduler).Advance(settings.GatherTimeout); // virtual time: nothing sleeps
        // Sessions carry wall-clock time: the first proposal is at least the clock in microseconds since the Unix epoch.
        probe.ExpectMsg<ElectionMessage>(m => m.Kind == ElectionMessageKind.PreVote && m.ProposedSession >= Sys.Scheduler.Now.ToUnixTimeMilliseconds() * 1000);
    }
}
