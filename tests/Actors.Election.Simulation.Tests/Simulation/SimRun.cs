using Actors.Election.Internal;
using Actors.Election.Membership;
using Actors.Election.Serialization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>A broken rule, where in the history it broke, and what the checker saw.</summary>
internal sealed record Violation(string Rule, string Detail, long Seq, TimeSpan At)
{
    /// <summary>The known library defect this violation is a symptom of (see <see cref="KnownDefects"/>), or null.</summary>
    public string? Defect { get; init; }

    public override string ToString() => $"{Rule} at {At.TotalMilliseconds:0.###}ms (#{Seq}){(Defect is null ? "" : " [known defect " + Defect + "]")}: {Detail}";
}

/// <summary>What one run produced.</summary>
internal sealed class RunResult(Scenario scenario, History history, List<Violation> violations)
{
    public Scenario Scenario { get; } = scenario;
    public History History { get; } = history;
    public List<Violation> Violations { get; } = violations;
    public int ActionsApplied { get; init; }
    public int MessageFaults { get; init; }
    public int Messages { get; init; }
    public int Steps { get; init; }

    /// <summary>How long after healing every live node followed one master (null: never).</summary>
    public TimeSpan? ConvergedAfter { get; init; }

    public bool Failed => Violations.Count > 0;
}

