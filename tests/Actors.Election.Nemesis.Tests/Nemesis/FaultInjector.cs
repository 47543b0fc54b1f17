using System.Globalization;
using Actors.Election.Nemesis.Tests.Network;
using Actors.Election.Nemesis.Tests.Processes;

namespace Actors.Election.Nemesis.Tests.Nemesis;

/// <summary>A fault in force, with what its heal must undo.</summary>
internal sealed class ActiveFault(PlannedFault plan, string detail, bool silencing)
{
    public PlannedFault Plan { get; } = plan;

    /// <summary>When its first action was taken (journalled as the fault's start).</summary>
    public DateTime StartedAt { get; set; }

    /// <summary>When the heal was complete (journalled as the fault's heal).</summary>
    public DateTime? HealedAt { get; set; }

    /// <summary>The fault as the checker will see it (start to heal).</summary>
    public Checking.FaultSpan ToSpan() =>
        new(Plan.Id, Plan.Kind.ToString(), Detail, StartedAt, HealedAt ?? DateTime.UtcNow, Plan.Duration, Silencing);

    public string Detail { get; set; } = detail;

    /// <summary>True when the fault drops packets (partitions, loss): TCP backs off, see <see cref="Checking.RecoveryBound"/>.</summary>
    public bool Silencing { get; } = silencing;

    public List<TestbedNode> Paused { get; } = new();

    public List<TestbedNode> Stopped { get; } = new();

    public bool Shaped { get; set; }

    public ShaperStats? Shaping { get; set; }
}

/// <summary>
/// Applies and heals faults on the real network and processes: drop rules for partitions, the packet shaper for netem
/// faults, signals for process faults. Targets and parameters come from the seeded generator (aimed at the master half
/// of the time); every start and heal is journalled with what exactly was done.
/// </summary>
internal sealed class FaultInjector(NodeCluster cluster, LinkFaults links, PacketShaper shaper, LiveView live, RunJournal journal, Random random)
{
    private IReadOnlyList<TestbedNode> Nodes => cluster.Nodes;

    public ActiveFault Start(PlannedFault plan)
    {
        // The fault starts with its first action (a rule, a signal): anything the nodes record from here on may be its effect.
        var startedAt = DateTime.UtcNow;
        var fault = plan.Kind switch
        {
            FaultKind.PartitionHalves => Halves(plan),
            FaultKind.PartitionIsolate => Isolate(plan),
            FaultKind.PartitionOneWay => OneWay(plan),
            FaultKind.PartitionBridge => Bridge(plan),
            FaultKind.PartitionRing => Ring(plan),
            FaultKind.Loss => Shape(plan, Nodes, NetemProfile.LossOnly(Math.Round(0.05 + 0.25 * random.NextDouble(), 2)), silencing: true),
            FaultKind.Delay => Delay(plan),
            FaultKind.Reorder => Shape(plan, Nodes, new NetemProfile(Ms(30 + random.Next(70)), Ms(10 + random.Next(40)), Math.Round(0.25 + 0.25 * random.NextDouble(), 2), 0), silencing: false),
            FaultKind.Kill => Process(plan, "SIGKILL", n => cluster.Kill(n)),
            FaultKind.Pause => Pause(plan),
            FaultKind.Restart => Process(plan, "SIGTERM", n => cluster.Terminate(n, TimeSpan.FromSeconds(20))),
            FaultKind.ClockOffset => ClockOffset(plan),
            FaultKind.ClockJump => ClockJump(plan),
            _ => throw new ArgumentOutOfRangeException(nameof(plan), plan.Kind, null),
        };
        fault.StartedAt = startedAt;
        journal.Add(new JournalEntry
        {
            At = startedAt, Kind = JournalKinds.FaultStart, FaultId = plan.Id, Fault = plan.Kind.ToString(), Detail = fault.Detail,
            DurationMs = (long)plan.Duration.TotalMilliseconds, Silencing = fault.Silencing,
        });
        return fault;
    }

