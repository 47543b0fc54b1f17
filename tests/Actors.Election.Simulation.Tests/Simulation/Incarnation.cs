using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>One incarnation of a node: an address slot, a uid, one election actor's life.</summary>
internal sealed class Incarnation(int id, int slot, UniqueAddress address)
{
    public int Id { get; } = id;
    public int Slot { get; } = slot;
    public UniqueAddress Address { get; } = address;
    public IActorRef Actor { get; set; } = ActorRefs.Nobody;

    /// <summary>The cluster history it belongs to: a new one begins when a node starts while no member runs.</summary>
    public int Epoch { get; set; }

    /// <summary>Its actor runs (not crashed, not left).</summary>
    public bool Alive { get; set; }

    /// <summary>A member: joined, and not removed by the cluster (a node that one side of a split downed but that still runs stays one until the split is resolved).</summary>
    public bool Member { get; set; }

    /// <summary>Its process stops the world (GC, a stalled VM): its actor's mailbox is suspended, messages and timers wait.</summary>
    public bool Paused { get; set; }

    /// <summary>It joined a cluster at some point (told MemberJoined of itself).</summary>
    public bool EverJoined { get; set; }

    /// <summary>Every incarnation this node was ever told is a member (itself included once it joined).</summary>
    public HashSet<Incarnation> Seen { get; } = new();

    /// <summary>
    /// The incarnations this node's actor was told left gracefully (a MemberRemoved after a leave). Only a member it knew
    /// is ever reported to it: Akka.Cluster publishes no event about an incarnation it already removed (a downing first)
    /// or never had in its view (it joined after the removal), so gossip it merely carried is no fact it holds.
    /// </summary>
    public HashSet<Incarnation> LearnedLeft { get; } = new();

    /// <summary>
    /// The nodes that election messages delivered to this node reported as gone for good (members relay such facts), as far
    /// as its core keeps them: those in the sender's electorate or in its own.
    /// </summary>
    public HashSet<UniqueAddress> ToldGone { get; } = new();

    /// <summary>It started leaving gracefully (its exit follows).</summary>
    public bool Leaving { get; set; }

    /// <summary>When it stopped (crashed, left, shut down), if it did.</summary>
    public TimeSpan? StoppedAt { get; set; }

    /// <summary>Its actor failed (a finding, never a scheduled fault).</summary>
    public bool Crashed { get; set; }

    /// <summary>The links this node sends on, by receiver incarnation id.</summary>
    public Dictionary<int, SyncRef> Links { get; } = new();

    /// <summary>The members this node has been told about (not removed since), with the reachability it was told.</summary>
    public Dictionary<Incarnation, bool> Knows { get; } = new();

    /// <summary>
    /// The incarnations this node has been told were removed. Akka.Remote quarantines a removed incarnation: the two
    /// exchange no gossip any more, whichever side removed the other.
    /// </summary>
    public HashSet<Incarnation> RemovedSeen { get; } = new();

    /// <summary>When it last had a message delivered from each sender.</summary>
    public Dictionary<Incarnation, TimeSpan> LastHeard { get; } = new();

    /// <summary>How far its wall clock is off the simulation's time (sessions carry wall-clock time); a clock fault changes it.</summary>
    public TimeSpan ClockSkew { get; set; }

    /// <summary>The history position at which it was created.</summary>
    public long CreatedSeq { get; init; }

    /// <summary>What it heard: (history position, the sender's creation position, session) of every delivered message but pre-votes.</summary>
    public List<(long Seq, long SenderCreatedSeq, long Session)> Heard { get; } = new();

    /// <summary>The latest state the barrier saw.</summary>
    public ElectionState? LastState { get; set; }

    public override string ToString() => Sim.Name(Address);
}
