using Actors.Election.Membership;
using Actors.Election.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Protocol;

/// <summary>
/// Which removals count. A downing is no fact (the process may still run on the other side of a partition): it never
/// shrinks a quorum unless trust-downing is on. A graceful leave or a new incarnation at a member's address is a fact:
/// when so many voters are gone for good that the rest can never form a quorum, the survivors start again from the
/// membership.
/// </summary>
public sealed class RemovalFactsSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void In_a_two_member_electorate_the_higher_member_elects_alone_only_when_downing_is_trusted(bool trustDowning, bool elects)
    {
        // {n1, n2}: n1 is the lowest member, so n2 alone is half without it. n1 was downed (not a fact).
        var p1 = Peer(1, minutesAgo: 20);
        var settings = Defaults.WithTrustDowning(trustDowning);
        var node = StartNode(Node(2), settings, peers: p1);
        var events = node.Subscribe();
        node.Join();
        p1.Electorate = new Electorate(new ElectorateVersion(3, 0), [p1.Node, Node(2)]);
        p1.Send(node.Actor, p1.Message(Announce, 3, master: p1.Node, status: ElectionStatus.Master));
        events.ExpectMsg<NewMaster>();

        node.Unreachable(p1);
        node.Removed(p1);
        AdvanceInSteps(node, settings.ElectionTimeout * 4);

        Assert.Equal(elects, node.State().Status == ElectionStatus.Master);
        events.FishForMessage(m => m is MasterLost); // either way it lost its master: only the quorum differs
    }

    [Fact]
    public void When_a_majority_is_gone_for_good_the_survivors_start_again_from_the_membership()
    {
        // Electorate {1,2,3}: 2 and 3 were replaced by new incarnations at their addresses (facts: the old processes are
        // gone). Nothing can be elected under {1,2,3} any more: node 1 and the newcomers start again, with unanimity.
        var old2 = Peer(2);
        var old3 = Peer(3);
        var (node, events) = this.FollowingMaster(old2, 5, others: old3);
        var new2 = new PeerProbe(CreateTestProbe("peer-2-again"), Node(2, 202), Seniority.StartedAt(StartedMinutesAgo(1)), 0, true, 0);
        var new3 = new PeerProbe(CreateTestProbe("peer-3-again"), Node(3, 303), Seniority.StartedAt(StartedMinutesAgo(1)), 0, true, 0);
        node.AddPeer(new2);
        node.AddPeer(new3);
        var state = node.State();
        Assert.True(state.ElectorateVersion.IsBootstrap, $"still holding {state.ElectorateVersion}");
        Assert.Equal([node.Self, new2.Node, new3.Node], state.Electorate);

        Advance(Defaults.FailureTimeout + Defaults.GatherTimeout);
        foreach (var peer in new[] { new2, new3 })
        {
            var preVote = peer.Expect(PreVote);
            Assert.True(preVote.ProposedSession > 5);
            peer.Send(node.Actor, peer.Message(Reply, 0, status: ElectionStatus.Idle, granted: true));
        }
        foreach (var peer in new[] { new2, new3 })
        {
            var campaign = peer.Expect(Campaign);
            peer.Send(node.Actor, peer.Message(Campaign, campaign.ProposedSession, voteFor: node.Self));
        }
        events.FishForMessage(m => m is ElectedMaster);
    }

    [Fact]
    public void A_downed_majority_is_no_fact_and_the_survivor_waits()
    {
        var master = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.FollowingMaster(master, 5, others: p3);
        node.Removed(master);
        node.Removed(p3);
        AdvanceInSteps(node, Defaults.ElectionTimeout * 4);

        var state = node.State();
        Assert.NotEqual(ElectionStatus.Master, state.Status);
        Assert.False(state.ElectorateVersion.IsBootstrap, "a downing must not make the node start again alone");
    }
}
