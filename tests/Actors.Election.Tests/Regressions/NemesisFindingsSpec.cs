using Actors.Election.Membership;
using Actors.Election.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Regressions;

/// <summary>Defects the nemesis found on real processes (docs/nemesis.md), reproduced on one node with probe peers.</summary>
public sealed class NemesisFindingsSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    /// <summary>
    /// Nemesis seed 2026, fault #18 (a bridge partition): every node timed out session 16, went Idle, then joined
    /// another node's campaign for the same session 16, and stayed Campaigning for good: re-entering a session whose
    /// ballot already exists arms no gather or election timer.
    /// </summary>
    [Fact]
    public void A_node_that_joins_again_a_campaign_of_a_session_it_timed_out_times_out_again()
    {
        var (node, events, p2, _) = CampaignTimedOutInSessionOne();

        p2.Send(node.Actor, p2.Message(Campaign, 1)); // p2 still campaigns in session 1
        node.State();
        Advance(Defaults.ElectionTimeout * 10);

        var state = node.State();
        Assert.False(state.Status == ElectionStatus.Campaigning && state.Session == 1,
            $"still campaigning in session 1 ten election timeouts later, with no timer left: {state}");
    }

    /// <summary>
    /// Nemesis seed 2026, fault #14 (SIGTERM of the master n4): during its own leave, after the cluster removed every
    /// member (itself included), n4 found "every member of electorate v12.16 is gone", started again from the
    /// membership and elected itself master of session 14, which n2 had already won among the others.
    /// </summary>
    [Fact]
    public void A_node_the_cluster_removed_never_elects_itself_when_every_other_member_is_removed_too()
    {
        var (node, events, p2, p3) = CampaignTimedOutInSessionOne();

        node.Actor.Tell(new MemberRemoved(node.Self), Akka.Actor.ActorRefs.NoSender); // its own leave completes
        node.Removed(p2); // then the shutting-down cluster reports every member removed
        node.Removed(p3);
        node.State();
        Advance(Defaults.ElectionTimeout * 5);

        var published = events.ReceiveWhile<object>(TimeSpan.FromMilliseconds(300), m => m);
        var state = node.State();
        Assert.False(published.OfType<ElectedMaster>().Any() || state.Status == ElectionStatus.Master,
            $"removed from the cluster, it published [{string.Join(", ", published)}] and ended {state}");
    }

    /// <summary>A node with peers p2 and p3 that campaigned in session 1 and timed out (it is Idle in session 1).</summary>
    private (NodeUnderTest Node, Akka.TestKit.TestProbe Events, PeerProbe P2, PeerProbe P3) CampaignTimedOutInSessionOne()
    {
        var p2 = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.Campaigning(null, p2, p3);
        events.ExpectMsg<ElectionStarted>(e => e.Session == 1);
        Advance(Defaults.ElectionTimeout * 1.5);
        events.ExpectMsg<ElectionTimedOut>(e => e.Session == 1);
        return (node, events, p2, p3);
    }
}
