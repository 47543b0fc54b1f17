using Actors.Election.Membership;
using Actors.Election.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Protocol;

/// <summary>
/// What a closed connection and a new incarnation prove, and what they do not. A closed connection is one link's
/// evidence: it makes a follower ask at once, but unseats no master by itself, and it stops counting after failure-timeout.
/// A new incarnation joining at an address proves every earlier incarnation there gone, downed or not; an incarnation
/// only read in an electorate proves nothing about the one in view, since this node's view may be the older. A fact this
/// node holds reaches the peers that still count the departed voter.
/// </summary>
public sealed class LinksAndIncarnationsSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    private static readonly ElectionSettings Majority = Defaults.WithQuorum(QuorumMode.Majority);

    /// <summary>A probe for a new incarnation of node <paramref name="n"/> (same address, uid <paramref name="uid"/>), started a minute ago.</summary>
    private PeerProbe Reincarnated(int n, int uid) =>
        new(CreateTestProbe($"peer-{n}-again"), Node(n, uid), Seniority.StartedAt(StartedMinutesAgo(1)), 0, true, 0);

    [Theory]
    [InlineData(QuorumMode.Majority)]
    [InlineData(QuorumMode.Reachable)]
    public void A_lost_connection_alone_never_unseats_the_master_of_a_two_voter_electorate(QuorumMode quorum)
    {
        // {n1, n2}: this node (n1) is the lowest member, so its own grant is a quorum (half, with the tie-break). The
        // connection to master n2 closes, but n2 still runs: without another voter's grant there is no election.
        var master = Peer(2);
        var (node, events) = this.FollowingMaster(master, 4, Defaults.WithQuorum(quorum));
        node.ConnectionLost(master);
        node.State();
        Advance(Defaults.GatherTimeout + TimeSpan.FromMilliseconds(1)); // the pre-vote times out with this node's grant only
        Assert.Equal(ElectionStatus.Follower, node.State().Status);
        Assert.False(events.HasMessages, "no election on one link's evidence");

        // Silent for failure-timeout: that is evidence enough, and this node's grant alone opens the next session.
        Advance(Defaults.FailureTimeout);
        events.FishForMessage(m => m is MasterLost);
        events.FishForMessage(m => m is ElectionStarted { Session: 5 });
    }

    [Fact]
    public void A_master_whose_quorum_needs_a_follower_keeps_its_seat_when_only_that_follower_connection_closed()
    {
        // {n1, n2}: the follower n1 is the lowest member, so master n2 needs it for a quorum.
        var p1 = Peer(1, minutesAgo: 1);
        var node = StartNode(Node(2), Majority, peers: p1);
        var events = node.Subscribe();
        node.Join();
        node.State();
        Advance(Defaults.GatherTimeout);
        var preVote = p1.Expect(PreVote);
        p1.Send(node.Actor, p1.Message(Reply, 0, status: ElectionStatus.Idle, granted: true));
        Assert.Equal(preVote.ProposedSession, p1.Expect(Campaign).ProposedSession);
        p1.Send(node.Actor, p1.Message(Campaign, preVote.ProposedSession, voteFor: node.Self));
        events.FishForMessage(m => m is ElectedMaster);
        p1.Expect(Announce);

        node.ConnectionLost(p1);
        p1.Expect(Announce); // at once, before any heartbeat: a follower that still runs answers and is heard again
        node.State();
        Advance(Defaults.ConnectionDelay + Defaults.HeartbeatInterval);
        Assert.Equal(ElectionStatus.Master, node.State().Status);

        // The failure detector's verdict still counts: a follower flagged unreachable costs the quorum.
        node.Unreachable(p1);
        node.State();
        Advance(Defaults.ConnectionDelay + TimeSpan.FromMilliseconds(1));
        events.FishForMessage(m => m is SteppedDown { Reason: StepDownReason.QuorumLost });
    }

    [Fact]
    public void A_lost_connection_to_a_fellow_follower_counts_only_until_failure_timeout()
    {
        // Followers never write to each other: waiting to hear n3 again could last for ever.
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, _) = this.FollowingMaster(master, 4, Majority, p3);
        node.ConnectionLost(p3);
        Assert.DoesNotContain(p3.Node, node.State().Reachable);

        this.AdvanceWithMasterAnnouncing(node, master, 4, Defaults.FailureTimeout);
        Assert.Contains(p3.Node, node.State().Reachable);
    }

    [Fact]
    public void A_new_incarnation_proves_a_downed_one_gone_before_the_first_election()
    {
        // n3 was downed (no proof its process stopped: the first election waits for its vote), then a new process
        // joined at its address: that is the proof, and the first election no longer waits for the old one.
        var p2 = Peer(2);
        var p3 = Peer(3);
        var node = StartNode(Node(1), Majority, peers: [p2, p3]);
        node.Join();
        node.Removed(p3);
        Assert.Contains(p3.Node, node.State().Electorate);

        var new3 = Reincarnated(3, 303);
        node.AddPeer(new3);
        Assert.Equal([node.Self, p2.Node, new3.Node], node.State().Electorate);
    }

    [Fact]
    public void New_incarnations_prove_downed_voters_of_an_announced_electorate_gone()
    {
        // {n1, n2, n3}: n2 and n3 were downed (no facts: the electorate stands), then new processes joined at both
        // addresses. Now two of three voters are gone for good: nothing can be elected under {n1, n2, n3} any more, and
        // this node starts again from the membership.
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, _) = this.FollowingMaster(master, 4, Majority, p3);
        node.Removed(master);
        node.Removed(p3);
        Assert.False(node.State().ElectorateVersion.IsBootstrap, "a downing is no fact");

        var new2 = Reincarnated(2, 202);
        var new3 = Reincarnated(3, 303);
        node.AddPeer(new2);
        node.AddPeer(new3);
        var state = node.State();
        Assert.True(state.ElectorateVersion.IsBootstrap, $"still holding {state.ElectorateVersion}");
        Assert.Equal([node.Self, new2.Node, new3.Node], state.Electorate);
    }

    [Fact]
    public void An_incarnation_read_in_the_masters_electorate_is_not_taken_for_gone_while_the_view_still_holds_the_old_one()
    {
        // This node's view lags: it still holds n3's old incarnation when master n2 announces an electorate with n3's new
        // one. Which of the two is newer is unknown here, so neither is gone; the join that follows settles it.
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, _) = this.FollowingMaster(master, 4, Majority, p3);
        var new3 = Reincarnated(3, 303);
        master.Electorate = new Electorate(new ElectorateVersion(4, 1), [node.Self, master.Node, new3.Node]);
        master.Send(node.Actor, master.Message(Announce, 4, master: master.Node, status: ElectionStatus.Master));
        Assert.Contains(new3.Node, node.State().Voters);

        node.AddPeer(new3);
        var state = node.State();
        Assert.Contains(new3.Node, state.Voters);
        Assert.Contains(new3.Node, state.Reachable);
    }

    [Fact]
    public void A_graceful_leave_is_reported_to_a_peer_that_still_counts_the_departed_voter()
    {
        // n3 left gracefully as this node saw it; n2 saw only a downing, so it still waits for n3's vote. This node's own
        // electorate no longer holds n3, yet it tells n2 that n3 is gone.
        var p2 = Peer(2);
        var p3 = Peer(3);
        var node = StartNode(Node(1), Majority, peers: [p2, p3]);
        node.Join();
        node.Actor.Tell(new MemberRemoved(p3.Node) { Left = true }, Akka.Actor.ActorRefs.NoSender);
        Assert.DoesNotContain(p3.Node, node.State().Electorate);

        p2.Electorate = Electorate.Bootstrap([node.Self, p2.Node, p3.Node]);
        p2.Send(node.Actor, p2.Message(Hello, 0, status: ElectionStatus.Idle));
        Assert.Contains(p3.Node, p2.Expect(Reply).Removed);
    }

    [Fact]
    public void A_node_that_heard_of_a_session_refuses_a_pre_vote_for_it()
    {
        // Found by the explorer with clocks that ignore restarts: every node that took part in session 7 was gone, but
        // this node had heard of it (a hello); it granted a pre-vote for session 7 again, and the asker won it a second
        // time. Like a Raft voter whose term is higher, it refuses anything not above the highest session it knows.
        var teller = Peer(2);
        var asker = Peer(3);
        var node = StartNode(Node(1), Majority, peers: [teller, asker]);
        node.Join();
        teller.Send(node.Actor, teller.Message(Hello, 7, status: ElectionStatus.Idle));
        node.State();

        asker.Send(node.Actor, asker.Message(PreVote, 7, status: ElectionStatus.Idle));
        Assert.False(asker.Expect(Reply).Granted);

        asker.Send(node.Actor, asker.Message(PreVote, 8, status: ElectionStatus.Idle));
        Assert.True(asker.Expect(Reply).Granted);
    }

    [Fact]
    public void A_node_that_starts_again_from_the_membership_wins_none_of_the_sessions_the_departed_voters_may_have_used()
    {
        // {n1, n2, n3}: this node campaigns (forced) for session 5. Unheard here, n2 and n3 could have elected n2 in it.
        // Then new processes take both addresses: {n1, n2, n3} can never elect again and this node starts again from the
        // membership. The newcomers know nothing and vote for this node in session 5: a win would be a second master.
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 4, Majority, p3);
        node.Actor.Tell(ForceMaster.Instance, Akka.Actor.ActorRefs.NoSender);
        Assert.Equal(5, p3.Expect(Campaign).ProposedSession);

        var new2 = Reincarnated(2, 202);
        var new3 = Reincarnated(3, 303);
        node.AddPeer(new2);
        node.AddPeer(new3);
        Assert.True(node.State().ElectorateVersion.IsBootstrap);
        new2.Send(node.Actor, new2.Message(Campaign, 5, voteFor: node.Self));
        new3.Send(node.Actor, new3.Message(Campaign, 5, voteFor: node.Self));

        Assert.NotEqual(ElectionStatus.Master, node.State().Status);
        var published = events.ReceiveWhile<object>(TimeSpan.FromMilliseconds(200), m => m);
        Assert.DoesNotContain(published, m => m is ElectedMaster);

        // The campaign runs out; the next session is above every one this node took as used, and the newcomers elect it.
        Advance(Defaults.ElectionTimeout * 2);
        var preVote = new2.Expect(PreVote);
        Assert.True(preVote.ProposedSession > 5, $"proposed {preVote.ProposedSession}");
    }
}
