using Actors.Election.Serialization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>
/// Runs one <see cref="Scenario"/>: real election actors whose peers are links of a simulated network. Every
/// message goes through the real serializer (ToBinary, then FromBinary on delivery), waits in the network's
/// queue and is delivered at its virtual delivery time, in (delivery time, send order) order. Virtual time moves
/// from event to event (the next timer, delivery, scheduled fault, failure-detector verdict, transport notice or end
/// of a pause); after each step a barrier asks every running node for its state. With the actors on the
/// calling-thread dispatcher nothing runs concurrently, so one seed always replays the same run.
/// <para>The run's parts: this file (the phases, the barrier, the liveness rules, the network),
/// <c>SimRun.Membership.cs</c> (nodes, gossip, the failure detector, the transport), <c>SimRun.Faults.cs</c> (the
/// schedule's actions, pauses, the heal), <c>SimRun.Clocks.cs</c> (wall clocks and cluster histories) and
/// <c>SimRun.Probes.cs</c> (the closing probe).</para>
/// </summary>
internal sealed partial class SimRun
{
    private readonly SimSystem _sim;
    private readonly Scenario _s;
    private readonly History _h;
    private readonly ElectionMessageSerializer _serializer;
    private readonly Random _net;
    private readonly Random _ids;
    private readonly List<Incarnation> _incarnations = new();
    private readonly Incarnation?[] _current;
    private readonly bool[,] _cut;
    private readonly PriorityQueue<Envelope, (long, long)> _inflight = new();
    private readonly PriorityQueue<Action, (long, long)> _harness = new();
    private readonly SortedSet<long> _fdChecks = new();
    private readonly List<Violation> _runViolations = new();
    private readonly SyncRef _barrier;
    private readonly SyncRef _sink;
    private ElectionState? _barrierState;
    private double _drop, _dup, _delay;
    private int _delayMax;
    private long _envelopeSeq, _harnessSeq;
    private DateTimeOffset _t0;
    private bool _healed;
    private TimeSpan? _convergedSince;
    private (UniqueAddress, long)? _convergedOn;
    private long _firstConvergedSeq = -1;
    private int _actionsApplied, _messageFaults, _messages, _steps;
    private ProbeResult? _probe;

    public SimRun(SimSystem sim, Scenario scenario, bool fullHistory = true)
    {
        _sim = sim;
        _s = scenario;
        _h = new History(() => _sim.Scheduler.Now - _t0) { Full = fullHistory };
        _serializer = new ElectionMessageSerializer((ExtendedActorSystem)sim.System);
        _net = new Random(unchecked(scenario.Seed * 7919 + 17));
        _ids = new Random(unchecked(scenario.Seed * 104729 + 3));
        _current = new Incarnation?[scenario.Nodes.Length];
        _cut = new bool[scenario.Nodes.Length, scenario.Nodes.Length];
        _barrier = new SyncRef(sim.System, "barrier", (m, _) => _barrierState = m as ElectionState);
        _sink = new SyncRef(sim.System, "sink", (_, _) => { });
    }

    public History History => _h;

    public IReadOnlyList<Incarnation> Incarnations => _incarnations;

    public TimeSpan Now => _sim.Scheduler.Now - _t0;

    // ------------------------------------------------------------------ the run

    public RunResult Execute()
    {
        Begin();
        try
        {
            var nextAction = 0;
            // Faults, then the quiet period; convergence is sampled once the failure detector has caught up with the heal.
            RunUntil(_s.HealAt + _s.QuietPhase, ref nextAction, () =>
            {
                if (_healed && Now >= _s.HealAt + _s.DetectDelay) CheckConvergence();
            });
            CheckLiveness();
            if (_s.Probe is { } probe) _probe = RunProbe(probe, ref nextAction);
        }
        finally
        {
            End();
        }
        var violations = new List<Violation>(_runViolations);
        violations.AddRange(Checker.Check(_s, _h));
        violations.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        violations = KnownDefects.Classify(_s, violations);
        return new RunResult(_s, _h, violations)
        {
            ActionsApplied = _actionsApplied,
            MessageFaults = _messageFaults,
            Messages = _messages,
            Steps = _steps,
            ConvergedAfter = _convergedSince is { } c ? c - _s.HealAt : null,
            Histories = _epoch + 1,
            AppliedKinds = new Dictionary<FaultKind, int>(_appliedKinds),
            Probe = _probe,
        };
    }

