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
    public int Epoch { get; init; }

    /// <summary>Its actor runs (not crashed, not left).</summary>
    public bool Alive { get; set; }

    /// <summary>A member: joined and not yet removed from the cluster.</summary>
    public bool Member { get; set; }

    /// <summary>Its actor failed (a finding, never a scheduled fault).</summary>
    public bool Crashed { get; set; }

    /// <summary>The links this node sends on, by receiver incarnation id.</summary>
    public Dictionary<int, SyncRef> Links { get; } = new();

    /// <summary>The members this node has been told about (not removed since), with the reachability it was told.</summary>
    public Dictionary<Incarnation, bool> Knows { get; } = new();

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
