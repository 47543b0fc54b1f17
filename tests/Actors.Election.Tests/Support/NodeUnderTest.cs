using Actors.Election.Membership;
using Akka.Actor;
using Akka.Cluster;
using Akka.TestKit;

namespace Actors.Election.Tests.Support;

/// <summary>The one real <see cref="ElectionActor"/> of a unit test, with its membership told by messages.</summary>
public sealed class NodeUnderTest(ElectionSpec spec, UniqueAddress self, IActorRef actor)
{
    private readonly TestProbe _control = spec.CreateTestProbe();

    public UniqueAddress Self { get; } = self;
    public IActorRef Actor { get; } = actor;

    public void AddPeer(PeerProbe peer) => Actor.Tell(new MemberJoined(peer.Node, peer.Probe.Ref));

    /// <summary>The node joins the electorate (it then says hello and, without a master, elects).</summary>
    public void Join() => Actor.Tell(new MemberJoined(Self, Actor));

    public void Unreachable(PeerProbe peer) => Actor.Tell(new MemberUnreachable(peer.Node));
    public void Reachable(PeerProbe peer) => Actor.Tell(new MemberReachable(peer.Node));
    public void Removed(PeerProbe peer) => Actor.Tell(new MemberRemoved(peer.Node));
    public void Leaving(PeerProbe peer) => Actor.Tell(new MemberLeaving(peer.Node, peer.Probe.Ref));

    /// <summary>
    /// Akka.Remote lost its connection to <paramref name="peer"/>, as when that process dies: the actor gets the
    /// <c>DisassociatedEvent</c> it subscribes to in a real cluster and hands it to the core as <c>ConnectionLost</c>.
    /// </summary>
    public void ConnectionLost(PeerProbe peer) =>
        Actor.Tell(new Akka.Remote.DisassociatedEvent(Self.Address, peer.Node.Address, inbound: false));

    /// <summary>The node's state; also a barrier: everything sent before it has been processed.</summary>
    public ElectionState State()
    {
        Actor.Tell(GetElectionState.Instance, _control.Ref);
        return _control.ExpectMsg<ElectionState>();
    }

    /// <summary>Asks the node to step down and returns its answer.</summary>
    public StepDownResult StepDown()
    {
        Actor.Tell(global::Actors.Election.StepDown.Instance, _control.Ref);
        return _control.ExpectMsg<StepDownResult>();
    }

    /// <summary>A subscriber probe: its first message is the snapshot, then events.</summary>
    public TestProbe Subscribe()
    {
        var probe = spec.CreateTestProbe();
        Actor.Tell(new SubscribeElection(probe.Ref));
        probe.ExpectMsg<ElectionState>();
        return probe;
    }
}