    /// <summary>Starts the initial nodes (and hooks the system's logs and crashes to this run).</summary>
    public void Begin()
    {
        _t0 = _sim.Scheduler.Now;
        _sim.OnLog = e =>
        {
            // Name the node, not its actor path (paths depend on what ran before in the system).
            var source = _incarnations.FirstOrDefault(i => i.Actor.Path.ToString() == e.LogSource)?.ToString() ?? "system";
            if (e is Error) _h.Log($"{source}: {e.Message}{(e.Cause is null ? "" : " " + e.Cause.GetType().Name + ": " + e.Cause.Message)}");
            else if (_sim.RecordsNodeLogs) _h.Note($"{source}: {e.Message}");
        };
        _sim.OnCrash = (_, ex) => _h.Log($"an election actor crashed: {ex.GetType().Name}: {ex.Message}");
        _h.Fault($"scenario {_s}");
        StartCluster(_s.Nodes.Where(n => n.Initial).Select(n => (n.Slot, n.StartedAtUnixMs)).ToList());
    }

    /// <summary>Stops every node of the run and unhooks it from the system.</summary>
    public void End()
    {
        foreach (var node in _incarnations.Where(i => i.Alive))
        {
            node.Alive = false;
            node.Paused = false;
            _sim.Stop(node.Actor);
        }
        _sim.OnLog = null;
        _sim.OnCrash = null;
    }

    /// <summary>Runs on until <paramref name="until"/>, applying the schedule's actions as they fall due.</summary>
    private void RunUntil(TimeSpan until, ref int nextAction, Action? afterStep = null)
    {
        while (true)
        {
            var next = until;
            if (_sim.NextTimerTicks() is { } timer) next = Min(next, TimeSpan.FromTicks(timer - _t0.UtcTicks));
            if (_inflight.TryPeek(out _, out var due)) next = Min(next, TimeSpan.FromTicks(due.Item1));
            if (_harness.TryPeek(out _, out var hdue)) next = Min(next, TimeSpan.FromTicks(hdue.Item1));
            if (nextAction < _s.Actions.Count) next = Min(next, _s.Actions[nextAction].At);
            if (_fdChecks.Count > 0) next = Min(next, TimeSpan.FromTicks(_fdChecks.Min));
            if (!_healed) next = Min(next, _s.HealAt);
            else if (Now < _s.HealAt + _s.DetectDelay) next = Min(next, _s.HealAt + _s.DetectDelay);
            if (next < Now) next = Now;

            Step(next, ref nextAction);
            afterStep?.Invoke();
            if (next >= until) return;
        }
    }

    /// <summary>Runs the simulation on without scheduled faults until <paramref name="until"/> (used by the hostile-message tests).</summary>
    public void RunUntil(TimeSpan until)
    {
        var none = int.MaxValue;
        RunUntil(until, ref none);
    }

    /// <summary>
    /// One step of virtual time: timers (a paused node's only queue up), then harness events due (ends of pauses,
    /// transport notices), scheduled faults, failure-detector verdicts, deliveries; then a barrier.
    /// </summary>
    private void Step(TimeSpan to, ref int nextAction)
    {
        _steps++;
        _sim.Scheduler.AdvanceTo(_t0 + to);
        while (_harness.TryPeek(out _, out var hdue) && hdue.Item1 <= to.Ticks) _harness.Dequeue()();
        while (nextAction < _s.Actions.Count && _s.Actions[nextAction].At <= to)
            Apply(_s.Actions[nextAction++]);
        if (!_healed && to >= _s.HealAt) Heal();
        while (_fdChecks.Count > 0 && _fdChecks.Min <= to.Ticks)
        {
            _fdChecks.Remove(_fdChecks.Min);
            Detect();
        }
        while (_inflight.TryPeek(out var envelope, out var due) && due.Item1 <= to.Ticks)
        {
            _inflight.Dequeue();
            Deliver(envelope);
        }
        Barrier();
    }

