using Akka.Configuration;

namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>The kinds of fault (and operator action) a scenario's schedule holds.</summary>
internal enum FaultKind
{
    CutOneWay,     // A -> B loses everything
    CutBoth,       // A <-> B
    Isolate,       // A from everyone, both ways
    Partition,     // Group against the rest, both ways
    HealLink,      // A <-> B again
    HealAll,       // every link, and message faults off
    Drop,          // lose Rate of all messages
    Duplicate,     // deliver Rate of all messages twice
    Delay,         // hold Rate of all messages back by up to Millis (reorders them)
    Crash,         // stop A's actor (its peers' transports see the connection close; the failure detector follows)
    Down,          // the cluster removes A's crashed incarnation (told by gossip to every member connected to the decider)
    Restart,       // A comes back as a new incarnation (same address, new uid), its clock skewed by Millis
    Leave,         // A leaves gracefully at once (removed as left, A included), then stops
    Join,          // a late node joins (through a seed it can reach; the others learn by gossip)
    StepDown,      // the operator asks A to hand over
    ForceMaster,   // the operator promotes A
    RecordCommand, // A's application counter grows by Millis
    Pause,         // A's process stops the world for Millis: its actor processes nothing, messages and timers wait
    ClockJump,     // A's wall clock jumps by Millis (negative: back)
    RestartCluster, // every node stops; Millis later every slot that ran starts again as a new incarnation (a new cluster history)
    StartCluster,  // the second half of RestartCluster (scheduled by the generator)
    StartLeaving,  // A starts leaving gracefully (MemberLeaving by gossip); an Exit follows
    Exit,          // A's graceful leave completes: removed as left (by gossip), then A stops
    SplitDowning,  // the side Group downs every member of the rest, and (B = 1) the rest downs Group, every process running
    Disconnect,    // the connection A <-> B resets while both run: each transport reports the other disassociated
}

/// <summary>One step of a schedule, at virtual time <see cref="At"/> after the run started.</summary>
internal sealed record FaultAction(TimeSpan At, FaultKind Kind, int A = -1, int B = -1, double Rate = 0, int Millis = 0, int[]? Group = null)
{
    /// <summary>As <see cref="A"/>: whichever node is master when the action applies (the one in the highest session).</summary>
    public const int TheMaster = -2;

    public override string ToString() => Kind switch
    {
        FaultKind.CutOneWay => $"@{At.TotalMilliseconds:0}ms cut n{A} -> n{B}",
        FaultKind.CutBoth => $"@{At.TotalMilliseconds:0}ms cut n{A} <-> n{B}",
        FaultKind.HealLink => $"@{At.TotalMilliseconds:0}ms heal n{A} <-> n{B}",
        FaultKind.Partition => $"@{At.TotalMilliseconds:0}ms partition {Slots(Group)} | rest",
        FaultKind.SplitDowning => $"@{At.TotalMilliseconds:0}ms {Slots(Group)} downs the rest{(B == 1 ? " and the rest downs " + Slots(Group) : "")}, every process running",
        FaultKind.HealAll => $"@{At.TotalMilliseconds:0}ms heal all",
        FaultKind.Drop or FaultKind.Duplicate => $"@{At.TotalMilliseconds:0}ms {Kind.ToString().ToLowerInvariant()} {Rate:P0}",
        FaultKind.Delay => $"@{At.TotalMilliseconds:0}ms delay {Rate:P0} by up to {Millis}ms",
        FaultKind.Restart => $"@{At.TotalMilliseconds:0}ms restart n{A} (clock skew {Millis}ms)",
        FaultKind.RecordCommand => $"@{At.TotalMilliseconds:0}ms record {Millis} commands on n{A}",
        FaultKind.Pause => $"@{At.TotalMilliseconds:0}ms pause {Target} for {Millis}ms",
        FaultKind.ClockJump => $"@{At.TotalMilliseconds:0}ms clock of {Target} jumps {(Millis < 0 ? "back" : "ahead")} {Math.Abs(Millis)}ms",
        FaultKind.RestartCluster => $"@{At.TotalMilliseconds:0}ms every node stops (the cluster starts again {Millis}ms later)",
        FaultKind.StartCluster => $"@{At.TotalMilliseconds:0}ms the cluster starts again",
        FaultKind.Disconnect => $"@{At.TotalMilliseconds:0}ms connection {Target} <-> n{B} resets",
        _ => $"@{At.TotalMilliseconds:0}ms {Kind.ToString().ToLowerInvariant()} {Target}",
    };

