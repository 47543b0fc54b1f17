using Actors.Election.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Protocol;

/// <summary>exo's election scenarios, re-expressed against one real actor and probe peers.</summary>
public sealed class ExoScenarioSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    [Fact]
    public void Stale_messages_change_nothing_and_are_answered_with_our_status()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 5, others: p3);

        p3.Electorate = Electorate.Bootstrap([p3.Node, node.Self]); // a stale node still holds an old electorate
        p3.Send(node.Actor, p3.Message(Campaign, 3));

        var reply = p3.Expect(Reply);
        Assert.Equal(5, reply.ProposedSession);
        Assert.Equal(master.Node, reply.Master);
        Assert.Equal(ElectionStatus.Follower, reply.Status);
        var state = node.State();
        Assert.Equal(ElectionStatus.Follower, state.Status);
        Assert.Equal(5, state.Session);
        Assert.False(events.HasMessages);
    }

    [Fact]
    public void Two_failed_rounds_raise_the_session_twice()
    {
        var peer = Peer(2);
        var node = StartNode(Node(1), peers: peer);
        var events = node.Subscribe();
        node.Join();
        node.State();
        Advance(Defaults.GatherTimeout);

        for (var session = 1; session <= 2; session++)
        {
            Assert.Equal(session, peer.Expect(PreVote).ProposedSession);
            peer.Send(node.Actor, peer.Message(Reply, session - 1, status: ElectionStatus.Idle, granted: true));
            events.ExpectMsg<ElectionStarted>(e => e.Session == session);
            node.State();
            Advance(Defaults.ElectionTimeout * 1.5);
            events.ExpectMsg<ElectionTimedOut>(e => e.Session == session);
        }
        Assert.Equal(2, node.State().Session);
    }

    [Fact]
    public void More_commands_seen_break_a_seniority_tie()
    {
        var p2 = Peer(2, minutesAgo: 60, commands: 10);
        var p3 = Peer(3, minutesAgo: 60, commands: 11);
        var (node, _) = this.Campaigning(null, p2, p3);
        p2.Send(node.Actor, p2.Message(Campaign, 1));
        p3.Send(node.Actor, p3.Message(Campaign, 1));

        Assert.Equal(p3.Node, p2.ExpectVote(1).VoteFor);
    }

    [Fact]
    public void Priority_beats_seniority()
    {
        var senior = Peer(2, minutesAgo: 600);
        var preferred = Peer(3, minutesAgo: 1, priority: 5);
        var (node, _) = this.Campaigning(null, senior, preferred);
        senior.Send(node.Actor, senior.Message(Campaign, 1));
        preferred.Send(node.Actor, preferred.Message(Campaign, 1));

        Assert.Equal(preferred.Node, senior.ExpectVote(1).VoteFor);
    }

    [Fact]
    public void A_newcomer_follows_a_stable_master_without_any_election()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var node = StartNode(Node(1), peers: [master, p3]);
        var events = node.Subscribe();
        node.Join();
        master.Expect(Hello);
        master.Electorate = new Electorate(new ElectorateVersion(4, 1), [master.Node, p3.Node]);
        master.Send(node.Actor, master.Message(Reply, 4, master: master.Node, status: ElectionStatus.Master));
        events.ExpectMsg<NewMaster>(e => e.Master.Equals(master.Node) && e.Session == 4);

        this.AdvanceWithMasterAnnouncing(node, master, 4, Defaults.ElectionTimeout * 3); // a stable master keeps announcing itself
        var state = node.State();

        Assert.Equal(ElectionStatus.Follower, state.Status);
        Assert.Equal(4, state.Session);
        Assert.False(events.HasMessages); // no ElectionStarted, no second NewMaster
        while (p3.Probe.HasMessages) Assert.Equal(Hello, p3.Probe.ExpectMsg<ElectionMessage>().Kind);
    }
}
