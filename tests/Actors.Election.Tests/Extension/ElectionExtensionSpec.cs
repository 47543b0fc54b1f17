using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Tests.Extension;

/// <summary>
/// <c>Election.Get(system)</c> on a real one-node cluster over loopback (port 0): the extension starts the
/// cluster-backed actor once, registers the serializer, and its handle reports the master.
/// </summary>
public sealed class ElectionExtensionSpec(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(Config, output: output)
{
    private static readonly Config Config = ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.cluster.min-nr-of-members = 1
        akka.loglevel = INFO
        actors.election.gather-timeout = 200ms
        """);

    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_single_node_cluster_elects_itself_and_the_handle_reports_it()
    {
        var election = Election.Get(Sys);
        Assert.Same(election, Election.Get(Sys));
        var cluster = Cluster.Get(Sys);
        await cluster.JoinAsync(cluster.SelfAddress);

        using var cts = new CancellationTokenSource(Generous);
        var master = await election.WaitForMasterAsync(cts.Token);
        var leadership = await election.WaitForLeadershipAsync(cts.Token);

        Assert.Equal(cluster.SelfUniqueAddress, master);
        Assert.Equal(cluster.SelfUniqueAddress, leadership.Master);
        AwaitAssert(() => Assert.True(election.IsMaster), Generous);
        Assert.Equal(leadership.Session, election.Session);
        var state = await election.GetStateAsync();
        Assert.Equal(ElectionStatus.Master, state.Status);
        Assert.Contains(cluster.SelfUniqueAddress, state.Electorate);
        Assert.IsType<global::Actors.Election.Serialization.ElectionMessageSerializer>(Sys.Serialization.FindSerializerForType(typeof(ElectionMessage)));

        var stepDown = await election.StepDownAsync();
        Assert.True(stepDown.SteppedDown);
        AwaitAssert(() => Assert.True(leadership.Lost.IsCancellationRequested), Generous);
        // Alone, it sits the hand-over session out, then wins the next one.
        var again = await election.WaitForLeadershipAsync(cts.Token);
        Assert.True(again.Session > leadership.Session);
    }

    [Fact]
    public void Subscribers_and_the_event_stream_see_the_election()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(NewMaster));
        var election = Election.Get(Sys);
        var subscriber = CreateTestProbe();
        election.Subscribe(subscriber.Ref);
        subscriber.ExpectMsg<ElectionState>();
        Cluster.Get(Sys).Join(Cluster.Get(Sys).SelfAddress);

        var newMaster = probe.ExpectMsg<NewMaster>(Generous);
        Assert.Equal(Cluster.Get(Sys).SelfUniqueAddress, newMaster.Master);
        subscriber.FishForMessage(m => m is ElectedMaster, Generous);
    }
}
