using Actors.Election.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Protocol;

public sealed class BasicElectionSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    [Fact]
    public void A_lone_node_elects_itself_once_its_hello_goes_unanswered()
    {
        var node = StartNode(Node(1));
        var events = node.Subscribe();
        node.Join();
        Assert.Equal(ElectionStatus.Idle, node.State().Status);

        Advance(Defaults.GatherTimeout);

        events.ExpectMsg<ElectionStarted>(e => e.Session == 1);
        events.ExpectMsg<ElectedMaster>(e => e.Session == 1);
        events.ExpectMsg<NewMaster>(e => e.Master.Equals(node.Self) && e.Session == 1);
        var state = node.State();
        Assert.Equal(ElectionStatus.Master, state.Status);
        Assert.Equal(node.Self, state.Master);
        Assert.Equal(1, state.Session);
    }

    [Fact]
    public void A_more_senior_peer_wins_and_we_follow_it()
    {
        var senior = Peer(2, minutesAgo: 60);
        var node = StartNode(Node(1), startedAt: StartedMinutesAgo(10), peers: senior);
        var events = node.Subscribe();
        node.Join();
        senior.Expect(Hello);
        node.State();

        Advance(Defaults.GatherTimeout);
        var preVote = senior.Expect(PreVote);
        Assert.Equal(1, preVote.ProposedSession);
        senior.Send(node.Actor, senior.Message(Reply, 0, status: ElectionStatus.Idle, granted: true));

        // Every reachable peer answered the pre-vote, so the session opens with our vote for the best-ranked of them.
        var campaign = senior.Expect(Campaign);
        Assert.Equal(1, campaign.ProposedSession);
        Assert.Equal(senior.Node, campaign.VoteFor);
        events.ExpectMsg<ElectionStarted>(e => e.Session == 1);

        senior.Send(node.Actor, senior.Message(Announce, 1, voteFor: senior.Node, master: senior.Node, status: ElectionStatus.Master));
        events.ExpectMsg<NewMaster>(e => e.Master.Equals(senior.Node) && e.Session == 1);
        var state = node.State();
        Assert.Equal(ElectionStatus.Follower, state.Status);
        Assert.Equal(senior.Node, state.Master);
    }
}