/// <summary>
/// Runs one <see cref="Scenario"/>: real election actors whose peers are links of a simulated network. Every
/// message goes through the real serializer (ToBinary, then FromBinary on delivery), waits in the network's
/// queue and is delivered at its virtual delivery time, in (delivery time, send order) order. Virtual time moves
/// from event to event (the next timer, delivery, scheduled fault or failure-detector verdict); after each step a
/// barrier asks every node for its state. With the actors on the calling-thread dispatcher nothing runs
/// concurrently, so one seed always replays the same run.
/// </summary>
internal sealed class SimRun
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
    private readonly SortedSet<long> _fdChecks = new();
    private readonly List<Violation> _runViolations = new();
    private readonly SyncRef _barrier;
    private readonly SyncRef _sink;
    private ElectionState? _barrierState;
    private double _drop, _dup, _delay;
    private int _delayMax;
    private long _envelopeSeq;
    private DateTimeOffset _t0;
    private bool _healed;
    private TimeSpan? _convergedSince;
    private (UniqueAddress, long)? _convergedOn;
    private long _firstConvergedSeq = -1;
    private int _epoch;
    private int _actionsApplied, _messageFaults, _messages, _steps;

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
            var healAt = _s.HealAt;
            var endAt = healAt + _s.QuietPhase;
            var nextAction = 0;
            while (true)
            {
                var next = endAt;
                if (_sim.NextTimerTicks() is { } timer) next = Min(next, TimeSpan.FromTicks(timer - _t0.UtcTicks));
                if (_inflight.TryPeek(out _, out var due)) next = Min(next, TimeSpan.FromTicks(due.Item1));
                if (nextAction < _s.Actions.Count) next = Min(next, _s.Actions[nextAction].At);
                if (_fdChecks.Count > 0) next = Min(next, TimeSpan.FromTicks(_fdChecks.Min));
                if (!_healed) next = Min(next, healAt);
                else if (Now < healAt + _s.DetectDelay) next = Min(next, healAt + _s.DetectDelay);
                if (next < Now) next = Now;

                Step(next, ref nextAction);

                // Faults are over once the failure detector has caught up with the healed network.
                if (_healed && Now >= _s.HealAt + _s.DetectDelay) CheckConvergence();
                if (next >= endAt) break;
            }
            CheckLiveness();
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
        };
    }

    /// <summary>Starts the initial nodes (and hooks the system's logs and crashes to this run).</summary>
    public void Begin()
    {
        _t0 = _sim.Scheduler.Now;
        _sim.OnLog = e =>
        {
            if (e is not Error) return;
            // Name the node, not its actor path (paths depend on what ran before in the system).
            var source = _incarnations.FirstOrDefault(i => i.Actor.Path.ToString() == e.LogSource)?.ToString() ?? "system";
            _h.Log($"{source}: {e.Message}{(e.Cause is null ? "" : " " + e.Cause.GetType().Name + ": " + e.Cause.Message)}");
        };
        _sim.OnCrash = (_, ex) => _h.Log($"an election actor crashed: {ex.GetType().Name}: {ex.Message}");
        _h.Fault($"scenario {_s}");
        var initial = _s.Nodes.Where(n => n.Initial).Select(n => Create(n.Slot, n.StartedAtUnixMs)).ToList();
        foreach (var node in initial) node.Member = true;
        foreach (var node in initial)
        {
            foreach (var other in initial.Where(o => o != node).OrderBy(_ => _ids.Next()))
                TellJoined(node, other);
            node.Actor.Tell(new MemberJoined(node.Address, node.Actor));
        }
        ScheduleDetection();
    }

    /// <summary>Stops every node of the run and unhooks it from the system.</summary>
    public void End()
    {
        foreach (var node in _incarnations.Where(i => i.Alive))
        {
            node.Alive = false;
            _sim.Stop(node.Actor);
        }
        _sim.OnLog = null;
        _sim.OnCrash = null;
    }

    /// <summary>One step of virtual time: timers, then scheduled faults, then failure-detector verdicts, then deliveries; then a barrier.</summary>
    public void Step(TimeSpan to, ref int nextAction)
    {
        _steps++;
        _sim.Scheduler.AdvanceTo(_t0 + to);
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

    /// <summary>Runs the simulation on without scheduled faults until <paramref name="until"/> (used by the hostile-message tests).</summary>
    public void RunUntil(TimeSpan until)
    {
        var none = int.MaxValue;
        while (true)
        {
            var next = until;
            if (_sim.NextTimerTicks() is { } timer) next = Min(next, TimeSpan.FromTicks(timer - _t0.UtcTicks));
            if (_inflight.TryPeek(out _, out var due)) next = Min(next, TimeSpan.FromTicks(due.Item1));
            if (_fdChecks.Count > 0) next = Min(next, TimeSpan.FromTicks(_fdChecks.Min));
            if (next < Now) next = Now;
            Step(next, ref none);
            if (next >= until) return;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Asks every running node for its state: the barrier that proves the system is quiescent, and the liveness sample.</summary>
    private void Barrier()
    {
        foreach (var node in _incarnations)
        {
            if (!node.Alive) continue;
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

    /// <summary>Samples convergence after healing: every live member follows one live master, all in one session.</summary>
    private void CheckConvergence()
    {
        var live = _incarnations.Where(i => i.Alive && i.Member).ToList();
        (UniqueAddress, long)? on = null;
        if (live.Count > 0 && live[0].LastState is { Master: { } master } first)
        {
            var leader = live.FirstOrDefault(i => i.Address.Equals(master));
            var converged = leader?.LastState is { Status: ElectionStatus.Master } ls && ls.Session == first.Session
                && live.All(i => i.LastState is { } st && master.Equals(st.Master) && st.Session == first.Session
                                 && (i == leader ? st.Status == ElectionStatus.Master : st.Status == ElectionStatus.Follower));
            if (converged) on = (master, first.Session);
        }
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
        var live = _incarnations.Where(i => i.Alive && i.Member).ToList();
        string States() => string.Join("; ", live.Select(i => $"{i}={i.LastState?.Status} s={i.LastState?.Session} m={Sim.Name(i.LastState?.Master)}"));
        if (_convergedSince is not { } since)
        {
            _runViolations.Add(new Violation("no convergence",
                $"{_s.QuietPhase.TotalMilliseconds:0}ms after healing the live nodes still do not follow one master: {States()}", _h.NextSeq, Now)
            {
                Defect = KnownDefects.QuorumLostForGood(_s.Mode, live.Select(i => i.LastState).OfType<ElectionState>().ToList(), live.Select(i => i.Address).ToHashSet())
                         ?? KnownDefects.BootstrapBlockedByDowning(_s.Mode, live.Select(i => i.LastState).OfType<ElectionState>().ToList(), live.Select(i => i.Address).ToHashSet()),
            });
            return;
        }
        if (since - _s.HealAt > _s.ConvergenceDeadline)
            _runViolations.Add(new Violation("slow convergence",
                $"the live nodes follow {Sim.Name(_convergedOn!.Value.Item1)} in session {_convergedOn.Value.Item2} only since {(since - _s.HealAt).TotalMilliseconds:0}ms " +
                $"after healing (allowed: three election timeouts, {_s.ConvergenceDeadline.TotalMilliseconds:0}ms)", _h.NextSeq, since));
        foreach (var e in _h.Entries)
        {
            if (e.Seq <= _firstConvergedSeq) continue;
            if (e is EventEntry { Event: ElectionStarted or ElectionTimedOut or SplitBrainDetected } ev && ev.Node.Alive && ev.Node.Member)
            {
                _runViolations.Add(new Violation("election after convergence",
                    $"{ev.Node} published {Sim.Describe(ev.Event)} after every live node followed one master, with nothing failing", e.Seq, e.At));
                return;
            }
        }
    }

    // ------------------------------------------------------------------ nodes and membership

    private Incarnation Create(int slot, long startedAtUnixMs, int clockSkewMs = 0)
    {
        var spec = _s.Nodes[slot];
        var address = new Address("akka.tcp", "sim", $"n{slot}", 2550 + slot);
        var node = new Incarnation(_incarnations.Count, slot, new UniqueAddress(address, _ids.Next(1, int.MaxValue))) { Epoch = _epoch, CreatedSeq = _h.NextSeq };
        var settings = _s.Settings.WithPriority(spec.Priority).WithCandidate(spec.Candidate);
        var startedAt = DateTimeOffset.FromUnixTimeMilliseconds(startedAtUnixMs);
        // Its wall clock: the scenario's epoch plus the simulation's time, plus its own skew (a fixed epoch, so a seed replays).
        var epoch = DateTimeOffset.FromUnixTimeMilliseconds(Scenario.EpochUnixMs);
        var t0 = _t0;
        node.ClockSkew = TimeSpan.FromMilliseconds(clockSkewMs);
        node.Actor = _sim.Spawn(ElectionActor.PropsWithCore(settings, node.Address, startedAt, _ids.Next(), Core.Policies.Default,
            now => epoch + (now - t0) + node.ClockSkew));
        node.Alive = true;
        _incarnations.Add(node);
        _current[slot] = node;
        _h.Fault($"start {node} (started at epoch{(startedAtUnixMs - Scenario.EpochUnixMs) / 1000.0:+0.###;-0.###}s, priority {spec.Priority}, candidate {spec.Candidate})");
        node.Actor.Tell(new WatchElectionState(new SyncRef(_sim.System, "state", (m, _) =>
        {
            if (m is ElectionState st) _h.State(node, st);
        })));
        node.Actor.Tell(new SubscribeElection(new SyncRef(_sim.System, "events", (m, _) =>
        {
            if (m is IElectionEvent e) _h.Event(node, e);
        })));
        return node;
    }

    /// <summary>Tells <paramref name="observer"/> that <paramref name="member"/> is a member, reachable through the network.</summary>
    private void TellJoined(Incarnation observer, Incarnation member)
    {
        observer.Actor.Tell(new MemberJoined(member.Address, Link(observer, member)));
        observer.Knows[member] = true;
    }

    /// <summary>A new incarnation joins: everyone learns of it, it learns of every member, then of itself.</summary>
    private Incarnation StartAndJoin(int slot, long startedAtUnixMs, int clockSkewMs = 0)
    {
        // With no member left running, what the cluster knew is gone: the newcomer starts a new cluster history. Its
        // sessions still come after every earlier one, because they carry wall-clock time (the checker holds every
        // history to one master per session).
        if (!_incarnations.Any(i => i.Alive && i.Member))
        {
            _epoch++;
            _h.Fault($"no member is running: a new cluster history (epoch {_epoch}) begins");
        }
        var node = Create(slot, startedAtUnixMs, clockSkewMs);
        var members = _incarnations.Where(i => i.Member && i != node).ToList();
        foreach (var m in members.Where(m => m.Alive)) TellJoined(m, node);
        foreach (var m in members) TellJoined(node, m);
        node.Member = true;
        node.Actor.Tell(new MemberJoined(node.Address, node.Actor));
        ScheduleDetection();
        return node;
    }

    /// <summary>The cluster removes <paramref name="node"/> (downed or left): every running member is told, itself included.</summary>
    private void Remove(Incarnation node, bool left = false)
    {
        node.Member = false;
        _h.Fault($"removed {node}{(left ? " (left)" : "")}");
        foreach (var m in _incarnations.Where(i => i.Alive && (i.Knows.ContainsKey(node) || i == node)))
        {
            m.Actor.Tell(new MemberRemoved(node.Address) { Left = left });
            m.Knows.Remove(node);
        }
    }

    private void StopActor(Incarnation node, string why)
    {
        node.Alive = false;
        _h.Fault($"{why} {node}");
        _sim.Stop(node.Actor);
        ScheduleDetection();
    }

    private long StartedNow(int skewMs) => Scenario.EpochUnixMs + (long)Now.TotalMilliseconds + skewMs;

    // ------------------------------------------------------------------ the failure detector

    private void ScheduleDetection() => _fdChecks.Add((Now + _s.DetectDelay).Ticks);

    /// <summary>Tells each running member what it can hear now: A hears B while B runs and the link B -> A is up.</summary>
    private void Detect()
    {
        foreach (var observer in _incarnations)
        {
            if (!observer.Alive || !observer.Member) continue;
            List<(Incarnation, bool)>? changes = null;
            foreach (var (subject, told) in observer.Knows)
            {
                var hears = subject.Alive && !_cut[subject.Slot, observer.Slot];
                if (hears != told) (changes ??= new()).Add((subject, hears));
            }
            if (changes is null) continue;
            foreach (var (subject, hears) in changes)
            {
                observer.Knows[subject] = hears;
                _h.Fault($"failure detector: {observer} finds {subject} {(hears ? "reachable" : "unreachable")}");
                observer.Actor.Tell(hears ? new MemberReachable(subject.Address) : new MemberUnreachable(subject.Address));
            }
        }
    }

    // ------------------------------------------------------------------ faults

    private void Apply(FaultAction a)
    {
        var node = a.A >= 0 ? _current[a.A] : null;
        var applied = true;
        switch (a.Kind)
        {
            case FaultKind.CutOneWay:
                _cut[a.A, a.B] = true;
                break;
            case FaultKind.CutBoth:
                _cut[a.A, a.B] = _cut[a.B, a.A] = true;
                break;
            case FaultKind.Isolate:
                for (var i = 0; i < _current.Length; i++)
                    if (i != a.A) _cut[a.A, i] = _cut[i, a.A] = true;
                break;
            case FaultKind.Partition:
                for (var i = 0; i < _current.Length; i++)
                for (var j = 0; j < _current.Length; j++)
                    if (a.Group!.Contains(i) != a.Group.Contains(j)) _cut[i, j] = true;
                break;
            case FaultKind.HealLink:
                _cut[a.A, a.B] = _cut[a.B, a.A] = false;
                break;
            case FaultKind.HealAll:
                Array.Clear(_cut);
                _drop = _dup = _delay = 0;
                break;
            case FaultKind.Drop:
                _drop = a.Rate;
                break;
            case FaultKind.Duplicate:
                _dup = a.Rate;
                break;
            case FaultKind.Delay:
                _delay = a.Rate;
                _delayMax = a.Millis;
                break;
            case FaultKind.Crash when node is { Alive: true }:
                StopActor(node, "crash");
                break;
            case FaultKind.Down when node is { Alive: false, Member: true }:
                Remove(node);
                break;
            case FaultKind.Restart:
                if (node is { Alive: true }) StopActor(node, "crash");
                if (node is { Member: true }) Remove(node);
                StartAndJoin(a.A, StartedNow(a.Millis), a.Millis);
                break;
            case FaultKind.Leave when node is { Alive: true, Member: true }:
                Remove(node, left: true);
                StopActor(node, "left");
                break;
            case FaultKind.Join when node is null:
                StartAndJoin(a.A, _s.Nodes[a.A].StartedAtUnixMs);
                break;
            case FaultKind.StepDown when node is { Alive: true }:
                node.Actor.Tell(StepDown.Instance, _sink);
                break;
            case FaultKind.ForceMaster when node is { Alive: true }:
                node.Actor.Tell(ForceMaster.Instance, _sink);
                break;
            case FaultKind.RecordCommand when node is { Alive: true }:
                node.Actor.Tell(new RecordCommand(a.Millis), _sink);
                break;
            default:
                applied = false;
                break;
        }
        _h.Fault(applied ? a.ToString() : $"{a} (no effect)");
        if (!applied) return;
        _actionsApplied++;
        if (a.Kind is FaultKind.CutOneWay or FaultKind.CutBoth or FaultKind.Isolate or FaultKind.Partition or FaultKind.HealLink or FaultKind.HealAll)
            ScheduleDetection();
    }

    /// <summary>Faults end: every link heals, message faults stop, crashed nodes are removed, and a candidate runs.</summary>
    private void Heal()
    {
        _healed = true;
        Array.Clear(_cut);
        _drop = _dup = _delay = 0;
        _h.Fault("faults end: every link heals, message faults stop");
        foreach (var node in _incarnations.Where(i => !i.Alive && i.Member).ToList()) Remove(node);
        if (!_incarnations.Any(i => i.Alive && i.Member && _s.Nodes[i.Slot].Candidate))
        {
            // Liveness needs a candidate: bring slot 0 (always a candidate) back.
            if (_current[0] is { Alive: true } zero) { Remove(zero); StopActor(zero, "restart"); }
            StartAndJoin(0, StartedNow(0));
        }
        ScheduleDetection();
    }

    // ------------------------------------------------------------------ the network

    private sealed record Envelope(Incarnation? From, UniqueAddress FromNode, Incarnation To, byte[] Bytes);

    private SyncRef Link(Incarnation from, Incarnation to)
    {
        if (!from.Links.TryGetValue(to.Id, out var link))
        {
            link = new SyncRef(_sim.System, "link", (m, _) =>
            {
                if (m is ElectionMessage message) Send(from, to, message);
                else
                {
                    _h.Log($"{from} sent {m.GetType().Name} to {to}: only election messages belong on the wire");
                }
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
            _inflight.Enqueue(new Envelope(from, from.Address, to, bytes), ((Now + latency).Ticks, _envelopeSeq++));
        }
    }

    /// <summary>Puts a message on the wire as if <paramref name="fromNode"/> (any node, member or not) had sent it to <paramref name="to"/>.</summary>
    public void Inject(UniqueAddress fromNode, Incarnation to, ElectionMessage m, TimeSpan latency)
    {
        var bytes = _serializer.ToBinary(m);
        _inflight.Enqueue(new Envelope(null, fromNode, to, bytes), ((Now + latency).Ticks, _envelopeSeq++));
    }

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
        _h.Wire(WireOp.Delivered, e.From, e.FromNode, e.To, m);
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
