using Actors.Election.Tests.Support;
using Akka.Actor;
using Xunit;
using Xunit.Abstractions;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Protocol;

/// <summary>The protocol's properties: quorums, no disruption, split brain, step-down, promotion, eligibility.</summary>
public sealed class ProtocolPropertySpec(ITestOutputHelper output) : ElectionSpec(output)
{
    private static readonly ElectionSettings Reachable = Defaults.WithQuorum(QuorumMode.Reachable);

    [Fact]
    public void A_minority_electorate_elects_nobody_and_does_not_even_campaign()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var p4 = Peer(4);
        var p5 = Peer(5);
        var (node, events) = this.FollowingMaster(master, 2, others: [p3, p4, p5]);
        // A partition: the detector flags the master, p3 and p4, and the master's announcements stop.
        node.Unreachable(master);
        node.Unreachable(p3);
        node.Unreachable(p4);
        node.State();

        Advance(Defaults.FailureTimeout + TimeSpan.FromMilliseconds(1));
        events.ExpectMsg<MasterLost>();
        Advance(Defaults.ElectionTimeout * 5);

        var state = node.State();
        Assert.Equal(ElectionStatus.Idle, state.Status);
        Assert.Null(state.Master);
        Assert.False(events.HasMessages);
        while (p5.Probe.HasMessages) Assert.NotEqual(Campaign, p5.Probe.ExpectMsg<ElectionMessage>().Kind);
    }

    [Fact]
    public void Majority_mode_needs_a_majority_of_votes()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var p4 = Peer(4);
        var p5 = Peer(5);
        var (node, events) = this.FollowingMaster(master, 2, others: [p3, p4, p5]);
        this.LoseMaster(node, events, master, 2, p3, p4, p5);
        events.ExpectMsg<ElectionStarted>(e => e.Session == 3);

        foreach (var p in new[] { p3, p4, p5 }) p.Send(node.Actor, p.Message(Campaign, 3));
        Assert.Equal(node.Self, p3.ExpectVote(3).VoteFor); // heard everyone reachable: votes for itself, 1 of 5

        p3.Send(node.Actor, p3.Message(Campaign, 3, voteFor: node.Self));
        Assert.Equal(ElectionStatus.Campaigning, node.State().Status); // 2 of 5

        p4.Send(node.Actor, p4.Message(Campaign, 3, voteFor: node.Self));
        events.ExpectMsg<ElectedMaster>(e => e.Session == 3); // 3 of 5
    }

    [Fact]
    public void A_follower_that_hears_its_live_master_refuses_pre_votes_and_campaigns()
    {
        var master = Peer(2);
        var rogue = Peer(3);
        var (node, events) = this.FollowingMaster(master, 4, others: rogue);

        rogue.Send(node.Actor, rogue.Message(PreVote, 5, status: ElectionStatus.Idle));
        Assert.False(rogue.Expect(Reply).Granted);

        rogue.Send(node.Actor, rogue.Message(Campaign, 5));
        var reply = rogue.Expect(Reply);
        Assert.Equal(4, reply.ProposedSession);
        Assert.Equal(master.Node, reply.Master);

        var state = node.State();
        Assert.Equal(ElectionStatus.Follower, state.Status);
        Assert.Equal(4, state.Session);
        Assert.False(events.HasMessages);
    }

    [Fact]
    public void A_forced_promotion_is_joined_even_under_a_live_master()
    {
        var master = Peer(2);
        var promoted = Peer(3);
        var (node, events) = this.FollowingMaster(master, 4, others: promoted);

        promoted.Send(node.Actor, promoted.Message(Campaign, 5, forced: true));

        events.ExpectMsg<ElectionStarted>(e => e.Session == 5);
        node.State();
        Advance(Defaults.GatherTimeout); // the old master does not take part
        Assert.Equal(promoted.Node, promoted.ExpectVote(5).VoteFor);
    }

    [Fact]
    public void ForceMaster_with_peers_wins_as_a_promotion_with_a_quorum()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 4, others: p3);

        node.Actor.Tell(ForceMaster.Instance);
        events.ExpectMsg<ElectionStarted>(e => e.Session == 5);
        master.Send(node.Actor, master.Message(Campaign, 5, voteFor: node.Self));
        p3.Send(node.Actor, p3.Message(Campaign, 5));

        events.ExpectMsg<ElectedMaster>(e => e.Session == 5);
        events.ExpectMsg<NewMaster>(e => e.Master.Equals(node.Self));
    }

    [Fact]
    public void A_master_that_loses_its_majority_steps_down_after_connection_delay()
    {
        var p2 = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.ElectedMaster(peers: [p2, p3]);

        node.Unreachable(p2);
        node.State();
        Advance(Defaults.ConnectionDelay * 3);
        Assert.Equal(ElectionStatus.Master, node.State().Status); // 2 of 3 still reachable

        node.Unreachable(p3);
        node.State();
        Advance(Defaults.ConnectionDelay - TimeSpan.FromMilliseconds(1));
        Assert.Equal(ElectionStatus.Master, node.State().Status);
        Advance(TimeSpan.FromMilliseconds(1));

        events.ExpectMsg<SteppedDown>(e => e.Session == 1 && e.Reason == StepDownReason.QuorumLost);
        Assert.Equal(ElectionStatus.Idle, node.State().Status);
    }

    [Fact]
    public void StepDown_hands_over_to_the_next_best_in_the_next_session()
    {
        var p2 = Peer(2, minutesAgo: 5);
        var p3 = Peer(3, minutesAgo: 8);
        var (node, events) = this.ElectedMaster(peers: [p2, p3]);

        Assert.True(node.StepDown().SteppedDown);
        events.ExpectMsg<SteppedDown>(e => e.Reason == StepDownReason.Requested);
        events.ExpectMsg<ElectionStarted>(e => e.Session == 2);
        p2.Send(node.Actor, p2.Message(Campaign, 2, voteFor: p3.Node));
        p3.Send(node.Actor, p3.Message(Campaign, 2, voteFor: p3.Node));
        Assert.Equal(p3.Node, p3.ExpectVote(2).VoteFor); // the old master sits the session out; the vote goes to its candidate

        p3.Send(node.Actor, p3.Message(Announce, 2, voteFor: p3.Node, master: p3.Node, status: ElectionStatus.Master));
        events.ExpectMsg<NewMaster>(e => e.Master.Equals(p3.Node) && e.Session == 2);
        Assert.Equal(ElectionStatus.Follower, node.State().Status);
    }

    [Fact]
    public void StepDown_on_a_non_master_changes_nothing()
    {
        var master = Peer(2);
        var (node, events) = this.FollowingMaster(master, 3, others: Peer(3));
        Assert.False(node.StepDown().SteppedDown);
        Assert.Equal(ElectionStatus.Follower, node.State().Status);
        Assert.False(events.HasMessages);
    }

    [Fact]
    public void A_node_with_candidate_off_never_wins_even_alone()
    {
        var node = StartNode(Node(1), Defaults.WithCandidate(false));
        var events = node.Subscribe();
        node.Join();
        node.State();
        Advance(Defaults.GatherTimeout);
        events.ExpectMsg<ElectionStarted>(e => e.Session == 1);
        node.State();
        Advance(Defaults.ElectionTimeout * 1.5);
        events.ExpectMsg<ElectionTimedOut>(e => e.Session == 1);
        Assert.NotEqual(ElectionStatus.Master, node.State().Status);
    }

    [Fact]
    public void A_node_with_candidate_off_votes_for_an_eligible_junior()
    {
        var junior = Peer(2, minutesAgo: 1);
        var (node, _) = this.Campaigning(Defaults.WithCandidate(false), junior);
        var campaign = junior.Expect(Campaign);
        Assert.False(campaign.Candidate);
        Assert.Equal(junior.Node, campaign.VoteFor); // named from the pre-vote answers: the only eligible one
    }

    [Fact]
    public void Reachable_mode_merges_a_split_brain_under_the_higher_ranked_master()
    {
        var p2 = Peer(2);
        var other = Peer(3, minutesAgo: 1); // ranks below the node under test
        var (node, events) = this.ElectedMaster(Reachable, peers: [p2, other]);
        other.Electorate = new Electorate(new ElectorateVersion(1, 0), [other.Node]); // same version: seniority decides

        other.Send(node.Actor, other.Message(Announce, 4, voteFor: other.Node, master: other.Node, status: ElectionStatus.Master));

        events.ExpectMsg<SplitBrainDetected>(e => e.Masters.Contains(node.Self) && e.Masters.Contains(other.Node));
        events.ExpectMsg<SteppedDown>(e => e.Reason == StepDownReason.SplitBrain);
        events.ExpectMsg<ElectionStarted>(e => e.Session == 5);
        Assert.Equal(5, other.Expect(Campaign).ProposedSession);
    }

    [Fact]
    public void Reachable_mode_lower_ranked_master_steps_down_and_releases_its_followers()
    {
        var p2 = Peer(2);
        var other = Peer(3, minutesAgo: 600); // ranks above the node under test; was on the other side of a partition
        var (node, events) = this.ElectedMaster(Reachable, peers: p2);
        node.AddPeer(other);
        other.Electorate = new Electorate(new ElectorateVersion(4, 0), [other.Node]); // its side's newer electorate

        other.Send(node.Actor, other.Message(Announce, 4, voteFor: other.Node, master: other.Node, status: ElectionStatus.Master));

        events.ExpectMsg<SplitBrainDetected>();
        events.ExpectMsg<SteppedDown>(e => e.Reason == StepDownReason.SplitBrain);
        Assert.Equal(ElectionStatus.Idle, node.State().Status);
        var release = p2.Expect(Reply);
        Assert.Null(release.Master);

        other.Send(node.Actor, other.Message(Campaign, 5));
        events.ExpectMsg<ElectionStarted>(e => e.Session == 5);
    }

    [Fact]
    public void Reachable_mode_master_keeps_its_seat_until_the_detector_agrees_a_higher_session_is_reachable()
    {
        var p2 = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.ElectedMaster(Reachable, peers: [p2, p3]);
        node.Unreachable(p3); // p3's side of a partition moved on to session 6; the link heals before the detector sees it

        p3.Send(node.Actor, p3.Message(Campaign, 6));
        Assert.Equal(1, p3.Expect(Reply).ProposedSession); // answered, not joined: it would win its own merge alone
        p3.Send(node.Actor, p3.Message(Reply, 6, status: ElectionStatus.Idle));
        Assert.Equal(ElectionStatus.Master, node.State().Status);
        Assert.False(events.HasMessages);

        node.Reachable(p3);
        p3.Send(node.Actor, p3.Message(Campaign, 7));
        events.ExpectMsg<SteppedDown>(e => e.Reason == StepDownReason.HigherSession);
        events.ExpectMsg<ElectionStarted>(e => e.Session == 7);
    }

    [Fact]
    public void Reachable_mode_higher_ranked_master_in_the_higher_session_keeps_its_seat_when_a_lower_session_master_appears()
    {
        var oldMaster = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(oldMaster, 4, Reachable, others: p3);
        this.LoseMaster(node, events, oldMaster, 4, p3);
        p3.ExpectVote(5);
        p3.Send(node.Actor, p3.Message(Campaign, 5, voteFor: node.Self));
        events.ExpectMsg<ElectionStarted>(e => e.Session == 5);
        events.ExpectMsg<ElectedMaster>(e => e.Session == 5);
        events.ExpectMsg<NewMaster>(e => e.Master.Equals(node.Self));

        // The other side of a healed partition elected a junior in session 3. Its claim may arrive after it already
        // stepped down on our announcement and follows us (seed 9009): a merging session would only unseat us again.
        var other = Peer(4, minutesAgo: 1);
        other.Electorate = new Electorate(new ElectorateVersion(3, 0), [other.Node]);
        node.AddPeer(other);
        other.Expect(Announce); // a master greets a newcomer
        other.Send(node.Actor, other.Message(Reply, 3, voteFor: other.Node, master: other.Node, status: ElectionStatus.Master));

        events.ExpectMsg<SplitBrainDetected>(e => e.Masters.Contains(node.Self) && e.Masters.Contains(other.Node));
        Assert.Equal(5, other.Expect(Announce, m => m.ProposedSession == 5 && node.Self.Equals(m.Master)).ProposedSession);
        var state = node.State();
        Assert.Equal(ElectionStatus.Master, state.Status);
        Assert.Equal(5, state.Session);
        Assert.False(events.HasMessages); // neither stepped down nor re-elected
    }

    [Fact]
    public void Reachable_mode_newcomer_drops_an_electorate_whose_voters_all_left_before_it_joined()
    {
        var crashed = Peer(0);
        var survivor = Peer(2);
        var leftBeforeWeJoined = Node(5); // never in this node's membership view: it cannot see it removed
        var node = StartNode(Node(1), Reachable, null, crashed, survivor);
        var events = node.Subscribe();
        node.Join();
        node.Unreachable(crashed);

        // The survivor still shows the electorate of the old cluster; the newcomer takes it as the first one it sees.
        survivor.Electorate = new Electorate(new ElectorateVersion(1, 0), [crashed.Node, leftBeforeWeJoined]);
        survivor.Send(node.Actor, survivor.Message(Reply, 2, status: ElectionStatus.Idle));
        Assert.Equal(new ElectorateVersion(1, 0), node.State().ElectorateVersion);

        // Its last voter in view is removed. Without starting again from the membership, only non-members would be left
        // to vote and no vote would ever count: it would never even open a session (seed 4823).
        node.Removed(crashed);
        survivor.Electorate = Electorate.Bootstrap([survivor.Node, node.Self]);
        Assert.True(node.State().ElectorateVersion.IsBootstrap);
        Advance(Defaults.GatherTimeout);

        Assert.Equal(3, survivor.Expect(PreVote).ProposedSession);
        survivor.Send(node.Actor, survivor.Message(Reply, 2, status: ElectionStatus.Idle, granted: true));
        survivor.Expect(Campaign, m => m.ProposedSession == 3);
        survivor.Send(node.Actor, survivor.Message(Campaign, 3, voteFor: node.Self));
        events.ExpectMsg<ElectionStarted>(e => e.Session == 3);
        events.ExpectMsg<ElectedMaster>(e => e.Session == 3);
    }

    [Fact]
    public void Majority_mode_stale_master_gives_way_to_a_higher_session()
    {
        var p2 = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.ElectedMaster(peers: [p2, p3]);

        p3.Send(node.Actor, p3.Message(Announce, 3, voteFor: p3.Node, master: p3.Node, status: ElectionStatus.Master));

        events.ExpectMsg<SteppedDown>(e => e.Reason == StepDownReason.HigherSession);
        events.ExpectMsg<NewMaster>(e => e.Master.Equals(p3.Node) && e.Session == 3);
        Assert.False(events.HasMessages); // not a split brain: sessions differ
    }

    [Fact]
    public void A_master_admits_newcomers_one_at_a_time_after_acknowledgement_each_through_a_joint_stage()
    {
        var p2 = Peer(2);
        var (node, _) = this.ElectedMaster(peers: p2);
        Assert.Equal(new ElectorateVersion(1, 0), p2.Electorate.Version);

        var p3 = Peer(3);
        var p4 = Peer(4);
        node.AddPeer(p3);
        node.AddPeer(p4);

        // {node, p2}: the node is the lowest member, so its own acknowledgement is half with the lowest member, a quorum:
        // v1.0 is committed at once and the first change starts, as a joint stage that a quorum of {node, p2, p3} must
        // acknowledge before anything else changes.
        var joint = p2.Expect(Announce, m => m.Electorate.Version == new ElectorateVersion(1, 1));
        p2.Electorate = joint.Electorate;
        Assert.Equal([node.Self, p2.Node, p3.Node], joint.Electorate.Members);
        Assert.Equal([node.Self, p2.Node], joint.Electorate.Outgoing);
        Assert.Equal(3, node.State().Electorate.Count);

        ElectionMessage Acknowledge(long sequence)
        {
            p2.Send(node.Actor, p2.Message(Reply, 1, master: node.Self, status: ElectionStatus.Follower));
            var next = p2.Expect(Announce, m => m.Electorate.Version == new ElectorateVersion(1, sequence));
            p2.Electorate = next.Electorate;
            return next;
        }

        var admitted = Acknowledge(2);
        Assert.Equal([node.Self, p2.Node, p3.Node], admitted.Electorate.Members);
        Assert.False(admitted.Electorate.IsJoint);
        var next = Acknowledge(3);
        Assert.Contains(p4.Node, next.Electorate.Members);
        Assert.True(next.Electorate.IsJoint);
    }

    [Fact]
    public void A_removed_member_leaves_the_electorate_and_stops_counting()
    {
        var p2 = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.ElectedMaster(peers: [p2, p3]);
        node.Unreachable(p2);
        node.Removed(p2);
        node.Unreachable(p3);
        node.State();
        Advance(Defaults.ConnectionDelay);
        // {node, p2, p3} with p2 removed and p3 unreachable: one reachable voter is no majority of three
        events.ExpectMsg<SteppedDown>(e => e.Reason == StepDownReason.QuorumLost);
        var state = node.State();
        Assert.Contains(p2.Node, state.Electorate); // until a master announces an electorate without it
        Assert.DoesNotContain(p2.Node, state.Reachable);
    }

    [Fact]
    public void A_leaving_member_is_dropped_while_it_can_still_acknowledge_so_the_survivor_keeps_its_majority()
    {
        var p2 = Peer(2);
        var (node, events) = this.ElectedMaster(peers: p2);
        p2.Send(node.Actor, p2.Message(Reply, 1, master: node.Self, status: ElectionStatus.Follower)); // acknowledges v1.0

        node.Leaving(p2);

        var announce = p2.Expect(Announce, m => m.Electorate.Version == new ElectorateVersion(1, 1));
        Assert.Equal(new[] { node.Self }, announce.Electorate.Members);
        node.Unreachable(p2);
        node.Removed(p2);
        node.State();
        Advance(Defaults.ConnectionDelay * 5);
        Assert.Equal(ElectionStatus.Master, node.State().Status);
        Assert.False(events.HasMessages); // no step-down
    }

    [Fact]
    public void Hostile_values_are_ignored_and_change_nothing()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 3, others: p3);

        p3.Send(node.Actor, p3.Message(Campaign, long.MaxValue));
        p3.Send(node.Actor, p3.Message(Campaign, -1));
        p3.Send(node.Actor, p3.Message(Announce, 4, master: master.Node, status: ElectionStatus.Master)); // not from the master it names
        p3.Send(node.Actor, p3.Message(Campaign, 9, clock: long.MaxValue));
        var imposter = new ElectionMessage(Announce, ElectionStatus.Master, 1, p3.Seniority, 9, 0, node.Self, node.Self, node.Self, 0, true, false, false, p3.Electorate);
        p3.Send(node.Actor, imposter);
        var outsider = Peer(9);
        outsider.Send(node.Actor, outsider.Message(Announce, 10, master: outsider.Node, status: ElectionStatus.Master));

        var state = node.State();
        Assert.Equal(ElectionStatus.Follower, state.Status);
        Assert.Equal(3, state.Session);
        Assert.Equal(master.Node, state.Master);
        Assert.False(events.HasMessages);
    }

    [Fact]
    public void Subscribers_get_a_snapshot_first_then_events()
    {
        var node = StartNode(Node(1));
        var subscriber = CreateTestProbe();
        node.Actor.Tell(new SubscribeElection(subscriber.Ref));
        Assert.Equal(ElectionStatus.Idle, subscriber.ExpectMsg<ElectionState>().Status);
        node.Join();
        node.State();
        Advance(Defaults.GatherTimeout);
        subscriber.ExpectMsg<ElectionStarted>();
        node.Actor.Tell(new UnsubscribeElection(subscriber.Ref));
        node.State();
        subscriber.ReceiveWhile<object>(o => o is not null, msgs: 10); // drain what was sent before unsubscribing
        node.Actor.Tell(StepDown.Instance);
        node.State();
        Assert.False(subscriber.HasMessages);
    }
}
