using Actors.Election.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Protocol;

/// <summary>Regressions for the problems seen in exo's deployments (DESIGN.md §7).</summary>
public sealed class ExoProblemSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    [Fact]
    public void A_connection_blip_shorter_than_failure_timeout_starts_nothing()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 3, others: p3);

        // The blip: the failure detector flags the master (for longer than connection-delay, which used to be enough to
        // lose it) and its announcements are lost until 50 ms short of failure-timeout; then it is heard again, and the
        // detector takes it back.
        var blip = Defaults.FailureTimeout - TimeSpan.FromMilliseconds(50);
        Assert.True(blip > Defaults.ConnectionDelay);
        node.Unreachable(master);
        node.State();
        Advance(blip - TimeSpan.FromMilliseconds(50));
        this.AdvanceWithMasterAnnouncing(node, master, 3, TimeSpan.FromMilliseconds(50));
        node.Reachable(master);
        this.AdvanceWithMasterAnnouncing(node, master, 3, Defaults.ElectionTimeout * 2);

        var state = node.State();
        Assert.Equal(ElectionStatus.Follower, state.Status);
        Assert.Equal(master.Node, state.Master);
        Assert.Equal(3, state.Session);
        Assert.False(events.HasMessages);
        while (p3.Probe.HasMessages) Assert.Equal(Hello, p3.Probe.ExpectMsg<ElectionMessage>().Kind); // not even a pre-vote
    }

    [Fact]
    public void A_connection_blip_shorter_than_connection_delay_starts_nothing()
    {
        // A master's side of a blip: connection-delay is how long a master may lack a reachable majority.
        var p2 = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.ElectedMaster(peers: [p2, p3]);

        node.Unreachable(p2);
        node.Unreachable(p3);
        node.State();
        Advance(Defaults.ConnectionDelay - TimeSpan.FromMilliseconds(50));
        node.Reachable(p2);
        node.Reachable(p3);
        node.State();
        Advance(Defaults.ElectionTimeout * 2);

        var state = node.State();
        Assert.Equal(ElectionStatus.Master, state.Status);
        Assert.Equal(1, state.Session);
        Assert.False(events.HasMessages); // no SteppedDown, no ElectionStarted
        foreach (var peer in new[] { p2, p3 })
            while (peer.Probe.HasMessages) Assert.Equal(Announce, peer.Probe.ExpectMsg<ElectionMessage>().Kind); // its heartbeats only
    }

    [Fact]
    public void A_restarted_node_far_behind_catches_up_with_the_master_at_once()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var node = StartNode(Node(1, uid: 99), peers: [master, p3]);
        var events = node.Subscribe();
        node.Join();
        master.Expect(Hello);

        master.Electorate = new Electorate(new ElectorateVersion(40, 2), [master.Node, p3.Node]);
        master.Send(node.Actor, master.Message(Reply, 41, master: master.Node, status: ElectionStatus.Master));

        events.ExpectMsg<NewMaster>(e => e.Master.Equals(master.Node) && e.Session == 41);
        var state = node.State();
        Assert.Equal(ElectionStatus.Follower, state.Status);
        Assert.Equal(41, state.Session);
        Assert.Equal(new ElectorateVersion(40, 2), state.ElectorateVersion);
    }

    [Fact]
    public void Every_round_is_evaluated_even_when_a_reachable_member_never_answers()
    {
        var p2 = Peer(2, minutesAgo: 600);
        var p3 = Peer(3);
        var node = StartNode(Node(1), startedAt: StartedMinutesAgo(10), peers: [p2, p3]);
        node.Join();
        p2.Send(node.Actor, p2.Message(Campaign, 1)); // p2 opens session 1 without a vote (a gather); p3 stays silent
        Assert.Null(p2.Expect(Campaign, m => m.ProposedSession == 1).VoteFor); // our candidacy
        node.State();
        Assert.False(p2.Probe.HasMessages); // still gathering: no vote yet

        Advance(Defaults.GatherTimeout);

        Assert.Equal(p2.Node, p2.ExpectVote(1).VoteFor); // the gather timeout evaluates the round
    }

    [Fact]
    public void A_late_better_candidate_does_not_flip_a_cast_vote()
    {
        var master = Peer(2);
        var early = Peer(3, minutesAgo: 300);
        var senior = Peer(4, minutesAgo: 600);
        var (node, _) = this.FollowingMaster(master, 2, others: [early, senior]);
        Advance(Defaults.FailureTimeout + TimeSpan.FromMilliseconds(1)); // the master fell silent: lost, and a pre-vote of its own
        early.Send(node.Actor, early.Message(Campaign, 3)); // opens session 3 without a vote: a gather
        Assert.Null(early.Expect(Campaign, m => m.ProposedSession == 3).VoteFor);
        node.State();
        Advance(Defaults.GatherTimeout); // the senior peer is late: we vote on what we heard
        Assert.Equal(early.Node, early.ExpectVote(3).VoteFor);

        senior.Send(node.Actor, senior.Message(Campaign, 3, voteFor: senior.Node));
        node.State();

        Assert.False(early.Probe.HasMessages); // no second vote
        while (senior.Probe.HasMessages) Assert.Null(senior.Probe.ExpectMsg<ElectionMessage>().VoteFor); // nor one for the senior
    }
}
