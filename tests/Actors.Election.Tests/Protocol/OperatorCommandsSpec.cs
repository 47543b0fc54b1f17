using Actors.Election.Membership;
using Actors.Election.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Xunit;
using Xunit.Abstractions;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Protocol;

/// <summary>
/// <c>StartElection</c> (an ordinary election through the pre-vote, for clusters run with auto-elect-on-peer-loss = off)
/// and <c>ForceNewElectorate</c> (the operator's way out when a majority of the electorate is lost: etcd's
/// --force-new-cluster, unsafe if the members it leaves out still run).
/// </summary>
public sealed class OperatorCommandsSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    private static readonly ElectionSettings Manual = Defaults.WithAutoElectOnPeerLoss(false);

    [Fact]
    public void With_auto_election_off_a_node_that_lost_its_master_waits_until_StartElection()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 4, Manual, others: p3);
        Advance(Defaults.FailureTimeout + TimeSpan.FromMilliseconds(1));
        events.ExpectMsg<MasterLost>(e => e.Master.Equals(master.Node));
        AdvanceInSteps(node, Defaults.ElectionTimeout * 3);
        Assert.Equal(ElectionStatus.Idle, node.State().Status);
        Assert.False(p3.Probe.HasMessages && p3.Probe.ReceiveWhile<object>(TimeSpan.Zero, m => m).OfType<ElectionMessage>().Any(m => m.Kind == PreVote),
            "no pre-vote without StartElection");

        node.Actor.Tell(StartElection.Instance);

        var preVote = p3.Expect(PreVote);
        Assert.True(preVote.ProposedSession > 4);
        p3.Send(node.Actor, p3.Message(Reply, 4, status: ElectionStatus.Idle, granted: true));
        master.Send(node.Actor, master.Message(Reply, 4, status: ElectionStatus.Idle, granted: false));
        Assert.True(p3.Expect(Campaign).ProposedSession > 4);
        events.ExpectMsg<ElectionStarted>();
    }

    [Fact]
    public void StartElection_under_a_live_master_asks_nobody()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 4, others: p3);

        node.Actor.Tell(StartElection.Instance);
        this.AdvanceWithMasterAnnouncing(node, master, 4, Defaults.ElectionTimeout);

        Assert.Equal(ElectionStatus.Follower, node.State().Status);
        Assert.DoesNotContain(p3.Probe.ReceiveWhile<object>(TimeSpan.FromMilliseconds(100), m => m).OfType<ElectionMessage>(), m => m.Kind is PreVote or Campaign);
        Assert.DoesNotContain(events.ReceiveWhile<object>(TimeSpan.FromMilliseconds(100), m => m), m => m is ElectionStarted);
    }

    [Fact]
    public void StartElection_whose_pre_vote_peers_refuse_opens_no_session()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var p4 = Peer(4);
        var (node, events) = this.FollowingMaster(master, 4, Manual, others: [p3, p4]);
        Advance(Defaults.FailureTimeout + TimeSpan.FromMilliseconds(1)); // this node no longer hears the master; p3 and p4 still do
        events.ExpectMsg<MasterLost>();

        node.Actor.Tell(StartElection.Instance);
        foreach (var peer in new[] { p3, p4 })
        {
            peer.Expect(PreVote);
            peer.Send(node.Actor, peer.Message(Reply, 4, master: master.Node, status: ElectionStatus.Follower, granted: false));
        }
        Advance(Defaults.GatherTimeout * 2);

        Assert.Equal(ElectionStatus.Idle, node.State().Status);
        Assert.DoesNotContain(events.ReceiveWhile<object>(TimeSpan.FromMilliseconds(100), m => m), m => m is ElectionStarted);
    }

    [Fact]
    public void StartElection_on_the_master_changes_nothing()
    {
        var p2 = Peer(2);
        var (node, events) = this.ElectedMaster(peers: p2);
        var before = node.State();

        node.Actor.Tell(StartElection.Instance);

        var after = node.State();
        Assert.Equal(ElectionStatus.Master, after.Status);
        Assert.Equal(before.Session, after.Session);
        Assert.False(events.HasMessages);
    }

    [Fact]
    public void ForceNewElectorate_gets_a_remnant_whose_majority_was_downed_electing_again()
    {
        // Electorate {1,2,3,4,5}: 3, 4 and 5 were downed (their processes may still run, so they are no facts) and the
        // remnant {1,2} can never form a quorum of five. The operator knows they are gone for good.
        var master = Peer(2);
        var p3 = Peer(3);
        var p4 = Peer(4);
        var p5 = Peer(5);
        var (node, events) = this.FollowingMaster(master, 4, others: [p3, p4, p5]);
        foreach (var gone in new[] { p3, p4, p5 }) node.Removed(gone);
        node.Unreachable(master);
        AdvanceInSteps(node, Defaults.ElectionTimeout * 3); // the master is silent too: nothing can be elected
        Assert.NotEqual(ElectionStatus.Master, node.State().Status);
        node.Reachable(master);
        master.Send(node.Actor, master.Message(Reply, 4, status: ElectionStatus.Idle));
        node.State();

        node.Actor.Tell(ForceNewElectorate.Instance);

        events.FishForMessage(m => m is ElectedMaster);
        var state = node.State();
        Assert.Equal(ElectionStatus.Master, state.Status);
        Assert.Equal([node.Self, master.Node], state.Electorate);
        Assert.True(state.Session > 4);
        var announce = master.Expect(Announce, m => m.ClaimsMastership);
        Assert.Equal(state.Session, announce.ProposedSession);
        Assert.Equal(new ElectorateVersion(state.Session, 0), announce.Electorate.Version);
    }

    [Fact]
    public void ForceNewElectorate_before_joining_is_ignored()
    {
        var p2 = Peer(2);
        var node = StartNode(Node(1), peers: p2);
        var events = node.Subscribe();

        node.Actor.Tell(ForceNewElectorate.Instance);

        Assert.Equal(ElectionStatus.Idle, node.State().Status);
        Assert.False(events.HasMessages);
    }
}
