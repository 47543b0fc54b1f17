using Actors.Election.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Protocol;

/// <summary>
/// What makes a failover fast: a follower acts on the election's own evidence, not on Akka's failure detector. A master
/// silent for failure-timeout counts as gone whatever the detector says yet (detectors on different nodes flag a crash
/// moments apart, and may flag a master that is still heard); a lost connection to the master (its process died) sends
/// the follower to a pre-vote at once, which the others grant only when they no longer hear the master either. A
/// pre-vote that every reachable peer answered opens the session with a nomination that every voter follows at once, each
/// vote going to its candidate only.
/// </summary>
public sealed class FastFailoverSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    // Longer than a master may be silent (failure-timeout) before it counts as gone.
    private static readonly TimeSpan Silence = Defaults.FailureTimeout + TimeSpan.FromMilliseconds(1);

    [Fact]
    public void A_follower_whose_master_went_silent_grants_a_pre_vote_before_its_own_detector_notices()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 4, others: p3);
        Advance(Silence); // the failure detector never flags the master: silence alone is the evidence
        events.ExpectMsg<MasterLost>(e => e.Master.Equals(master.Node) && e.Session == 4);

        p3.Send(node.Actor, p3.Message(PreVote, 5, status: ElectionStatus.Idle));
        Assert.True(p3.Expect(Reply).Granted);

        p3.Send(node.Actor, p3.Message(Campaign, 5));
        Assert.Equal(5, p3.Expect(Campaign).ProposedSession); // joins the campaign
        Assert.Equal(ElectionStatus.Campaigning, node.State().Status);
        events.ExpectMsg<ElectionStarted>(e => e.Session == 5);
    }

    [Fact]
    public void A_master_that_keeps_announcing_is_still_live_after_the_same_time()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 4, others: p3);
        Advance(Defaults.HeartbeatInterval);
        master.Send(node.Actor, master.Message(Announce, 4, master: master.Node, status: ElectionStatus.Master));
        node.State();
        Advance(Silence - Defaults.HeartbeatInterval);

        p3.Send(node.Actor, p3.Message(PreVote, 5, status: ElectionStatus.Idle));
        Assert.False(p3.Expect(Reply).Granted);
        Assert.Equal(ElectionStatus.Follower, node.State().Status);
        Assert.False(events.HasMessages);
    }

    [Fact]
    public void A_silent_master_is_lost_after_failure_timeout_without_any_detector_verdict()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 4, others: p3);

        Advance(Defaults.FailureTimeout); // silent for exactly failure-timeout: still live
        Assert.Equal(ElectionStatus.Follower, node.State().Status);
        Assert.False(events.HasMessages);
        while (p3.Probe.HasMessages) Assert.Equal(Hello, p3.Probe.ExpectMsg<ElectionMessage>().Kind);

        Advance(TimeSpan.FromMilliseconds(1));

        events.ExpectMsg<MasterLost>(e => e.Master.Equals(master.Node) && e.Session == 4);
        Assert.Equal(5, p3.Expect(PreVote).ProposedSession);
    }

    [Fact]
    public void A_master_flagged_unreachable_but_still_heard_keeps_its_seat()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 4, others: p3);

        // The detector flags the master (a lagging detector, a pause longer than its acceptable pause) and never takes it
        // back, while the master's announcements keep coming, for longer than every timeout a follower has.
        node.Unreachable(master);
        this.AdvanceWithMasterAnnouncing(node, master, 4, Defaults.FailureTimeout * 3 + Defaults.ConnectionDelay * 3);

        var state = node.State();
        Assert.Equal(ElectionStatus.Follower, state.Status);
        Assert.Equal(master.Node, state.Master);
        Assert.Equal(4, state.Session);
        Assert.False(events.HasMessages);
        while (p3.Probe.HasMessages) Assert.Equal(Hello, p3.Probe.ExpectMsg<ElectionMessage>().Kind); // no pre-vote, no campaign
        p3.Send(node.Actor, p3.Message(PreVote, 5, status: ElectionStatus.Idle));
        Assert.False(p3.Expect(Reply).Granted); // and it protects its master's seat
    }

    [Fact]
    public void A_lost_connection_to_the_master_starts_a_pre_vote_at_once_which_peers_that_still_hear_the_master_refuse()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 4, others: p3);

        node.ConnectionLost(master); // no time passes: no failure-timeout, no detector

        Assert.Equal(5, p3.Expect(PreVote).ProposedSession);
        p3.Send(node.Actor, p3.Message(Reply, 4, master: master.Node, status: ElectionStatus.Follower)); // p3 still hears it: refused
        node.State();
        Advance(Defaults.GatherTimeout); // the pre-vote ends without a quorum

        var state = node.State();
        Assert.Equal(ElectionStatus.Follower, state.Status); // one broken link unseats nobody
        Assert.Equal(master.Node, state.Master);
        Assert.Equal(4, state.Session);
        Assert.False(events.HasMessages); // no MasterLost, no session opened
        Assert.False(p3.Probe.HasMessages); // no campaign

        // Heard again, the master is live again: this node now refuses pre-votes itself.
        master.Send(node.Actor, master.Message(Announce, 4, master: master.Node, status: ElectionStatus.Master));
        p3.Send(node.Actor, p3.Message(PreVote, 5, status: ElectionStatus.Idle));
        Assert.False(p3.Expect(Reply).Granted);
        Assert.False(events.HasMessages);
    }

    [Fact]
    public void A_crashed_master_is_replaced_without_waiting_for_failure_timeout()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var p4 = Peer(4);
        var (node, events) = this.FollowingMaster(master, 4, others: [p3, p4]);

        // The master's process died: its connections close on every node at once, so the others no longer hear it either.
        node.ConnectionLost(master);
        foreach (var peer in new[] { p3, p4 })
        {
            Assert.Equal(5, peer.Expect(PreVote).ProposedSession);
            peer.Send(node.Actor, peer.Message(Reply, 4, master: master.Node, status: ElectionStatus.Follower, granted: true));
        }

        events.ExpectMsg<MasterLost>(e => e.Master.Equals(master.Node) && e.Session == 4);
        events.ExpectMsg<ElectionStarted>(e => e.Session == 5);
        foreach (var peer in new[] { p3, p4 })
        {
            Assert.Equal(node.Self, peer.Expect(Campaign, m => m.ProposedSession == 5).VoteFor); // nominated: the most senior
            peer.Send(node.Actor, peer.Message(Campaign, 5, voteFor: node.Self));
        }
        events.ExpectMsg<ElectedMaster>(e => e.Session == 5);
        Assert.Equal(ElectionStatus.Master, node.State().Status); // and no time has passed at all
    }

    [Fact]
    public void A_complete_pre_vote_opens_the_session_with_a_vote_for_the_best_ranked_that_granted()
    {
        var master = Peer(2);
        var senior = Peer(3, minutesAgo: 600);
        var junior = Peer(4, minutesAgo: 1);
        var (node, events) = this.FollowingMaster(master, 4, others: [senior, junior]);
        this.LoseMaster(node, events, master, 4, senior, junior);

        var opening = junior.Expect(Campaign, m => m.ProposedSession == 5);
        Assert.Equal(senior.Node, opening.VoteFor); // broadcast: every voter learns the nominee from the opener
        Assert.Equal(senior.Node, senior.Expect(Campaign, m => m.ProposedSession == 5).VoteFor);
        events.ExpectMsg<ElectionStarted>(e => e.Session == 5);
    }

    [Fact]
    public void A_pre_vote_that_timed_out_opens_a_gather_without_a_nomination()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var p4 = Peer(4);
        var silent = Peer(5);
        var (node, events) = this.FollowingMaster(master, 4, others: [p3, p4, silent]);
        Advance(Silence);
        events.ExpectMsg<MasterLost>();
        foreach (var peer in new[] { p3, p4 })
        {
            Assert.Equal(5, peer.Expect(PreVote).ProposedSession);
            peer.Send(node.Actor, peer.Message(Reply, 4, master: master.Node, status: ElectionStatus.Follower, granted: true));
        }
        node.State();
        Advance(Defaults.GatherTimeout); // `silent` never answers: the node has not heard every status

        Assert.Null(p3.Expect(Campaign, m => m.ProposedSession == 5).VoteFor);
    }

    [Fact]
    public void A_joiner_follows_the_nomination_at_once_and_tells_only_the_nominee()
    {
        var master = Peer(2);
        var opener = Peer(3);
        var nominee = Peer(4, minutesAgo: 600);
        var bystander = Peer(5);
        var (node, events) = this.FollowingMaster(master, 4, others: [opener, nominee, bystander]);
        node.ConnectionLost(master); // the master died; this node no longer hears it, and the opener's pre-vote got a quorum
        foreach (var peer in new[] { opener, nominee, bystander }) Assert.Equal(5, peer.Expect(PreVote).ProposedSession); // its own, at once

        opener.Send(node.Actor, opener.Message(Campaign, 5, voteFor: nominee.Node));

        var vote = nominee.Expect(Campaign, m => m.ProposedSession == 5);
        Assert.Equal(nominee.Node, vote.VoteFor);
        node.State();
        Assert.DoesNotContain(Drain(opener), m => m.ProposedSession == 5);
        Assert.DoesNotContain(Drain(bystander), m => m.ProposedSession == 5);
        events.ExpectMsg<MasterLost>(e => e.Master.Equals(master.Node) && e.Session == 4); // it goes campaigning without its master
        events.ExpectMsg<ElectionStarted>(e => e.Session == 5);
    }

    private static List<ElectionMessage> Drain(PeerProbe peer)
    {
        var messages = new List<ElectionMessage>();
        while (peer.Probe.HasMessages) messages.Add(peer.Probe.ExpectMsg<ElectionMessage>());
        return messages;
    }

    [Fact]
    public void A_joiner_does_not_follow_a_nomination_of_a_removed_member()
    {
        var master = Peer(2);
        var opener = Peer(3);
        var removed = Peer(4, minutesAgo: 600);
        var (node, _) = this.FollowingMaster(master, 4, others: [opener, removed]);
        node.Removed(removed);
        node.ConnectionLost(master);

        opener.Send(node.Actor, opener.Message(Campaign, 5, voteFor: removed.Node));

        Assert.Null(opener.Expect(Campaign, m => m.ProposedSession == 5).VoteFor); // its own candidacy: a gather
    }

    [Fact]
    public void The_nominee_votes_for_itself_on_joining_and_wins_on_a_quorum_of_votes()
    {
        var master = Peer(2);
        var opener = Peer(3);
        var p4 = Peer(4);
        var (node, events) = this.FollowingMaster(master, 4, others: [opener, p4]);
        node.ConnectionLost(master);

        opener.Send(node.Actor, opener.Message(Campaign, 5, voteFor: node.Self));
        Assert.Equal(node.Self, p4.Expect(Campaign, m => m.ProposedSession == 5).VoteFor); // its candidacy, with its own vote
        events.ExpectMsg<MasterLost>(e => e.Master.Equals(master.Node) && e.Session == 4); // it goes campaigning without its master
        events.ExpectMsg<ElectionStarted>(e => e.Session == 5);
        p4.Send(node.Actor, p4.Message(Campaign, 5, voteFor: node.Self)); // 3 of 4: a majority

        events.ExpectMsg<ElectedMaster>(e => e.Session == 5);
        Assert.Equal(5, p4.Expect(Announce).ProposedSession);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_follower_grants_the_pre_vote_it_refused_moments_ago_once_it_loses_the_master_too(bool recent)
    {
        // Followers learn of a dead master moments apart: n3 asked first, while this node still heard the master. When
        // this node loses the master's connection within gather-timeout (n3 is still counting), it grants n3's pre-vote
        // instead of asking for one of its own; later, n3's pre-vote is over and it takes its turn as usual.
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, _) = this.FollowingMaster(master, 4, others: p3);
        p3.Send(node.Actor, p3.Message(PreVote, 5, status: ElectionStatus.Follower));
        Assert.False(p3.Expect(Reply).Granted);
        if (!recent) this.AdvanceWithMasterAnnouncing(node, master, 4, Defaults.GatherTimeout);

        node.ConnectionLost(master);
        var answer = p3.Probe.ExpectMsg<ElectionMessage>();
        Assert.Equal((recent ? Reply : PreVote, recent), (answer.Kind, answer.Granted));
    }
    [Theory]
    [InlineData(false, true)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public void Followers_that_lose_the_master_take_turns_to_ask(bool silent, bool firstOneAsks)
    {
        // {n1, n2, n3}: master n2 dies (its connections close) or hangs (every follower's failure-timeout runs out within
        // moments of the others'). n1 (first in node order) asks at once; n3 waits a tenth of gather-timeout and asks only
        // if n1 did not, so one pre-vote and one campaign replace the master, not one per follower.
        var (node, events, p1, master) = ThirdOfThree();

        if (silent) Advance(Silence);
        else node.ConnectionLost(master);
        Assert.Equal(ElectionStatus.Follower, node.State().Status);
        Assert.False(events.HasMessages, "no MasterLost yet: n3 waits for n1's turn");
        var step = Defaults.GatherTimeout / 10;
        Advance(step - TimeSpan.FromMilliseconds(1));
        Assert.False(p1.Probe.HasMessages, "n3 waits for n1's turn");
        if (firstOneAsks)
        {
            p1.Send(node.Actor, p1.Message(PreVote, 5, status: ElectionStatus.Follower));
            Assert.True(p1.Expect(Reply).Granted);
            Advance(step * 2);
            node.State();
            Assert.False(p1.Probe.HasMessages, "n1 asked: n3 does not ask as well");
            p1.Send(node.Actor, p1.Message(Campaign, 5, voteFor: p1.Node));
            events.ExpectMsg<MasterLost>(e => e.Master.Equals(master.Node) && e.Session == 4); // it joins without its master
            events.ExpectMsg<ElectionStarted>(e => e.Session == 5);
        }
        else
        {
            Advance(TimeSpan.FromMilliseconds(1));
            if (silent) events.ExpectMsg<MasterLost>(e => e.Master.Equals(master.Node) && e.Session == 4);
            Assert.Equal(5, p1.Expect(PreVote).ProposedSession);
        }
    }

    [Fact]
    public void A_follower_grants_the_pre_vote_it_refused_moments_ago_once_the_master_is_silent_for_it_too()
    {
        // The master's last announcement reached n1 a little earlier than this node: n1's failure-timeout ran out first and
        // it asked while this node still heard the master. When this node's own failure-timeout runs out moments later, it
        // grants n1's pre-vote instead of asking for one of its own.
        var (node, _, p1, _) = ThirdOfThree();
        Advance(Defaults.FailureTimeout - TimeSpan.FromMilliseconds(10));
        p1.Send(node.Actor, p1.Message(PreVote, 5, status: ElectionStatus.Idle));
        Assert.False(p1.Expect(Reply).Granted);

        Advance(TimeSpan.FromMilliseconds(11));

        Assert.True(p1.Expect(Reply).Granted);
        Advance(Defaults.GatherTimeout);
        node.State();
        Assert.False(p1.Probe.HasMessages, "n1 asked: this node does not ask as well");
    }

    [Fact]
    public void A_follower_whose_granted_pre_vote_led_to_no_campaign_asks_itself()
    {
        // n1 asked and this node granted, but n1's pre-vote got no quorum (or n1 died too): no campaign comes. The asker
        // opens within gather-timeout of asking, so twice that later this node declares the master lost and asks in turn.
        var (node, events, p1, master) = ThirdOfThree();
        Advance(Silence);
        p1.Send(node.Actor, p1.Message(PreVote, 5, status: ElectionStatus.Idle));
        Assert.True(p1.Expect(Reply).Granted);

        Advance(Defaults.GatherTimeout * 2 - TimeSpan.FromMilliseconds(1));
        Assert.False(events.HasMessages);
        Advance(TimeSpan.FromMilliseconds(1));

        events.ExpectMsg<MasterLost>(e => e.Master.Equals(master.Node) && e.Session == 4);
        Assert.Equal(5, p1.Expect(PreVote).ProposedSession);
    }

    /// <summary>Node n3 follows master n2 of session 4 in the electorate {n1, n2, n3}: n1 comes first in node order.</summary>
    private (NodeUnderTest Node, Akka.TestKit.TestProbe Events, PeerProbe First, PeerProbe Master) ThirdOfThree()
    {
        var p1 = Peer(1);
        var master = Peer(2);
        var node = StartNode(Node(3), Defaults, peers: [p1, master]);
        var events = node.Subscribe();
        node.Join();
        var electorate = new Electorate(new ElectorateVersion(4, 0), [p1.Node, master.Node, node.Self]);
        p1.Electorate = master.Electorate = electorate;
        master.Send(node.Actor, master.Message(Announce, 4, master: master.Node, status: ElectionStatus.Master));
        events.ExpectMsg<NewMaster>();
        while (p1.Probe.HasMessages) p1.Probe.ExpectMsg<ElectionMessage>();
        return (node, events, p1, master);
    }
}