    private string Target => A == TheMaster ? "the master" : $"n{A}";

    private static string Slots(int[]? group) => $"{{{string.Join(",", (group ?? []).Select(g => "n" + g))}}}";
}

/// <summary>
/// One node of a scenario: when its clock says it started (seniority), its candidacy, and how far its wall clock is off
/// the simulation's time when it starts (sessions carry wall-clock time).
/// </summary>
internal sealed record NodeSpec(int Slot, long StartedAtUnixMs, int Priority, bool Candidate, bool Initial, int ClockSkewMs = 0);

/// <summary>
/// A scenario: the cluster, its settings and a schedule of faults, all derived from one seed. After
/// <see cref="FaultPhase"/> (or after the last action of a shrunk prefix) everything heals and the cluster must
/// converge within three election timeouts and then stay quiet. Some scenarios end with a <see cref="Probe"/>: one
/// fault aimed at the converged master (a pause, a blip, a connection reset) whose outcome is checked on its own.
/// </summary>
internal sealed class Scenario
{
    /// <summary>A fixed epoch for start instants, so runs replay identically whatever the wall clock says.</summary>
    public const long EpochUnixMs = 1_700_000_000_000;

    private Scenario(int seed, QuorumMode mode, NodeSpec[] nodes, ElectionSettings settings, TimeSpan faultPhase,
        TimeSpan detectDelay, int maxLatencyMs, IReadOnlyList<FaultAction> actions, int fullLength, Probe? probe)
    {
        Seed = seed;
        Mode = mode;
        Nodes = nodes;
        Settings = settings;
        FaultPhase = faultPhase;
        DetectDelay = detectDelay;
        MaxLatencyMs = maxLatencyMs;
        Actions = actions;
        FullLength = fullLength;
        Probe = probe;
    }

    public int Seed { get; }
    public QuorumMode Mode { get; }
    public NodeSpec[] Nodes { get; }
    public ElectionSettings Settings { get; }

    /// <summary>How long faults are injected; then everything heals.</summary>
    public TimeSpan FaultPhase { get; }

    /// <summary>How long the emulated failure detector takes to notice a change of reachability.</summary>
    public TimeSpan DetectDelay { get; }

    /// <summary>Normal network latency is 1..this many ms.</summary>
    public int MaxLatencyMs { get; }

    public IReadOnlyList<FaultAction> Actions { get; }

    /// <summary>The length of the full schedule this one is a prefix of.</summary>
    public int FullLength { get; }

    /// <summary>The fault aimed at the converged master after the quiet period, or null.</summary>
    public Probe? Probe { get; }

    /// <summary>The time allowed to converge after healing: three election timeouts.</summary>
    public TimeSpan ConvergenceDeadline => Settings.ElectionTimeout * 3;

    /// <summary>How long the quiet period lasts: the convergence deadline, then three more election timeouts of calm.</summary>
    public TimeSpan QuietPhase => Settings.ElectionTimeout * 6;

    /// <summary>Faults end here: at the end of the fault phase, or just after the last action of a shrunk prefix.</summary>
    public TimeSpan HealAt => Actions.Count == FullLength ? FaultPhase : (Actions.Count == 0 ? TimeSpan.FromMilliseconds(1) : Actions[^1].At + TimeSpan.FromMilliseconds(1));

