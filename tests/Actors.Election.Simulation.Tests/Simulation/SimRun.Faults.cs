using Akka.Actor;

namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>The schedule's actions, stop-the-world pauses, whole-cluster restarts, and the heal that ends the faults.</summary>
internal sealed partial class SimRun
{
    private List<int>? _restartSlots;
    private readonly Dictionary<FaultKind, int> _appliedKinds = new();

    /// <summary>How many actions of each kind took effect.</summary>
    public IReadOnlyDictionary<FaultKind, int> AppliedKinds => _appliedKinds;

    private void Apply(FaultAction a)
    {
        var node = a.A == FaultAction.TheMaster ? CurrentMaster() : a.A >= 0 ? _current[a.A] : null;
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
                Isolate(a.A, true);
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
                StartAndJoin(a.A, StartedNow(TimeSpan.FromMilliseconds(a.Millis)), TimeSpan.FromMilliseconds(a.Millis));
                break;
            case FaultKind.Leave when node is { Alive: true, Member: true, Paused: false }:
                Remove(node, left: true);
                StopActor(node, "left");
                break;
            case FaultKind.StartLeaving when node is { Alive: true, Member: true, Paused: false, Leaving: false }:
                node.Leaving = true;
                Publish(NewsKind.Leaving, node, Leader(node) is { } leader ? [node, leader] : [node]);
                break;
            case FaultKind.Exit when node is { Alive: true, Member: true, Paused: false, Leaving: true }:
                // The leaver's exit spreads from the leaver itself: a side it cannot reach never hears that it left (at
                // the heal the cluster downs it instead).
                Remove(node, left: true, decider: node);
                StopActor(node, "left");
                break;
            case FaultKind.Join when node is null:
                StartAndJoin(a.A, _s.Nodes[a.A].StartedAtUnixMs, MachineSkew(a.A));
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
            case FaultKind.Pause when node is { Alive: true, Paused: false }:
                Pause(node, TimeSpan.FromMilliseconds(a.Millis));
                break;
            case FaultKind.ClockJump when node is { Alive: true }:
                SetSkew(node, node.ClockSkew + TimeSpan.FromMilliseconds(a.Millis));
                _h.Fault($"{node}'s clock is now {node.ClockSkew.TotalMilliseconds:+0;-0;0}ms off");
                break;
            case FaultKind.RestartCluster when _incarnations.Any(i => i.Alive):
                _restartSlots = _incarnations.Where(i => i.Alive && i.Member).Select(i => i.Slot).Distinct().Order().ToList();
                foreach (var running in _incarnations.Where(i => i.Alive).ToList())
                {
                    running.Member = false;
                    StopActor(running, "stop (whole cluster)");
                }
                break;
            case FaultKind.StartCluster when _restartSlots is { Count: > 0 } slots:
                _restartSlots = null;
                // Slots already running again (a restart or a join meanwhile) stay as they are; the others start. With no
                // member running they form a new cluster at once; otherwise each joins the one running.
                var starting = slots.Where(s => _current[s] is not { Alive: true }).ToList();
                if (!_incarnations.Any(i => i.Alive && i.Member))
                    StartCluster(starting.Select(s => (s, StartedNow(MachineSkew(s)))).ToList());
                else
                    foreach (var s in starting) StartAndJoin(s, StartedNow(MachineSkew(s)), MachineSkew(s));
                break;
            case FaultKind.SplitDowning:
                applied = SplitDowning(a.Group!, mutual: a.B == 1);
                break;
            case FaultKind.Disconnect when node is { Alive: true } && a.B >= 0 && _current[a.B] is { Alive: true } other && other != node:
                ResetConnection(node, other);
                break;
            default:
                applied = false;
                break;
        }
        _h.Fault(applied ? $"{a}{(a.A == FaultAction.TheMaster && node is not null ? $" ({node})" : "")}" : $"{a} (no effect)");
        if (!applied) return;
        _actionsApplied++;
        _appliedKinds[a.Kind] = _appliedKinds.GetValueOrDefault(a.Kind) + 1;
        if (a.Kind is FaultKind.CutOneWay or FaultKind.CutBoth or FaultKind.Isolate or FaultKind.Partition or FaultKind.HealLink or FaultKind.HealAll)
        {
            ScheduleDetection();
            RetryBlockedNotices();
            Spread();
        }
    }

    /// <summary>The running member that is master of the highest session (by its last state), or null.</summary>
    private Incarnation? CurrentMaster() =>
        _incarnations.Where(i => i.Alive && i.Member && i.LastState?.Status == ElectionStatus.Master)
            .OrderByDescending(i => i.LastState!.Session).ThenBy(i => i.Id).FirstOrDefault();

    private void Isolate(int slot, bool cut)
    {
        for (var i = 0; i < _current.Length; i++)
            if (i != slot) _cut[slot, i] = _cut[i, slot] = cut;
    }

    /// <summary>
    /// <paramref name="node"/>'s process stops the world for <paramref name="duration"/> (GC, a stalled VM): its actor's
    /// mailbox is suspended, so it processes nothing. Messages delivered meanwhile and its timers, which fire on time,
    /// wait in the mailbox and are processed in their order when the pause ends, as a resumed process finds them. It
    /// sends nothing meanwhile, and the others' failure detectors find it unreachable.
    /// </summary>
    private void Pause(Incarnation node, TimeSpan duration)
    {
        ((IInternalActorRef)node.Actor).Suspend();
        node.Paused = true;
        ScheduleDetection();
        At(Now + duration, () => Resume(node));
    }

    private void Resume(Incarnation node)
    {
        if (!node.Alive || !node.Paused) return;
        node.Paused = false;
        _h.Fault($"{node} resumes after its pause");
        ((IInternalActorRef)node.Actor).Resume(null);
        ScheduleDetection();
        Spread();
    }

    /// <summary>
    /// Faults end: every link heals, message faults stop, paused processes resume, membership news spreads, graceful
    /// leaves complete, sides that downed each other and separate clusters are resolved, crashed nodes are removed, and a
    /// candidate runs.
    /// </summary>
    private void Heal()
    {
        _healed = true;
        Array.Clear(_cut);
        _drop = _dup = _delay = 0;
        _h.Fault("faults end: every link heals, message faults stop");
        foreach (var node in _incarnations.Where(i => i.Paused).ToList()) Resume(node);
        RetryBlockedNotices();
        Spread();
        // A graceful leave always completes once gossip converges (Akka's leader moves a Leaving member to Exiting and
        // Removed, and the leaver then shuts down): a leaver whose exit could not happen yet (it was paused) exits now.
        foreach (var leaver in _incarnations.Where(i => i is { Alive: true, Member: true, Leaving: true }).ToList())
        {
            _h.Fault($"{leaver}'s leave completes");
            Remove(leaver, left: true, decider: leaver);
            StopActor(leaver, "left");
        }
        ResolveSplitDowning();
        ResolveIslands();
        // The downing provider removes every stopped incarnation a running member still counts.
        foreach (var node in _incarnations.Where(i => !i.Alive && _incarnations.Any(o => o.Alive && o.Knows.ContainsKey(i))).ToList()) Remove(node);
        if (!_incarnations.Any(i => i.Alive && i.Member && _s.Nodes[i.Slot].Candidate))
        {
            // Liveness needs a candidate: bring slot 0 (always a candidate) back.
            if (_current[0] is { Alive: true } zero)
            {
                Remove(zero);
                StopActor(zero, "restart");
            }
            StartAndJoin(0, StartedNow(MachineSkew(0)), MachineSkew(0));
        }
        Spread();
        ScheduleDetection();
    }
}
