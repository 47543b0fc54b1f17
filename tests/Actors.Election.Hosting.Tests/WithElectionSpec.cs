using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Actors.Election.Hosting.Tests;

/// <summary>
/// <c>WithElection(options)</c> on a one-node cluster under Akka.Hosting: the election starts with the system, the
/// handle comes from dependency injection, the actor from the registry, and the node elects itself.
/// </summary>
public sealed class WithElectionSpec(ITestOutputHelper output) : Akka.Hosting.TestKit.TestKit(nameof(WithElectionSpec), output)
{
    protected override void ConfigureServices(HostBuilderContext context, IServiceCollection services)
    {
        base.ConfigureServices(context, services);
        services.AddElection();
    }

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.AsOneNodeCluster().WithElection(options =>
        {
            options.GatherTimeout = TimeSpan.FromMilliseconds(200);
            options.HeartbeatInterval = TimeSpan.FromMilliseconds(300);
            options.Priority = 3;
        });

    [Fact]
    public async Task The_election_starts_with_the_system_and_its_handle_comes_from_DI()
    {
        var election = Host.Services.GetRequiredService<Election>();
        Assert.Same(Election.Get(Sys), election);
        Assert.Same(election, Host.Services.GetRequiredService<Election>());
        Assert.Equal(3, election.Settings.Priority);
        Assert.Equal(TimeSpan.FromMilliseconds(200), election.Settings.GatherTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), election.Settings.ElectionTimeout); // the reference.conf default

        // The actor is in the registry, for IRequiredActor<Election>.
        Assert.Equal(election.Actor, ActorRegistry.Get<Election>());
        Assert.Equal(election.Actor, Host.Services.GetRequiredService<IRequiredActor<Election>>().ActorRef);

        using var cts = new CancellationTokenSource(OneNodeCluster.Generous);
        var master = await election.WaitForMasterAsync(cts.Token);
        Assert.Equal(Cluster.Get(Sys).SelfUniqueAddress, master);
        var leadership = await election.WaitForLeadershipAsync(cts.Token);
        Assert.Equal(master, leadership.Master);
        await AwaitAssertAsync(() => Assert.True(election.IsMaster), OneNodeCluster.Generous, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_node_publishes_its_election_metrics_tagged_with_its_short_id()
    {
        var node = Cluster.Get(Sys).SelfUniqueAddress.ToShortId(); // the node tag is the short id
        using var metrics = new MeterRecorder(node);
        var election = Host.Services.GetRequiredService<Election>();
        using var cts = new CancellationTokenSource(OneNodeCluster.Generous);
        await election.WaitForLeadershipAsync(cts.Token);

        // Hand over: the lone node sits one session out and wins the next one, all seen by the listener.
        Assert.True((await election.StepDownAsync()).SteppedDown);
        await AwaitAssertAsync(() =>
        {
            Assert.Contains(1.0, metrics.Of(ElectionMetrics.StepDowns));
            Assert.Contains(1.0, metrics.Of(ElectionMetrics.ElectionsWon));
            Assert.Contains(metrics.Of(ElectionMetrics.ElectionDuration), seconds => seconds >= 0);
            metrics.RecordObservableInstruments();
            Assert.Contains(1.0, metrics.Of(ElectionMetrics.IsMaster));
            Assert.Contains(metrics.Of(ElectionMetrics.Session), session => session >= 3);
        }, OneNodeCluster.Generous, TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
    }
}
