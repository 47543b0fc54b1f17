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
    /// How this incarnation's wall clock reads the world's time: the world's time plus its slot's skew, or a frozen
    /// instant when the scenario's clocks ignore restarts (see <see cref="Scenario.ClocksIgnoreRestarts"/>).
    /// </summary>
    public required Func<DateTimeOffset, DateTimeOffset> WallClock { get; init; }

    /// <summary>The world's time when this incarnation started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>False once its process crashed or exited: it takes no more input.</summary>
    public bool Running { get; set; } = true;

    /// <summary>The core's timers as the explorer keeps them: generation and due time.</summary>
    public ImmutableDictionary<TimerKey, (long Generation, DateTimeOffset Due)> Timers { get; set; } =
        ImmutableDictionary<TimerKey, (long, DateTimeOffset)>.Empty;

    /// <summary>What this node was told about each incarnation.</summary>
    public ImmutableDictionary<UniqueAddress, Told> Told { get; set; } = ImmutableDictionary<UniqueAddress, Told>.Empty;

    /// <summary>The incarnations whose connection this node lost (until it hears from them again).</summary>
    public ImmutableHashSet<UniqueAddress> Disconnected { get; set; } = ImmutableHashSet<UniqueAddress>.Empty;

    /// <summary>The incarnations this node was told are unreachable.</summary>
    public ImmutableHashSet<UniqueAddress> Unreachable { get; set; } = ImmutableHashSet<UniqueAddress>.Empty;

    public Node Clone() => (Node)MemberwiseClone();
}
