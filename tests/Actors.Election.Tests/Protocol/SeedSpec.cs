using Actors.Election.Tests.Support;
using Akka.Actor;
using Xunit;
using Xunit.Abstractions;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Protocol;

/// <summary>The seed's own tests (election start, force master, seniority, create message), in spirit.</summary>
public sealed class SeedSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    [Fact]
    public void Election_start_opens_session_one_and_publishes_ElectionStarted()
    {
        var peer = Peer(2);
        var (node, events) = this.Campaigning(null, peer);

        events.ExpectMsg<ElectionStarted>(e => e.Session == 1);
        var state = node.State();
        Assert.Equal(ElectionStatus.Campaigning, state.Status);
        Assert.Equal(1, state.Session);
        Assert.Null(state.Master);
    }

    [Fact]
    public void Force_master_alone_makes_the_node_master_at_once()
    {
        var node = StartNode(Node(1));
        var events = node.Subscribe();
        node.Join();
        node.Actor.Tell(ForceMaster.Instance);

        events.ExpectMsg<ElectionStarted>();
        events.ExpectMsg<ElectedMaster>(e => e.Session == 1);
        var state = node.State();
        Assert.Equal(ElectionStatus.Master, state.Status);
        Assert.Equal(node.Self, state.Master);
    }

    [Fact]
    public void Seniority_grows_with_time()
    {
        var node = StartNode(Node(1), startedAt: Scheduler.Now);
        var before = node.State().Seniority;
        Advance(TimeSpan.FromSeconds(10));
        var after = node.State().Seniority;
        Assert.True(after - before >= TimeSpan.FromSeconds(10), $"{before} -> {after}");
    }

    [Fact]
    public void Messages_carry_sender_a_ticked_clock_and_the_start_instant()
    {
        var peer = Peer(2);
        var startedAt = StartedMinutesAgo(42);
        var node = StartNode(Node(1), startedAt: startedAt, peers: peer);
        node.Join();

        var hello = peer.Expect(Hello);
        Assert.Equal(node.Self, hello.Sender);
        Assert.True(hello.Clock > 0);
        Assert.Equal(Seniority.StartedAt(startedAt), hello.Seniority);
        Assert.Equal(TimeSpan.FromMinutes(42), hello.Seniority.Age(Scheduler.Now));
    }
}
