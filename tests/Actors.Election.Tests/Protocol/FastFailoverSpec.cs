using Actors.Election.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Protocol;

/// <summary>
/// What makes a failover take one round trip after detection: a master silent past its heartbeats counts as gone
/// whatever this node's failure detector says yet (detectors on different nodes flag a crash moments apart), and a
/// pre-vote that every reachable peer answered opens the session with a nomination that every voter follows at once,
/// each vote going to its candidate only.
/// </summary>
public sealed class FastFailoverSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    // Longer than a master may be silent (heartbeat-interval + connection-delay) before it counts as gone.
    private static readonly TimeSpan Silence = Defaults.HeartbeatInterval + Defaults.ConnectionDelay + TimeSpan.FromMilliseconds(1);

    [Fact]
    public void A_follower_whose_master_went_silent_grants_a_pre_vote_before_its_own_detector_notices()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 4, others: p3);
        Advance(Silence);

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
    public void A_master_silent_past_its_heartbeats_is_lost_as_soon_as_the_detector_flags_it()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 4, others: p3);
        Advance(Silence);

        node.Unreachable(master); // no connection-delay to wait: it has been out of contact longer than that already

        events.ExpectMsg<MasterLost>(e => e.Master.Equals(master.Node) && e.Session == 4);
        Assert.Equal(5, p3.Expect(PreVote).ProposedSession);
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
        node.Unreachable(master);
        node.State();
        Advance(Defaults.ConnectionDelay);
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
        node.Unreachable(master);

        opener.Send(node.Actor, opener.Message(Campaign, 5, voteFor: nominee.Node));

        var vote = nominee.Expect(Campaign, m => m.ProposedSession == 5);
        Assert.Equal(nominee.Node, vote.VoteFor);
        node.State();
        Assert.DoesNotContain(Drain(opener), m => m.ProposedSession == 5);
        Assert.DoesNotContain(Drain(bystander), m => m.ProposedSession == 5);
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
        node.Unreachable(master);

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
        node.Unreachable(master);

        opener.Send(node.Actor, opener.Message(Campaign, 5, voteFor: node.Self));
        Assert.Equal(node.Self, p4.Expect(Campaign, m => m.ProposedSession == 5).VoteFor); // its candidacy, with its own vote
        events.ExpectMsg<ElectionStarted>(e => e.Session == 5);
        p4.Send(node.Actor, p4.Message(Campaign, 5, voteFor: node.Self)); // 3 of 4: a majority

        events.ExpectMsg<ElectedMaster>(e => e.Session == 5);
        Assert.Equal(5, p4.Expect(Announce).ProposedSession);
    }
}
