using Akka.TestKit;
using Xunit;
using static Actors.Election.ElectionMessageKind;

namespace Actors.Election.Tests.Support;

/// <summary>Common set-ups: the node under test follows a probe master, or wins an election against probe peers.</summary>
public static class Scenarios
{
    /// <summary>
    /// Starts node 1 (10 minutes old) and makes it follow <paramref name="master"/> in <paramref name="session"/>, with
    /// an announced electorate (version session.0) of node 1, the master and <paramref name="others"/>.
    /// </summary>
    public static (NodeUnderTest Node, TestProbe Events) FollowingMaster(this ElectionSpec spec, PeerProbe master, long session,
        ElectionSettings? settings = null, params PeerProbe[] others)
    {
        var peers = others.Prepend(master).ToArray();
        var node = spec.StartNodeFor(settings, peers);
        var events = node.Subscribe();
        node.Join();
        var electorate = new Electorate(new ElectorateVersion(session, 0), peers.Select(p => p.Node).Append(node.Self));
        foreach (var peer in peers) peer.Electorate = electorate;
        master.Send(node.Actor, master.Message(Announce, session, master: master.Node, status: ElectionStatus.Master));
        events.ExpectMsg<NewMaster>(e => e.Master.Equals(master.Node) && e.Session == session);
        Assert.Equal(ElectionStatus.Follower, node.State().Status);
        return (node, events);
    }

    /// <summary>
    /// Starts node 1 (10 minutes old, more senior than every default peer), lets its hello go unanswered and has
    /// <paramref name="peers"/> grant its pre-vote: it is then campaigning in session 1 (nothing of that is consumed
    /// from the probes but the pre-votes).
    /// </summary>
    public static (NodeUnderTest Node, TestProbe Events) Campaigning(this ElectionSpec spec, ElectionSettings? settings = null, params PeerProbe[] peers)
    {
        var node = spec.StartNodeFor(settings, peers);
        var events = node.Subscribe();
        node.Join();
        node.State();
        spec.AdvanceBy((settings ?? ElectionSpec.Defaults).GatherTimeout);
        GrantPreVotes(node, 1, 0, null, peers);
        return (node, events);
    }

    /// <summary>
    /// The node follows <paramref name="master"/> of <paramref name="session"/>; the master falls silent (it crashed, or a
    /// partition cut it off) and after failure-timeout the node loses it (MasterLost is consumed) and goes to a pre-vote
    /// for the next session, which <paramref name="granting"/> grant. No failure detector verdict is needed. Timing:
    /// <see cref="ElectionSpec.Defaults"/>; the node asks first among the followers (the first live voter in node order).
    /// </summary>
    public static void LoseMaster(this ElectionSpec spec, NodeUnderTest node, TestProbe events, PeerProbe master, long session,
        params PeerProbe[] granting) => spec.LoseMasterInTurn(node, events, master, session, 0, granting);

    /// <summary>
    /// As <see cref="LoseMaster"/>, for a node whose turn to ask is <paramref name="turn"/>: it waits that many tenths of
    /// gather-timeout after the silence, and no peer asks meanwhile.
    /// </summary>
    public static void LoseMasterInTurn(this ElectionSpec spec, NodeUnderTest node, TestProbe events, PeerProbe master, long session,
        int turn, params PeerProbe[] granting)
    {
        spec.AdvanceBy(ElectionSpec.Defaults.FailureTimeout + TimeSpan.FromMilliseconds(1));
        if (turn > 0)
        {
            Assert.Equal(ElectionStatus.Follower, node.State().Status); // still following, waiting for its turn
            spec.AdvanceBy(ElectionSpec.Defaults.GatherTimeout / 10 * turn);
        }
        events.ExpectMsg<MasterLost>(e => e.Master.Equals(master.Node) && e.Session == session);
        GrantPreVotes(node, session + 1, session, master.Node, granting);
    }

    /// <summary>
    /// Lets <paramref name="duration"/> pass in heartbeat-interval steps (<see cref="ElectionSpec.Defaults"/>), with
    /// <paramref name="master"/> announcing itself as master of <paramref name="session"/> after each step, as a live
    /// master does: a probe says nothing unless told to, and a follower loses a master it has not heard for
    /// failure-timeout. Each announcement is taken in before time moves on.
    /// </summary>
    public static void AdvanceWithMasterAnnouncing(this ElectionSpec spec, NodeUnderTest node, PeerProbe master, long session, TimeSpan duration)
    {
        var step = ElectionSpec.Defaults.HeartbeatInterval;
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += step)
        {
            spec.AdvanceBy(duration - elapsed < step ? duration - elapsed : step);
            master.Send(node.Actor, master.Message(Announce, session, master: master.Node, status: ElectionStatus.Master));
            node.State();
        }
    }

    private static void GrantPreVotes(NodeUnderTest node, long proposed, long session, Akka.Cluster.UniqueAddress? master, PeerProbe[] peers)
    {
        foreach (var peer in peers)
        {
            Assert.Equal(proposed, peer.Expect(PreVote).ProposedSession);
            var status = master is null ? ElectionStatus.Idle : ElectionStatus.Follower;
            peer.Send(node.Actor, peer.Message(Reply, session, master: master, status: status, granted: true));
        }
    }

    /// <summary>Node 1 wins session 1 against <paramref name="peers"/>: they grant its pre-vote and vote for it.</summary>
    public static (NodeUnderTest Node, TestProbe Events) ElectedMaster(this ElectionSpec spec, ElectionSettings? settings = null, params PeerProbe[] peers)
    {
        var (node, events) = spec.Campaigning(settings, peers);
        foreach (var peer in peers)
        {
            peer.Expect(Campaign, m => m.ProposedSession == 1);
            peer.Send(node.Actor, peer.Message(Campaign, 1, voteFor: node.Self));
        }
        events.ExpectMsg<ElectionStarted>(e => e.Session == 1);
        events.ExpectMsg<ElectedMaster>(e => e.Session == 1);
        events.ExpectMsg<NewMaster>(e => e.Master.Equals(node.Self));
        foreach (var peer in peers)
        {
            var announce = peer.Expect(Announce);
            peer.Electorate = announce.Electorate;
        }
        Assert.Equal(ElectionStatus.Master, node.State().Status);
        return (node, events);
    }
}