    /// <summary>
    /// The longest master pause that no follower can take for a lost master. A master paused for d sends its next
    /// heartbeat when the pause ends, and its last one went out at most heartbeat-interval before the pause began: a
    /// follower hears nothing for at most d + heartbeat-interval + (latency spread), which must stay below failure-timeout.
    /// </summary>
    public TimeSpan ShortPauseBound => Settings.FailureTimeout - Settings.HeartbeatInterval - TimeSpan.FromMilliseconds(MaxLatencyMs);

    /// <summary>
    /// The longest blip (the master cut off both ways) that must cost no election. Two bounds, both documented:
    /// <list type="bullet">
    /// <item>no follower may take it for a lost master (failure-timeout): a cut drops what is in flight too, so the last
    /// heartbeat heard may have left up to heartbeat-interval + latency before the cut, and the first one after it leaves
    /// up to heartbeat-interval after it: silence up to d + 2 heartbeat-intervals + 2 latencies;</item>
    /// <item>the master steps down once it has lacked a reachable majority for connection-delay, counted from the failure
    /// detector's verdict (docs/configuration.md): the emulated detector flags a cut that lasts its detection delay, for as
    /// long as the cut lasts, so a blip costs nothing only if shorter than the detection delay or connection-delay.</item>
    /// </list>
    /// Blips between this and failure-timeout are measured (<see cref="ProbeKind.WindowBlip"/>): reference.conf promises
    /// that a blip shorter than failure-timeout costs no election, which holds only when Akka's detector tolerates it too.
    /// </summary>
    public TimeSpan ShortBlipBound => Min(
        Settings.FailureTimeout - Settings.HeartbeatInterval * 2 - TimeSpan.FromMilliseconds(2 * MaxLatencyMs),
        (DetectDelay > Settings.ConnectionDelay ? DetectDelay : Settings.ConnectionDelay) - TimeSpan.FromMilliseconds(1));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public Scenario WithPrefix(int length) =>
        new(Seed, Mode, Nodes, Settings, FaultPhase, DetectDelay, MaxLatencyMs, Actions.Take(length).ToList(), FullLength, Probe);

    public Scenario Without(int index) =>
        new(Seed, Mode, Nodes, Settings, FaultPhase, DetectDelay, MaxLatencyMs, Actions.Where((_, i) => i != index).ToList(), FullLength, Probe);

    /// <summary>The same scenario with <paramref name="probe"/> as its probe (targeted tests).</summary>
    public Scenario WithProbe(Probe? probe) =>
        new(Seed, Mode, Nodes, Settings, FaultPhase, DetectDelay, MaxLatencyMs, Actions, FullLength, probe);

    public override string ToString() =>
        $"seed {Seed}, quorum {Mode.ToString().ToLowerInvariant()}, {Nodes.Length} nodes ({Nodes.Count(n => n.Initial)} initial), " +
        $"election-timeout {Settings.ElectionTimeout.TotalMilliseconds}ms, gather {Settings.GatherTimeout.TotalMilliseconds}ms, " +
        $"heartbeat {Settings.HeartbeatInterval.TotalMilliseconds}ms, failure-timeout {Settings.FailureTimeout.TotalMilliseconds}ms, connection-delay {Settings.ConnectionDelay.TotalMilliseconds}ms, " +
        $"detect {DetectDelay.TotalMilliseconds}ms, latency 1..{MaxLatencyMs}ms, " +
        $"clock skews {{{string.Join(",", Nodes.Select(n => n.ClockSkewMs))}}}ms, faults until {HealAt.TotalMilliseconds:0}ms, " +
        $"{Actions.Count} of {FullLength} actions{(Probe is null ? "" : ", then " + Probe)}";

    public string Schedule() => Actions.Count == 0 ? "  (no actions)" : string.Join(Environment.NewLine, Actions.Select((a, i) => $"  {i,2}: {a}"));

