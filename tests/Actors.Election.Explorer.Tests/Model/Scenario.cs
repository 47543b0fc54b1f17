using Actors.Election.Core;
using Akka.Configuration;

namespace Actors.Election.Explorer.Model;

/// <summary>
/// How many of each fault one schedule may inject, and how likely each kind of choice is. Swarm testing draws a new
/// scenario for every schedule, so some schedules are all partitions, others all crashes and restarts, others pure
/// message chaos: a bug that needs one kind of fault in bulk is found by a schedule that is mostly that kind.
/// </summary>
internal sealed record Budget
{
    public int Drops { get; init; }
    public int Duplicates { get; init; }
    public int Cuts { get; init; }
    public int Crashes { get; init; }
    public int Starts { get; init; }
    public int Leaves { get; init; }
    public int FalseDownings { get; init; }
    public int FalseDetections { get; init; }
    public int FalseDisconnects { get; init; }
    public int Commands { get; init; }
}

/// <summary>The weight of each kind of choice when a schedule picks its next step.</summary>
internal sealed record Weights
{
    public double Deliver { get; init; } = 10;
    public double Fault { get; init; } = 1;
    public double Timer { get; init; } = 2;
    public double Membership { get; init; } = 3;
}

/// <summary>One schedule's world: cluster size, quorum mode, fault budgets, clock offsets, rules.</summary>
internal sealed record Scenario
{
    public static readonly ElectionSettings DefaultSettings = ElectionSettings.Create(ConfigurationFactory.ParseString("""
        election-timeout = 3s
        connection-delay = 200ms
        gather-timeout = 500ms
        """));

    /// <summary>Node slots (3 to 5).</summary>
    public int Nodes { get; init; } = 3;

    /// <summary>Slots whose first incarnation runs from the start; the others may start later (newcomers).</summary>
    public int Initial { get; init; } = 3;

    /// <summary>When set, the initial nodes are told the initial membership before the schedule starts (one bootstrap view).</summary>
    public bool Prelude { get; init; } = true;

    public Budget Budget { get; init; } = new();

    public Weights Weights { get; init; } = new();

    /// <summary>Each slot's wall-clock offset from the world's time (clock skew).</summary>
    public TimeSpan[] ClockOffsets { get; init; } = [];

    /// <summary>
    /// When set, every incarnation's clock reads the start time (plus its skew), however many restarts came before: the
    /// restart assumption of docs/protocol.md (a new incarnation's clock is later than the sessions before it) is broken on
    /// purpose. A session may then be opened again after everyone who knew it is gone (amnesia, counted, not a violation);
    /// a session opened again while some running node knew it is still a violation.
    /// </summary>
    public bool ClocksIgnoreRestarts { get; init; }

    /// <summary>
    /// When positive, every later incarnation of the first slot runs its clock this far behind its slot's skew: a process
    /// that comes back with a wrong clock while the others keep theirs. The restart assumption of docs/protocol.md then
    /// rests on the clocks of the nodes that ran on: a session may be won again (amnesia, counted, not a violation) only
    /// when none of the nodes its new opener counts on ran when it was first won, and those that knew it are gone by then.
    /// </summary>
    public TimeSpan RestartLag { get; init; }

    /// <summary>How long a restart takes: the world's time moves this far before a new incarnation starts (the restart assumption of docs/protocol.md).</summary>
    public TimeSpan RestartTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Steps before the schedule ends.</summary>
    public int Depth { get; init; } = 200;

    public ElectionSettings Settings { get; init; } = DefaultSettings;

    public Policies Policies { get; init; } = Policies.Default;

    /// <summary>
    /// Whether each master's votes are checked against the real quorum rule. On for the real core; the mutant runs turn
    /// it off, so that what they must find is the safety property itself: two masters of one session.
    /// </summary>
    public bool CheckVotes { get; init; } = true;

    public TimeSpan ClockOffset(int slot) => slot < ClockOffsets.Length ? ClockOffsets[slot] : TimeSpan.Zero;
}