    /// <summary>Makes the network whole, thaws frozen nodes and starts new incarnations of stopped or exited ones.</summary>
    public void Heal(ActiveFault fault)
    {
        links.Clear();
        if (fault.Shaped) fault.Shaping = shaper.Release();
        foreach (var node in fault.Paused) cluster.Resume(node);
        RestartExited();
        fault.HealedAt = DateTime.UtcNow;
        journal.Add(new JournalEntry
        {
            At = fault.HealedAt.Value, Kind = JournalKinds.FaultHeal, FaultId = fault.Plan.Id, Fault = fault.Plan.Kind.ToString(),
            Detail = fault.Shaping is { } s ? $"{fault.Detail}; shaper: {s}" : fault.Detail,
        });
    }

    /// <summary>
    /// Starts a new incarnation of every node whose process has ended (killed, stopped, or downed and exited), and
    /// seeds a new cluster when none is left to join (<see cref="NodeCluster.BootstrapIfNoCluster"/>).
    /// </summary>
    public IReadOnlyList<TestbedNode> RestartExited()
    {
        var restarted = Nodes.Where(n => !cluster.IsRunning(n)).ToList();
        foreach (var node in restarted) cluster.Restart(node);
        if (cluster.BootstrapIfNoCluster() is { } seeded) restarted.Add(seeded);
        return restarted;
    }

    /// <summary>The master half of the time (when there is one), otherwise any node.</summary>
    private TestbedNode Victim()
    {
        var master = live.Master();
        var aim = random.NextDouble() < 0.5;
        return aim && master is not null ? master : Nodes[random.Next(Nodes.Count)];
    }

    private List<TestbedNode> Shuffled() => Nodes.OrderBy(_ => random.Next()).ToList();

    private ActiveFault Halves(PlannedFault plan)
    {
        var order = Shuffled();
        var victim = Victim();
        order.Remove(victim);
        var minority = new List<TestbedNode> { victim, order[0] };
        var majority = order.Skip(1).ToList();
        Cut(minority, majority);
        return new ActiveFault(plan, $"{Names(minority)} | {Names(majority)}", silencing: true);
    }

    private ActiveFault Isolate(PlannedFault plan)
    {
        var victim = Victim();
        Cut([victim], Nodes.Where(n => n != victim).ToList());
        return new ActiveFault(plan, $"{victim.Name} | {Names(Nodes.Where(n => n != victim))}", silencing: true);
    }

    private ActiveFault OneWay(PlannedFault plan)
    {
        var victim = Victim();
        var deaf = random.NextDouble() < 0.5;
        links.Batch(b =>
        {
            foreach (var other in Nodes.Where(n => n != victim))
            {
                if (deaf) b.Drop(other, victim);
                else b.Drop(victim, other);
            }
        });
        return new ActiveFault(plan, deaf ? $"{victim.Name} hears nobody (others -> {victim.Name} dropped)" : $"nobody hears {victim.Name} ({victim.Name} -> others dropped)", silencing: true);
    }

    private ActiveFault Bridge(PlannedFault plan)
    {
        var order = Shuffled();
        var middle = order[0];
        var left = order.Skip(1).Take((Nodes.Count - 1) / 2).ToList();
        var right = order.Skip(1 + left.Count).ToList();
        Cut(left, right);
        return new ActiveFault(plan, $"{Names(left)} | {middle.Name} | {Names(right)} ({middle.Name} sees all)", silencing: true);
    }

