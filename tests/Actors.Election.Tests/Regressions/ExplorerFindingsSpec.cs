using Actors.Election.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Regressions;

/// <summary>
/// Defects the explorer (tests/Actors.Election.Explorer.Tests) found in the pure core while it was being written,
/// reproduced through the public test seam.
/// </summary>
public sealed class ExplorerFindingsSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    /// <summary>
    /// Two members, each told the other was downed before any election, both running: each one's bootstrap electorate
    /// (its own view) shrank to itself, and each elected itself master of the same first session. A downing is no proof
    /// the process stopped, so a downed member stays a voter of the bootstrap electorate.
    /// </summary>
    [Fact]
    public void Two_members_downed_by_each_other_before_the_first_election_do_not_both_elect()
    {
        var cluster = new SeamCluster(this);
        cluster.Start("A", Defaults);
        cluster.Start("B", Defaults);
        cluster.Joined("A", "A", "B");
        cluster.Joined("B", "A", "B");
        cluster.Cut(["A"], ["B"]);
        cluster.Unreachable("A", "B");
        cluster.Removed("A", "B");
        cluster.Unreachable("B", "A");
        cluster.Removed("B", "A");
        cluster.Run(TimeSpan.FromSeconds(10));

        Assert.Empty(cluster.Elected);
    }

    /// <summary>
    /// A node not (yet, or any more) told it is a member took part in another node's campaign and, counting under its
    /// bootstrap electorate (a view without itself), won it: a second master of a session. Only a member takes part; a
    /// node outside only answers with its status.
    /// </summary>
    [Fact]
    public void A_node_that_is_not_a_member_only_answers_a_campaign()
    {
        var p2 = Peer(2);
        var node = StartNode(Node(1), peers: p2); // told about p2, never about itself
        var events = node.Subscribe();

        p2.Send(node.Actor, p2.Message(Campaign, 7, voteFor: node.Self));
        var answer = p2.Expect(Reply);
        Advance(Defaults.ElectionTimeout * 3);

        Assert.Null(answer.VoteFor);
        Assert.Equal(ElectionStatus.Idle, node.State().Status);
        Assert.False(events.HasMessages);
    }

    /// <summary>
    /// A master that lost its quorum stepped down to Idle in its session, then took a late campaign message of that same
    /// session as its own session's campaign and won the session a second time, re-stamping a newer electorate back to
    /// the session's first version: two electorates of one version. A node never joins a campaign of a session it led
    /// or followed (the join rule treats it as settled).
    /// </summary>
    [Fact]
    public void A_master_that_lost_its_quorum_never_wins_its_session_again()
    {
        var p2 = Peer(2);
        var p3 = Peer(3);
        var (node, events) = this.ElectedMaster(peers: [p2, p3]);
        node.Unreachable(p2);
        node.Unreachable(p3);
        node.State();
        Advance(Defaults.ConnectionDelay);
        events.FishForMessage(m => m is SteppedDown { Reason: StepDownReason.QuorumLost });
        Assert.Equal(ElectionStatus.Idle, node.State().Status);

        // A late campaign message of session 1, voting for the node, as one that crossed the step-down on the wire.
        node.Reachable(p2);
        p2.Send(node.Actor, p2.Message(Campaign, 1, voteFor: node.Self));
        var answer = p2.Expect(Reply);

        Assert.Equal(ElectionStatus.Idle, answer.Status);
        Assert.NotEqual(ElectionStatus.Master, node.State().Status);
        Assert.DoesNotContain(events.ReceiveWhile<object>(TimeSpan.FromMilliseconds(100), m => m), m => m is ElectedMaster);
    }
}
