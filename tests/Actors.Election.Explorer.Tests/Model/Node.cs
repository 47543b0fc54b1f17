using System.Collections.Immutable;
using Actors.Election.Core;
using Akka.Cluster;

namespace Actors.Election.Explorer.Model;

/// <summary>One running (or stopped) incarnation in the world: its core state, its timers, and what it was told.</summary>
internal sealed class Node
{
    public required int Slot { get; init; }
    public required UniqueAddress Id { get; init; }
    public required NodeState State { get; set; }

    /// <summary>
    /// This incarnation's wall clock, frozen: sessions then grow only by "highest seen + 1" within a cluster, so two sides
    /// of a partition can open the same session number (the hardest case). A later incarnation's clock is later by the
    /// restart time (docs/protocol.md's assumption), plus its slot's skew.
    /// </summary>
    public required DateTimeOffset WallClock { get; init; }

    /// <summary>False once its process crashed or exited: it takes no more input.</summary>
    public bool Running { get; set; } = true;

    /// <summary>The core's timers as the explorer keeps them: generation and due time.</summary>
    public ImmutableDictionary<TimerKey, (long Generation, DateTimeOffset Due)> Timers { get; set; } =
        ImmutableDictionary<TimerKey, (long, DateTimeOffset)>.Empty;

    /// <summary>What this node was told about each incarnation.</summary>
    public ImmutableDictionary<UniqueAddress, Told> Told { get; set; } = ImmutableDictionary<UniqueAddress, Told>.Empty;

    /// <summary>The incarnations this node was told are unreachable.</summary>
    public ImmutableHashSet<UniqueAddress> Unreachable { get; set; } = ImmutableHashSet<UniqueAddress>.Empty;

    public Node Clone() => (Node)MemberwiseClone();
}
