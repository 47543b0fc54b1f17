using Actors.Election.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Protocol;

/// <summary>Regressions for the defects the seeded simulation found (tests/Actors.Election.Simulation.Tests).</summary>
public sealed class SimulationFoundSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    [Fact]
    public void A_follower_whose_master_abdicates_retries_by_itself()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, _) = this.FollowingMaster(master, 3, others: p3);

        master.Send(node.Actor, master.Message(Reply, 3, status: ElectionStatus.Idle)); // stepped down: quorum lost
        Assert.Equal(ElectionStatus.Idle, node.State().Status);
        Advance(Defaults.ElectionTimeout * 1.5);

        Assert.Equal(4, p3.Expect(PreVote).ProposedSession);
    }

    [Fact]
    public void A_master_that_abdicated_counts_as_reachable_however_long_it_stays_silent()
    {
        // {n1, n2, n3}: n3 is flagged unreachable, and n2 abdicates. Nobody writes to an idle node, so n2 stays silent for
        // longer than failure-timeout; still, {n1, n2} is a reachable quorum and n1's retries ask it for a pre-vote.
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, _) = this.FollowingMaster(master, 3, others: p3);
        node.Unreachable(p3);

        master.Send(node.Actor, master.Message(Reply, 3, status: ElectionStatus.Idle)); // stepped down
        Assert.Equal(ElectionStatus.Idle, node.State().Status);
        Advance(Defaults.ElectionTimeout * 1.5);

        Assert.Equal(4, master.Expect(PreVote).ProposedSession);
    }

    [Fact]
    public void A_master_re_elects_above_a_member_stuck_masterless_in_a_higher_session()
    {
        var p2 = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.ElectedMaster(peers: [p2, p3]);

        p3.Send(node.Actor, p3.Message(Reply, 6, status: ElectionStatus.Idle)); // its promotion timed out

        events.ExpectMsg<SteppedDown>(e => e.Reason == StepDownReason.HigherSession);
        events.ExpectMsg<ElectionStarted>(e => e.Session == 7);
        Assert.Equal(7, p2.Expect(Campaign).ProposedSession);
    }

    [Fact]
    public void A_session_only_heard_of_is_never_proposed_again()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 3, others: p3);
        p3.Send(node.Actor, p3.Message(Reply, 9, master: Node(7), status: ElectionStatus.Follower)); // hearsay of session 9

        this.LoseMaster(node, events, master, 3);

        Assert.Equal(10, p3.Expect(PreVote).ProposedSession);
    }

    [Fact]
    public void A_node_outside_the_electorate_can_be_elected_by_its_voters()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var p4 = Peer(4);
        var (node, events) = this.FollowingMaster(master, 3, others: [p3, p4]);
        var withoutNode = new Electorate(new ElectorateVersion(3, 1), [master.Node, p3.Node, p4.Node]);
        master.Electorate = p3.Electorate = p4.Electorate = withoutNode;
        master.Send(node.Actor, master.Message(Announce, 3, master: master.Node, status: ElectionStatus.Master));
        Assert.DoesNotContain(node.Self, node.State().Electorate);

        // Outside the electorate, it asks last: after the turns of the electorate's three voters passed unused.
        this.LoseMasterInTurn(node, events, master, 3, 3, p3, p4);
        foreach (var p in new[] { p3, p4 }) p.Send(node.Actor, p.Message(Campaign, 4, voteFor: node.Self));

        events.ExpectMsg<ElectionStarted>(e => e.Session == 4);
        events.ExpectMsg<ElectedMaster>(e => e.Session == 4);
    }

    [Fact]
    public void A_newcomer_takes_the_announced_electorate_a_member_shows_it()
    {
        var survivor = Peer(2, candidate: false);
        var node = StartNode(Node(1), peers: survivor);
        node.Join();
        survivor.Expect(Hello);
        survivor.Electorate = new Electorate(new ElectorateVersion(3, 4), [survivor.Node, Node(7)]); // its master is gone

        survivor.Send(node.Actor, survivor.Message(Reply, 3, status: ElectionStatus.Idle));

        Assert.Equal(new ElectorateVersion(3, 4), node.State().ElectorateVersion);
    }

    [Fact]
    public void A_node_without_a_live_master_takes_a_newer_electorate_a_member_shows_it()
    {
        // D8 (seed 1975): the master dropped a leaver, only a non-candidate acknowledged that, then the master was removed.
        // The non-candidate votes only for candidates as up to date as it is, and this node needs its vote.
        var master = Peer(2);
        var holder = Peer(3, candidate: false);
        var leaver = Peer(4);
        var (node, events) = this.FollowingMaster(master, 1, others: [holder, leaver]);
        var newer = new Electorate(new ElectorateVersion(1, 1), [node.Self, master.Node, holder.Node]);
        node.Removed(leaver);
        node.Removed(master);
        node.State();
        Advance(Defaults.ConnectionDelay);
        events.ExpectMsg<MasterLost>(e => e.Session == 1);
        Assert.Equal(2, holder.Expect(PreVote).ProposedSession);

        holder.Electorate = newer;
        holder.Send(node.Actor, holder.Message(Reply, 1, status: ElectionStatus.Idle, granted: true));
        Assert.Equal(newer.Version, node.State().ElectorateVersion);
        holder.Expect(Campaign, m => m.ProposedSession == 2);
        holder.Send(node.Actor, holder.Message(Campaign, 2, voteFor: node.Self));

        events.ExpectMsg<ElectionStarted>(e => e.Session == 2);
        events.ExpectMsg<ElectedMaster>(e => e.Session == 2);
    }

    [Fact]
    public void A_member_outranks_a_newcomer_that_never_saw_a_removed_member()
    {
        // D10 (seeds 1 and 887): the electorate is this node and a member removed before the newcomer joined. This node
        // saw it go and counts its own vote as a quorum; the newcomer would wait for ever for the removed member's vote.
        var gone = Peer(7);
        var newcomer = Peer(2, minutesAgo: 20); // more senior than this node
        var node = StartNode(Node(1), peers: gone);
        var events = node.Subscribe();
        node.Join();
        gone.Electorate = newcomer.Electorate = new Electorate(new ElectorateVersion(2, 2), [node.Self, gone.Node]);
        gone.Send(node.Actor, gone.Message(Announce, 2, master: gone.Node, status: ElectionStatus.Master));
        events.ExpectMsg<NewMaster>(e => e.Master.Equals(gone.Node));
        node.AddPeer(newcomer);
        node.Removed(gone);
        node.State();
        Advance(Defaults.ConnectionDelay);
        events.ExpectMsg<MasterLost>(e => e.Session == 2);
        Assert.Equal(3, newcomer.Expect(PreVote).ProposedSession);
        newcomer.Send(node.Actor, newcomer.Message(Reply, 0, status: ElectionStatus.Idle, granted: true));

        // The pre-vote's nominee is this node, the member, although the newcomer is more senior.
        Assert.Equal(node.Self, newcomer.Expect(Campaign, m => m.ProposedSession == 3).VoteFor);
        events.ExpectMsg<ElectionStarted>(e => e.Session == 3);
        events.ExpectMsg<ElectedMaster>(e => e.Session == 3);
    }

    [Fact]
    public void A_pre_vote_waits_for_every_reachable_peer_even_when_its_own_grant_is_a_quorum()
    {
        var p2 = Peer(2);
        var node = StartNode(Node(1), peers: p2);
        node.Join();
        p2.Expect(Hello);
        // An electorate of this node alone (the others were removed): its own grant is a quorum.
        p2.Electorate = new Electorate(new ElectorateVersion(1, 3), [node.Self]);
        p2.Send(node.Actor, p2.Message(Reply, 1, status: ElectionStatus.Idle));
        node.State();
        Advance(Defaults.GatherTimeout);
        p2.Expect(PreVote);
        Assert.Equal(ElectionStatus.Idle, node.State().Status); // waits for p2's answer

        p2.Send(node.Actor, p2.Message(Reply, 6, status: ElectionStatus.Idle)); // p2 has seen session 6

        var campaign = p2.Expect(Campaign);
        Assert.Equal(7, campaign.ProposedSession);
    }

    [Fact]
    public void Messages_from_outside_the_membership_other_than_hello_are_ignored()
    {
        var p2 = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.ElectedMaster(peers: [p2, p3]);
        var outsider = Peer(9);

        outsider.Send(node.Actor, outsider.Message(Reply, 50, status: ElectionStatus.Campaigning));
        outsider.Send(node.Actor, outsider.Message(Hello, 0, status: ElectionStatus.Idle));

        Assert.Equal(1, outsider.Expect(Reply).ProposedSession); // a hello is answered
        var state = node.State();
        Assert.Equal(ElectionStatus.Master, state.Status);
        Assert.Equal(1, state.Session);
        Assert.False(events.HasMessages);
    }

    [Fact]
    public void A_node_does_not_join_a_campaign_for_a_session_it_had_already_heard_used()
    {
        // Seed 6425 (majority): a newcomer heard of session 1 from a member (its master had been elected in it); later,
        // with that member gone, another newcomer campaigned for session 1 again and the first one joined and won it:
        // two masters of session 1. Like a Raft term below the current one, a session already used is not joined.
        var veteran = Peer(2);
        var latecomer = Peer(3);
        var node = StartNode(Node(1), peers: [veteran, latecomer]);
        var events = node.Subscribe();
        node.Join();
        veteran.Send(node.Actor, veteran.Message(Reply, 1, status: ElectionStatus.Idle)); // session 1 was used
        node.State();

        latecomer.Send(node.Actor, latecomer.Message(Campaign, 1));
        Assert.Equal(0, latecomer.Expect(Reply).ProposedSession); // answered, not joined
        Assert.Equal(ElectionStatus.Idle, node.State().Status);

        latecomer.Send(node.Actor, latecomer.Message(Campaign, 2));
        events.ExpectMsg<ElectionStarted>(e => e.Session == 2);
        Assert.Equal(2, latecomer.Expect(Campaign).ProposedSession);
    }

    [Fact]
    public void A_campaign_heard_first_from_another_joiner_is_still_joined_when_the_master_hands_over()
    {
        // The cluster tests' hand-over: the other follower's candidacy for the new session arrived before the stepping
        // down master's campaign (different links). That session is open, not settled: it must still be joined.
        var master = Peer(2);
        var other = Peer(3);
        var (node, events) = this.FollowingMaster(master, 1, others: other);

        other.Send(node.Actor, other.Message(Campaign, 2)); // refused for now: our master is live
        Assert.Equal(1, other.Expect(Reply).ProposedSession);
        master.Send(node.Actor, master.Message(Campaign, 2, status: ElectionStatus.Campaigning, candidate: false)); // its hand-over

        events.ExpectMsg<ElectionStarted>(e => e.Session == 2);
        Assert.Equal(2, master.Expect(Campaign).ProposedSession);
    }

    [Fact]
    public void A_newcomer_learns_a_removal_it_never_saw_from_a_member_and_is_elected()
    {
        // D11 (seeds 2250 and 6132, majority): the electorate was {gone, member}; gone (the master) was removed before
        // this node joined, and member may not be elected (candidate = off). This node, the only candidate, never saw
        // the removal and counted gone as a voter for ever: no quorum. Members now report the removals they know.
        var gone = Node(7);
        var member = Peer(2, candidate: false);
        member.Electorate = new Electorate(new ElectorateVersion(2, 2), [gone, member.Node]);
        var node = StartNode(Node(1), peers: member);
        var events = node.Subscribe();
        node.Join();
        member.Send(node.Actor, member.Message(Reply, 2, status: ElectionStatus.Idle) with
        {
            Removed = System.Collections.Immutable.ImmutableSortedSet.Create(NodeOrdering.Instance, gone),
        });
        Assert.Equal(new[] { member.Node }, node.State().Voters);

        Advance(Defaults.GatherTimeout);
        Assert.Equal(3, member.Expect(PreVote).ProposedSession);
        member.Send(node.Actor, member.Message(Reply, 2, status: ElectionStatus.Idle, granted: true));
        Assert.Equal(node.Self, member.Expect(Campaign, m => m.ProposedSession == 3).VoteFor);
        member.Send(node.Actor, member.Message(Campaign, 3, voteFor: node.Self));

        events.ExpectMsg<ElectionStarted>(e => e.Session == 3);
        events.ExpectMsg<ElectedMaster>(e => e.Session == 3);
    }

    [Fact]
    public void A_reported_removal_of_a_member_this_node_sees_alive_is_ignored()
    {
        var p2 = Peer(2);
        var p3 = Peer(3);
        var node = StartNode(Node(1), peers: [p2, p3]);
        node.Join();
        p2.Electorate = new Electorate(new ElectorateVersion(1, 0), [node.Self, p2.Node, p3.Node]);
        p2.Send(node.Actor, p2.Message(Reply, 1, status: ElectionStatus.Idle) with
        {
            Removed = System.Collections.Immutable.ImmutableSortedSet.Create(NodeOrdering.Instance, p3.Node),
        });

        Assert.Equal(3, node.State().Voters.Count); // hearsay never outweighs this node's own membership view
    }

    [Fact]
    public void A_pre_vote_nominates_no_one_holding_an_electorate_older_than_the_nominators()
    {
        // {n1, n2, n3}: the master n2 announced v3.1, which n3 (cut off, its forced promotion timed out) never got. n2 falls
        // silent; n3 grants n1's pre-vote still ranked first by its promotion, but with v3.0: n1's vote, cast under v3.1,
        // would not count for it, and neither would the votes cast as n1 did.
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 3, others: p3);
        master.Electorate = new Electorate(new ElectorateVersion(3, 1), [node.Self, master.Node, p3.Node]);
        master.Send(node.Actor, master.Message(Announce, 3, master: master.Node, status: ElectionStatus.Master));
        Assert.Equal(new ElectorateVersion(3, 1), node.State().ElectorateVersion);

        Advance(Defaults.FailureTimeout + TimeSpan.FromMilliseconds(1));
        events.ExpectMsg<MasterLost>(e => e.Master.Equals(master.Node));
        Assert.Equal(4, p3.Expect(PreVote).ProposedSession);
        p3.Send(node.Actor, p3.Message(Reply, 3, voteFor: p3.Node, status: ElectionStatus.Idle, granted: true, forced: true));

        events.ExpectMsg<ElectionStarted>(e => e.Session == 4);
        Assert.Equal(node.Self, p3.Expect(Campaign, m => m.ProposedSession == 4).VoteFor);
    }

    [Fact]
    public void A_newcomer_holding_an_electorate_of_another_side_follows_a_master_of_a_lower_session_in_reachable_mode()
    {
        // Reachable mode: during a partition n3's side elected n4 in session 9 (v9.0), the other side n2 in session 5. n4
        // crashed; this node joins, takes v9.0 from n3 (a newcomer takes any), and after the heal hears n2 announce itself.
        // Each side minted its own versions, so v9.0 makes n2 no stale master here: this node follows it and takes its
        // electorate (it would otherwise never follow anyone, while n2 and its followers refuse its pre-votes).
        var master = Peer(2);
        var p3 = Peer(3);
        var node = StartNode(Node(1), Defaults.WithQuorum(QuorumMode.Reachable), peers: [master, p3]);
        var events = node.Subscribe();
        node.Join();
        p3.Electorate = new Electorate(new ElectorateVersion(9, 0), [Node(4), master.Node, p3.Node]);
        p3.Send(node.Actor, p3.Message(Reply, 9, status: ElectionStatus.Idle));
        Assert.Equal(new ElectorateVersion(9, 0), node.State().ElectorateVersion);

        master.Electorate = new Electorate(new ElectorateVersion(5, 2), [node.Self, master.Node, p3.Node]);
        master.Send(node.Actor, master.Message(Announce, 5, master: master.Node, status: ElectionStatus.Master));

        events.ExpectMsg<NewMaster>(e => e.Master.Equals(master.Node) && e.Session == 5);
        var state = node.State();
        Assert.Equal(ElectionStatus.Follower, state.Status);
        Assert.Equal(new ElectorateVersion(5, 2), state.ElectorateVersion);
    }
}