    /// <summary>A calm cluster of <paramref name="nodes"/> nodes with the default timings and no faults (for the hostile-message tests).</summary>
    public static Scenario Calm(int seed, QuorumMode mode, int nodes)
    {
        var settings = ElectionSettings.Create(ConfigurationFactory.ParseString($"quorum = {mode.ToString().ToLowerInvariant()}"));
        var specs = Enumerable.Range(0, nodes).Select(i => new NodeSpec(i, EpochUnixMs - 60_000 * (i + 1), 0, true, true)).ToArray();
        return new Scenario(seed, mode, specs, settings, TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(100), 3, [], 0, null);
    }

    /// <summary>A hand-written scenario (the targeted tests): these nodes, settings and actions, faults until <paramref name="faultPhase"/>.</summary>
    public static Scenario Of(QuorumMode mode, NodeSpec[] nodes, ElectionSettings settings, TimeSpan faultPhase, IReadOnlyList<FaultAction> actions,
        TimeSpan? detectDelay = null, int maxLatencyMs = 3, Probe? probe = null, int seed = 1) =>
        new(seed, mode, nodes, settings, faultPhase, detectDelay ?? TimeSpan.FromMilliseconds(100), maxLatencyMs,
            actions.OrderBy(a => a.At).ToList(), actions.Count, probe);

    private static readonly int[] NodeCounts = [3, 3, 3, 3, 4, 4, 5, 5, 5, 6, 7, 7, 8, 9];
    private static readonly int[] Timeouts = [1000, 1500, 2000, 3000];
    private static readonly int[] ConnectionDelays = [0, 50, 100, 200, 400];

    /// <summary>The share of scenarios that end with a probe of the converged master.</summary>
    public const double ProbeShare = 0.3;