    /// <summary>Runs <paramref name="action"/> at <paramref name="at"/> (after the timers due then, before the faults).</summary>
    private void At(TimeSpan at, Action action) => _harness.Enqueue(action, (at.Ticks, _harnessSeq++));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Asks every running node for its state: the barrier that proves the system is quiescent, and the liveness sample.</summary>
    private void Barrier()
    {
        foreach (var node in _incarnations)
        {
            // A paused node answers nothing until its pause ends: its last state stands.
            if (!node.Alive || node.Paused) continue;
            _barrierState = null;
            node.Actor.Tell(GetElectionState.Instance, _barrier);
            if (_barrierState is null)
            {
                // The actor did not answer synchronously: it failed and was stopped.
                node.Alive = false;
                node.Crashed = true;
                _runViolations.Add(new Violation("actor crashed", $"{node}'s election actor stopped answering (it failed and was stopped)", _h.NextSeq, Now));
                _h.Log($"{node} does not answer: its actor failed");
                continue;
            }
            node.LastState = _barrierState;
        }
    }

    private List<Incarnation> LiveMembers() => _incarnations.Where(i => i.Alive && i.Member).ToList();

    /// <summary>
    /// The master and session every one of <paramref name="nodes"/> agrees on (the master among them, in that session,
    /// the others its followers), or null. <paramref name="freshSince"/>: each follower must also have heard the master
    /// since then, so that a silence that began before it cannot still make it lose the master.
    /// </summary>
    private (UniqueAddress Master, long Session)? Agreement(IReadOnlyList<Incarnation> nodes, TimeSpan? freshSince = null)
    {
        if (nodes.Count == 0 || nodes.Any(i => i.Paused) || nodes[0].LastState is not { Master: { } master } first) return null;
        var leader = nodes.FirstOrDefault(i => i.Address.Equals(master));
        if (leader?.LastState is not { Status: ElectionStatus.Master } ls || ls.Session != first.Session) return null;
        foreach (var i in nodes)
        {
            if (i.LastState is not { } st || !master.Equals(st.Master) || st.Session != first.Session) return null;
            if (i == leader) continue;
            if (st.Status != ElectionStatus.Follower) return null;
            if (freshSince is { } since && (!i.LastHeard.TryGetValue(leader, out var heard) || heard < since)) return null;
        }
        return (master, first.Session);
    }

    /// <summary>
    /// Samples convergence after healing: every live member follows one live master, all in one session, every follower
    /// has heard that master since the heal (a follower that has not may still be counting down a silence the faults
    /// caused, and lose its master when it runs out), and no claim of another master is still in flight.
    /// </summary>
    private void CheckConvergence()
    {
        var on = Agreement(LiveMembers(), _s.HealAt);
        // A claim of another master still on the wire (sent before they agreed) is part of the merge, not a new split.
        if (on is { } agreed && _inflight.UnorderedItems.Any(e => e.Element.ClaimsMaster && !e.Element.FromNode.Equals(agreed.Master))) on = null;
        if (on is null)
        {
            _convergedSince = null;
            return;
        }
        if (_convergedSince is null || on != _convergedOn)
        {
            _convergedSince = Now;
            _convergedOn = on;
            if (_firstConvergedSeq < 0)
            {
                _firstConvergedSeq = _h.NextSeq;
                _h.Fault($"converged: every live node follows {Sim.Name(on.Value.Item1)} in session {on.Value.Item2}, {(Now - _s.HealAt).TotalMilliseconds:0}ms after healing");
            }
        }
    }

