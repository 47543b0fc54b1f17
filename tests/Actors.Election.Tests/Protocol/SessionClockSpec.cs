using Actors.Election.Core;
using Actors.Election.Tests.Support;
using Akka.Actor;
using Akka.Cluster;
using Akka.TestKit;
using Xunit;
using Xunit.Abstractions;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Protocol;

/// <summary>
/// Sessions are hybrid logical clock values: a proposal is the larger of "highest seen + 1" and the wall clock in
/// microseconds since the Unix epoch; a session more than max-clock-skew ahead of this node's clock is ignored as absurd;
/// a clock that jumps back never makes sessions go back. These tests run on the scheduler's clock (the seam's default).
/// </summary>
public sealed class SessionClockSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    private long Floor() => SessionClock.Floor(Scheduler.Now);

    private NodeUnderTest Start(Func<DateTimeOffset, DateTimeOffset> wallClock, params PeerProbe[] peers) =>
        Start(Node(1), Defaults, wallClock, peers);

    private NodeUnderTest Start(UniqueAddress self, ElectionSettings settings, Func<DateTimeOffset, DateTimeOffset> wallClock, params PeerProbe[] peers)
    {
        var actor = Sys.ActorOf(ElectionActor.PropsWithCore(settings, self, StartedMinutesAgo(10), 1, Policies.Default, wallClock));
        var node = new NodeUnderTest(this, self, actor);
        foreach (var peer in peers) node.AddPeer(peer);
        return node;
    }

    [Fact]
    public void A_first_proposal_is_the_wall_clock_in_microseconds()
    {
        var p2 = Peer(2);
        var node = StartNode(Node(1), peers: p2);
        var actor = Sys.ActorOf(ElectionActor.PropsWithMembership(Defaults, Node(3), StartedMinutesAgo(10), randomSeed: 1));
        actor.Tell(new Membership.MemberJoined(p2.Node, p2.Probe.Ref));
        actor.Tell(new Membership.MemberJoined(Node(3), actor));
        p2.Expect(Hello);
        Advance(Defaults.GatherTimeout);

        var proposed = p2.Expect(PreVote).ProposedSession;

        Assert.InRange(proposed, Floor() - 1_000_000, Floor());
    }

    [Fact]
    public void A_session_far_beyond_max_clock_skew_is_ignored_with_a_warning()
    {
        var master = Peer(2);
        var node = Start(now => now, master);
        node.Join();
        var absurd = Floor() + (long)(Defaults.MaxClockSkew.TotalMicroseconds * 2);
        master.Electorate = new Electorate(new ElectorateVersion(absurd, 0), [master.Node, Node(1)]);

        EventFilter.Warning(contains: "more than max-clock-skew ahead").ExpectOne(() =>
            master.Send(node.Actor, master.Message(Announce, absurd, master: master.Node, status: ElectionStatus.Master)));

        var state = node.State();
        Assert.NotEqual(absurd, state.Session);
        Assert.Null(state.Master);
    }

    [Fact]
    public void A_clock_that_jumps_back_never_makes_sessions_go_back()
    {
        var p2 = Peer(2);
        var offset = TimeSpan.Zero;
        var node = Start(now => now + offset, p2);
        node.Join();
        p2.Expect(Hello);
        Advance(Defaults.GatherTimeout);
        var first = p2.Expect(PreVote).ProposedSession;
        p2.Send(node.Actor, p2.Message(Reply, 0, status: ElectionStatus.Idle, granted: true));
        var campaign = p2.Expect(Campaign);
        Assert.Equal(first, campaign.ProposedSession);

        offset = -TimeSpan.FromHours(2); // the clock is set back two hours
        p2.Send(node.Actor, p2.Message(Campaign, campaign.ProposedSession, voteFor: node.Self));
        var won = node.State();
        Assert.Equal(ElectionStatus.Master, won.Status);
        var result = node.StepDown(); // hands over: opens the next session

        Assert.True(result.SteppedDown);
        var next = p2.Expect(Campaign, m => m.ProposedSession != first).ProposedSession;
        Assert.Equal(first + 1, next); // the floor went back: highest seen + 1 rules
    }

    [Fact]
    public void A_survivor_of_an_electorate_that_can_never_elect_again_grants_only_above_its_own_clock()
    {
        // {n1, n2}: n1 is the lowest member, so its own vote is a quorum (half, with the tie-break). Cut off, it may open
        // sessions this node never hears of, one above the last it knew when its clock lags. Then a new process takes n1's
        // address: {n1, n2} can never elect again, and the next election starts from the membership. The new incarnation's
        // clock lags too, so it asks for one above the session it learns here, which the old incarnation may have used.
        var p1 = Peer(1);
        var node = Start(Node(2), Defaults.WithQuorum(QuorumMode.Majority), now => now, p1);
        node.Join();
        var session = Floor() - 5_000_000; // five seconds ago
        p1.Electorate = new Electorate(new ElectorateVersion(session, 0), [p1.Node, node.Self]);
        p1.Send(node.Actor, p1.Message(Announce, session, master: p1.Node, status: ElectionStatus.Master));
        Assert.Equal(ElectionStatus.Follower, node.State().Status);

        var new1 = new PeerProbe(CreateTestProbe("peer-1-again"), Node(1, 101), Seniority.StartedAt(StartedMinutesAgo(1)), 0, true, 0);
        node.AddPeer(new1);
        Assert.True(node.State().ElectorateVersion.IsBootstrap, "two voters of which one is gone for good cannot elect");

        new1.Send(node.Actor, new1.Message(PreVote, session + 1, status: ElectionStatus.Idle));
        Assert.False(new1.Expect(Reply).Granted, "a session the old incarnation may have used alone");

        new1.Send(node.Actor, new1.Message(PreVote, Floor() + 1, status: ElectionStatus.Idle));
        Assert.True(new1.Expect(Reply).Granted);
    }
}