    /// <summary>
    /// Everything of a scenario from <paramref name="seed"/>: the classic mix of single faults (the seeds of
    /// <c>RegressionTests</c> were found with it alone, <paramref name="extras"/> = false), then, from a second random
    /// stream so the classic part stays what it was, the compound faults: clock skews and jumps, stop-the-world pauses,
    /// connection resets, partitions with membership changes, step-downs and inconsistent downing inside them,
    /// whole-cluster restarts, and the closing probe.
    /// </summary>
    public static Scenario Generate(int seed, QuorumMode mode, bool extras = true)
    {
        var rng = new Random(seed);
        var n = NodeCounts[rng.Next(NodeCounts.Length)];
        var late = rng.NextDouble() < 0.3 ? rng.Next(1, Math.Min(2, n - 2) + 1) : 0;

        var timeout = Timeouts[rng.Next(Timeouts.Length)];
        var gather = timeout * rng.Next(10, 30) / 100;
        var heartbeat = timeout * rng.Next(20, 50) / 100;
        var connectionDelay = ConnectionDelays[rng.Next(ConnectionDelays.Length)];
        var failureTimeout = heartbeat * rng.Next(2, 5);
        var settings = ElectionSettings.Create(ConfigurationFactory.ParseString($"""
            election-timeout = {timeout}ms
            gather-timeout = {gather}ms
            heartbeat-interval = {heartbeat}ms
            failure-timeout = {failureTimeout}ms
            connection-delay = {connectionDelay}ms
            quorum = {mode.ToString().ToLowerInvariant()}
            """));

        var nodes = new NodeSpec[n];
        for (var i = 0; i < n; i++)
        {
            // Seniority and ties: start instants spread over ten minutes, sometimes equal to another node's.
            var startedAt = i > 0 && rng.NextDouble() < 0.15 ? nodes[rng.Next(i)].StartedAtUnixMs : EpochUnixMs - rng.Next(0, 600_000);
            var priority = rng.NextDouble() < 0.1 ? rng.Next(-1, 3) : 0;
            var candidate = i == 0 || rng.NextDouble() >= 0.1;
            nodes[i] = new NodeSpec(i, startedAt, priority, candidate, Initial: i < n - late);
        }

        var faultPhase = TimeSpan.FromMilliseconds(timeout * (2 + rng.NextDouble() * 3));
        var actions = new List<FaultAction>();
        for (var i = n - late; i < n; i++)
            if (rng.NextDouble() < 0.85) actions.Add(new FaultAction(At(), FaultKind.Join, i));
        var count = rng.Next(0, 4 + n);
        for (var i = 0; i < count; i++)
        {
            var at = At();
            var a = rng.Next(n);
            var b = (a + 1 + rng.Next(n - 1)) % n;
            var roll = rng.Next(100);
            var action = roll switch
            {
                < 10 => new FaultAction(at, FaultKind.CutOneWay, a, b),
                < 20 => new FaultAction(at, FaultKind.CutBoth, a, b),
                < 28 => new FaultAction(at, FaultKind.Isolate, a),
                < 36 => new FaultAction(at, FaultKind.Partition, Group: PickGroup(rng, n)),
                < 42 => new FaultAction(at, FaultKind.HealLink, a, b),
                < 46 => new FaultAction(at, FaultKind.HealAll),
                < 51 => new FaultAction(at, FaultKind.Drop, Rate: rng.NextDouble() * 0.5),
                < 55 => new FaultAction(at, FaultKind.Duplicate, Rate: rng.NextDouble() * 0.5),
                < 60 => new FaultAction(at, FaultKind.Delay, Rate: rng.NextDouble() * 0.5, Millis: rng.Next(10, timeout / 2)),
                < 70 => new FaultAction(at, FaultKind.Crash, a),
                < 75 => new FaultAction(at, FaultKind.Down, a),
                < 83 => new FaultAction(at, FaultKind.Restart, a, Millis: rng.Next(-30_000, 30_001)),
                < 87 => new FaultAction(at, FaultKind.Leave, a),
                < 92 => new FaultAction(at, FaultKind.StepDown, a),
                < 95 => new FaultAction(at, FaultKind.ForceMaster, a),
                _ => new FaultAction(at, FaultKind.RecordCommand, a, Millis: rng.Next(1, 100)),
            };
            actions.Add(action);
            // The cluster's downing follows most crashes.
            if (action.Kind == FaultKind.Crash && rng.NextDouble() < 0.6)
                actions.Add(new FaultAction(at + TimeSpan.FromMilliseconds(rng.Next(200, timeout * 2)), FaultKind.Down, a));
        }
        var detect = TimeSpan.FromMilliseconds(rng.Next(1, 600));
        var maxLatency = rng.Next(1, 6);

        Probe? probe = null;
        if (extras)
        {
            var x = new Random(unchecked(seed * 48271 + 11));
            nodes = Compound.SkewClocks(x, nodes);
            faultPhase = Compound.Add(x, nodes, timeout, failureTimeout, faultPhase, actions);
            var scenario = new Scenario(seed, mode, nodes, settings, faultPhase, detect, maxLatency, [], 0, null);
            probe = x.NextDouble() < ProbeShare ? Probe.Draw(x, scenario) : null;
        }

        var ordered = actions.Select((x, i) => (x, i)).OrderBy(p => p.x.At).ThenBy(p => p.i).Select(p => p.x)
            .Where(x => x.At < faultPhase).ToList();
        return new Scenario(seed, mode, nodes, settings, faultPhase, detect, maxLatency, ordered, ordered.Count, probe);

        TimeSpan At() => TimeSpan.FromMilliseconds(Math.Round(rng.NextDouble() * faultPhase.TotalMilliseconds));
    }

    /// <summary>A random side of a partition: 1 to n/2 of the n slots.</summary>
    public static int[] PickGroup(Random rng, int n)
    {
        var size = rng.Next(1, n / 2 + 1);
        return Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(size).OrderBy(x => x).ToArray();
    }
}