    /// <summary>
    /// The liveness rules, at the end of the quiet period: the live nodes follow one master, have done so since at
    /// most three election timeouts after healing, and no election started once they first agreed.
    /// </summary>
    private void CheckLiveness()
    {
        var live = LiveMembers();
        string States() => string.Join("; ", live.Select(i => $"{i}={i.LastState?.Status} s={i.LastState?.Session} m={Sim.Name(i.LastState?.Master)}" +
                                                             $" el={i.LastState?.ElectorateVersion}{{{string.Join(",", i.LastState?.Electorate.Select(n => Sim.Name(n)) ?? [])}}}" +
                                                             $" voters={i.LastState?.Voters.Count} reachable={i.LastState?.Reachable.Count}"));
        if (_convergedSince is not { } since)
        {
            var states = live.Select(i => i.LastState).OfType<ElectionState>().ToList();
            var liveNodes = live.Select(i => i.Address).ToHashSet();
            _runViolations.Add(new Violation("no convergence",
                $"{_s.QuietPhase.TotalMilliseconds:0}ms after healing the live nodes still do not follow one master: {States()}", _h.NextSeq, Now)
            {
                Defect = KnownDefects.QuorumLostForGood(_s.Mode, states, liveNodes, ProvenGone)
                         ?? KnownDefects.BootstrapBlockedByDowning(_s.Mode, states, liveNodes, ProvenGone),
            });
            return;
        }
        if (since - _s.HealAt > _s.ConvergenceDeadline)
            _runViolations.Add(new Violation("slow convergence",
                $"the live nodes follow {Sim.Name(_convergedOn!.Value.Item1)} in session {_convergedOn.Value.Item2} only since {(since - _s.HealAt).TotalMilliseconds:0}ms " +
                $"after healing (allowed: three election timeouts, {_s.ConvergenceDeadline.TotalMilliseconds:0}ms)", _h.NextSeq, since));
        if (FirstElectionEvent(_firstConvergedSeq) is { } ev)
            _runViolations.Add(new Violation("election after convergence",
                $"{ev.Node} published {Sim.Describe(ev.Event)} after every live node followed one master, with nothing failing", ev.Seq, ev.At));
    }

    /// <summary>The first event after <paramref name="afterSeq"/> that shows an election on a live member, or null.</summary>
    private EventEntry? FirstElectionEvent(long afterSeq, bool strict = false)
    {
        foreach (var e in _h.Entries)
        {
            if (e.Seq <= afterSeq) continue;
            if (e is EventEntry { Event: var ev } entry && entry.Node.Alive && entry.Node.Member &&
                (ev is ElectionStarted or ElectionTimedOut or SplitBrainDetected || strict && ev is MasterLost or SteppedDown or NewMaster))
                return entry;
        }
        return null;
    }

    // ------------------------------------------------------------------ the network

    private sealed record Envelope(Incarnation? From, UniqueAddress FromNode, Incarnation To, byte[] Bytes)
    {
        /// <summary>The sender claimed to be master when it sent it.</summary>
        public bool ClaimsMaster { get; init; }
    }

    private SyncRef Link(Incarnation from, Incarnation to)
    {
        if (!from.Links.TryGetValue(to.Id, out var link))
        {
            link = new SyncRef(_sim.System, "link", (m, _) =>
            {
                if (m is ElectionMessage message) Send(from, to, message);
                else _h.Log($"{from} sent {m.GetType().Name} to {to}: only election messages belong on the wire");
            });
            from.Links[to.Id] = link;
        }
        return link;
    }