    private ActiveFault Ring(PlannedFault plan)
    {
        var ring = Shuffled();
        var n = ring.Count;
        links.Batch(b =>
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var distance = Math.Min((i - j + n) % n, (j - i + n) % n);
                    if (distance > 1) b.Drop(ring[i], ring[j]); // each hears only its two neighbours
                }
            }
        });
        return new ActiveFault(plan, $"ring {string.Join('-', ring.Select(r => r.Name))}-{ring[0].Name}, neighbours only", silencing: true);
    }

    private ActiveFault Delay(PlannedFault plan)
    {
        var delay = 50 + random.Next(350);
        var profile = new NetemProfile(Ms(delay), Ms(random.Next(delay / 2 + 1)), 0, 0);
        var onlyMaster = random.NextDouble() < 0.5 ? live.Master() : null;
        return Shape(plan, onlyMaster is null ? Nodes : [onlyMaster], profile, silencing: false);
    }

    private ActiveFault Shape(PlannedFault plan, IReadOnlyList<TestbedNode> from, NetemProfile profile, bool silencing)
    {
        shaper.Apply(profile);
        links.Batch(b =>
        {
            foreach (var node in from) b.Shape(node, shaper.QueueNumber);
        });
        var who = from.Count == Nodes.Count ? "every node" : Names(from);
        return new ActiveFault(plan, $"{profile} on {who}'s outgoing packets", silencing) { Shaped = true };
    }

    private ActiveFault Pause(PlannedFault plan)
    {
        var victim = Victim();
        cluster.Pause(victim);
        var fault = new ActiveFault(plan, $"SIGSTOP {victim.Name}", silencing: false);
        fault.Paused.Add(victim);
        return fault;
    }

    private ActiveFault Process(PlannedFault plan, string signal, Action<TestbedNode> act, TestbedNode? victim = null)
    {
        victim ??= Victim();
        var wasMaster = live.Master() == victim;
        act(victim);
        var fault = new ActiveFault(plan, $"{signal} {victim.Name}{(wasMaster ? " (master)" : "")}, new incarnation at the heal", silencing: false);
        fault.Stopped.Add(victim);
        return fault;
    }

    /// <summary>
    /// A new clock offset for a node, within the protocol's documented assumption (clocks within seconds of each other):
    /// 1 to 5 s either way, so two nodes are at most 10 s apart; never the node's current one.
    /// </summary>
    private TimeSpan NewOffset(TestbedNode node)
    {
        while (true)
        {
            var seconds = Math.Round((1 + 4 * random.NextDouble()) * (random.NextDouble() < 0.5 ? -1 : 1), 1);
            var offset = TimeSpan.FromSeconds(seconds);
            if (offset != cluster.Clocks.Offset(node.Index)) return offset;
        }
    }

    private ActiveFault ClockOffset(PlannedFault plan)
    {
        var victim = Victim();
        var offset = NewOffset(victim);
        var fault = Process(plan, "SIGKILL", n => cluster.Kill(n), victim);
        cluster.SetClock(victim, offset, $"fault #{plan.Id}: its next incarnation starts skewed");
        fault.Detail = fault.Detail.Replace("new incarnation at the heal", $"new incarnation at the heal with its clock {NodeClocks.Show(offset)}", StringComparison.Ordinal);
        return fault;
    }

    private ActiveFault ClockJump(PlannedFault plan)
    {
        var victim = Victim();
        var was = cluster.Clocks.Offset(victim.Index);
        var offset = NewOffset(victim);
        var wasMaster = live.Master() == victim;
        cluster.SetClock(victim, offset, $"fault #{plan.Id}: the running process steps");
        var jump = offset - was;
        return new ActiveFault(plan,
            $"{victim.Name}{(wasMaster ? " (master)" : "")}'s running clock steps {(jump > TimeSpan.Zero ? "forward" : "back")} {jump.Duration().TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s, from {NodeClocks.Show(was)} to {NodeClocks.Show(offset)}",
            silencing: false);
    }

    private void Cut(IReadOnlyList<TestbedNode> a, IReadOnlyList<TestbedNode> b) =>
        links.Batch(batch =>
        {
            foreach (var x in a)
            {
                foreach (var y in b)
                {
                    batch.Drop(x, y);
                    batch.Drop(y, x);
                }
            }
        });

    private static string Names(IEnumerable<TestbedNode> nodes) => "{" + string.Join(',', nodes.Select(n => n.Name)) + "}";

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);
}
