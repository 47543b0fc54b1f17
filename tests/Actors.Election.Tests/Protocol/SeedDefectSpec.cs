using Actors.Election.Tests.Support;
using Akka.Actor;
using Xunit;
using Xunit.Abstractions;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Protocol;

/// <summary>One regression test per seed defect listed in DESIGN.md §7.</summary>
public sealed class SeedDefectSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    [Fact]
    public void Seniority_travels_as_a_start_instant_so_every_node_ranks_alike_whenever_it_samples()
    {
        var older = Peer(2, minutesAgo: 30);
        var younger = Peer(3, minutesAgo: 20);
        var first = older.Message(Campaign, 1);
        Advance(TimeSpan.FromMinutes(15)); // sampled later: an uptime would now look larger, a start instant does not change
        var second = younger.Message(Campaign, 1);
        Assert.True(global::Actors.Election.Logic.CandidateRanking.Instance.Compare(first, second) > 0);
    }

    [Fact]
    public void A_campaign_proposes_the_highest_session_seen_plus_one()
    {
        var master = Peer(2);
        var (node, events) = this.FollowingMaster(master, 7, others: Peer(3));
        Advance(Defaults.FailureTimeout + TimeSpan.FromMilliseconds(1)); // the master fell silent
        events.ExpectMsg<MasterLost>(e => e.Session == 7);
        Assert.Equal(8, master.Expect(PreVote).ProposedSession);
    }

    [Fact]
    public void The_first_campaign_message_an_idle_node_receives_counts()
    {
        var senior = Peer(2, minutesAgo: 60);
        var node = StartNode(Node(1), peers: senior);
        node.Join();
        senior.Expect(Hello);

        senior.Send(node.Actor, senior.Message(Campaign, 1));

        var vote = senior.ExpectVote(1);
        Assert.Equal(senior.Node, vote.VoteFor);
    }

    [Fact]
    public void Election_completes_only_on_counted_votes()
    {
        var p2 = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.Campaigning(null, p2, p3);
        p2.Send(node.Actor, p2.Message(Campaign, 1, voteFor: node.Self));
        p3.Send(node.Actor, p3.Message(Campaign, 1));
        Assert.Equal(ElectionStatus.Campaigning, node.State().Status); // the bootstrap electorate needs every vote

        p3.Send(node.Actor, p3.Message(Campaign, 1, voteFor: node.Self));
        events.ExpectMsg<ElectionStarted>();
        events.ExpectMsg<ElectedMaster>(e => e.Session == 1);
    }

    [Fact]
    public void The_election_timeout_fires_after_T_not_on_the_nodes_own_entry()
    {
        var peer = Peer(2);
        var (node, events) = this.Campaigning(null, peer);
        events.ExpectMsg<ElectionStarted>(e => e.Session == 1);
        peer.Send(node.Actor, peer.Message(Campaign, 1)); // takes part but never votes
        node.State();

        Advance(Defaults.ElectionTimeout - TimeSpan.FromMilliseconds(1));
        node.State();
        Assert.False(events.HasMessages);

        Advance(Defaults.ElectionTimeout / 2);
        events.ExpectMsg<ElectionTimedOut>(e => e.Session == 1);
    }

    [Fact]
    public void A_follower_whose_master_is_lost_rejoins_an_election_and_can_win_it()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var p4 = Peer(4);
        var (node, events) = this.FollowingMaster(master, 3, others: [p3, p4]);

        this.LoseMaster(node, events, master, 3, p3, p4);
        events.ExpectMsg<ElectionStarted>(e => e.Session == 4);
        foreach (var p in new[] { p3, p4 }) p.Send(node.Actor, p.Message(Campaign, 4, voteFor: node.Self));

        events.ExpectMsg<ElectedMaster>(e => e.Session == 4);
        events.ExpectMsg<NewMaster>(e => e.Master.Equals(node.Self) && e.Session == 4);
    }

    [Fact]
    public void Two_masters_of_one_session_raise_SplitBrainDetected()
    {
        var p2 = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.ElectedMaster(peers: [p2, p3]);

        p2.Send(node.Actor, p2.Message(Announce, 1, voteFor: p2.Node, master: p2.Node, status: ElectionStatus.Master));

        var split = events.ExpectMsg<SplitBrainDetected>();
        Assert.Equal(new[] { node.Self, p2.Node }, split.Masters);
    }

    [Fact]
    public void StepDown_reaches_the_peers_as_a_new_session_the_master_sits_out()
    {
        var p2 = Peer(2);
        var (node, events) = this.ElectedMaster(peers: p2);

        var result = node.StepDown();

        Assert.True(result.SteppedDown);
        events.ExpectMsg<SteppedDown>(e => e.Session == 1 && e.Reason == StepDownReason.Requested);
        var campaign = p2.Expect(Campaign);
        Assert.Equal(2, campaign.ProposedSession);
        Assert.False(campaign.Candidate);
    }

    [Fact]
    public void ForceMaster_with_peers_reaches_them_as_a_forced_campaign()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, _) = this.FollowingMaster(master, 3, others: p3);

        node.Actor.Tell(ForceMaster.Instance);

        var campaign = p3.Expect(Campaign);
        Assert.Equal(4, campaign.ProposedSession);
        Assert.True(campaign.Forced);
    }

    [Fact]
    public void NewMaster_is_published_only_when_the_master_changes()
    {
        var master = Peer(2);
        var (node, events) = this.FollowingMaster(master, 3, others: Peer(3));

        master.Send(node.Actor, master.Message(Announce, 3, master: master.Node, status: ElectionStatus.Master));
        master.Send(node.Actor, master.Message(Announce, 5, master: master.Node, status: ElectionStatus.Master));
        var state = node.State();

        Assert.Equal(5, state.Session);
        Assert.False(events.HasMessages);
    }
}