    private void Send(Incarnation from, Incarnation to, ElectionMessage m)
    {
        _messages++;
        _h.Wire(WireOp.Sent, from, from.Address, to, m);
        var bytes = _serializer.ToBinary(m);
        if (_serializer.Manifest(m) != ElectionMessageSerializer.ElectionMessageManifest)
            _h.Log($"unexpected manifest {_serializer.Manifest(m)}");
        if (_cut[from.Slot, to.Slot])
        {
            _h.Wire(WireOp.Dropped, from, from.Address, to, m, "link cut");
            return;
        }
        if (_drop > 0 && _net.NextDouble() < _drop)
        {
            _messageFaults++;
            _h.Wire(WireOp.Dropped, from, from.Address, to, m, "lost");
            return;
        }
        var copies = _dup > 0 && _net.NextDouble() < _dup ? 2 : 1;
        if (copies == 2) _messageFaults++;
        for (var c = 0; c < copies; c++)
        {
            var latency = TimeSpan.FromMilliseconds(_net.Next(1, _s.MaxLatencyMs + 1));
            if (_delay > 0 && _net.NextDouble() < _delay)
            {
                _messageFaults++;
                latency += TimeSpan.FromMilliseconds(_net.Next(1, _delayMax));
            }
            _inflight.Enqueue(new Envelope(from, from.Address, to, bytes) { ClaimsMaster = m.ClaimsMastership }, ((Now + latency).Ticks, _envelopeSeq++));
        }
    }

    /// <summary>Puts a message on the wire as if <paramref name="fromNode"/> (any node, member or not) had sent it to <paramref name="to"/>.</summary>
    public void Inject(UniqueAddress fromNode, Incarnation to, ElectionMessage m, TimeSpan latency)
    {
        var bytes = _serializer.ToBinary(m);
        _inflight.Enqueue(new Envelope(null, fromNode, to, bytes), ((Now + latency).Ticks, _envelopeSeq++));
    }

    /// <summary>Delivers a message: to a paused node it waits in the mailbox until the pause ends, as the bytes would in its socket.</summary>
    private void Deliver(Envelope e)
    {
        var m = (ElectionMessage)_serializer.FromBinary(e.Bytes, ElectionMessageSerializer.ElectionMessageManifest);
        if (!e.To.Alive)
        {
            _h.Wire(WireOp.Dropped, e.From, e.FromNode, e.To, m, "receiver down");
            return;
        }
        if (e.From is { } from && _cut[from.Slot, e.To.Slot])
        {
            _h.Wire(WireOp.Dropped, e.From, e.FromNode, e.To, m, "link cut");
            return;
        }
        if (m.Kind != ElectionMessageKind.PreVote) e.To.Heard.Add((_h.NextSeq, e.From?.CreatedSeq ?? long.MaxValue, m.ProposedSession));
        if (e.From is not null) e.To.LastHeard[e.From] = Now;
        // A reported removal is a fact the receiver holds only when a member of its view reports it and it bears on the
        // sender's electorate or the receiver's own: a node takes no facts from a node it removed, and keeps none about
        // nodes neither electorate counts.
        if (e.From is { } reporter && e.To.Knows.ContainsKey(reporter))
            foreach (var gone in m.Removed)
                if (m.Electorate.Contains(gone) || e.To.LastState is { } st && (st.Electorate.Contains(gone) || st.Outgoing.Contains(gone)))
                    e.To.ToldGone.Add(gone);
        _h.Wire(WireOp.Delivered, e.From, e.FromNode, e.To, m, e.To.Paused ? "held: receiver paused" : null);
        e.To.Actor.Tell(m, e.From is { } sender ? Link(e.To, sender) : _sink);
    }

    // ------------------------------------------------------------------ for the hostile-message tests

    public Incarnation Node(int slot) => _current[slot] ?? throw new InvalidOperationException($"n{slot} never started");

    public ElectionState StateOf(Incarnation node)
    {
        _barrierState = null;
        node.Actor.Tell(GetElectionState.Instance, _barrier);
        return _barrierState ?? throw new InvalidOperationException($"{node} did not answer");
    }

    public IReadOnlyList<Violation> RunViolations => _runViolations;
}
