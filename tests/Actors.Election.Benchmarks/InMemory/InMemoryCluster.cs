using Actors.Election.Core;
using Actors.Election.Membership;
using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election.Benchmarks.InMemory;

/// <summary>
/// A cluster of election cores wired by an in-memory network on a virtual clock: the whole protocol without actors,
/// sockets or real time, so that a benchmark measures the core's own work. Every <see cref="SendEffect"/> is delivered
/// to its addressee's <see cref="ElectionCore.Step(NodeState, object, StepTime, bool)"/> after a fixed one-way latency
/// (so each link stays in order, as over TCP); every <see cref="StartTimerEffect"/> fires at its due time unless the core
/// cancelled or restarted that timer meanwhile (as with Akka's timers). Events run in order of due time, ties in the
/// order they were scheduled, so a run depends on nothing but the seed.
/// <para>Core states are values (a step never changes the state it is given), so <see cref="Clone"/> copies a cluster
/// in time linear in its nodes and events in flight: a benchmark replays the same run from one prepared snapshot.</para>
/// </summary>
internal sealed class InMemoryCluster
{
    /// <summary>Virtual time zero (a real date: sessions are hybrid-logical-clock microseconds of the wall clock).</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The peer a membership message names: the core never talks to it (only the actor does).</summary>
    private static readonly ICanTell NoPeer = ActorRefs.Nobody;

    private readonly UniqueAddress[] _ids;
    private readonly Dictionary<UniqueAddress, int> _index;
    private readonly TimeSpan _latency;
    private NodeState[] _states;
    private bool[] _crashed;
    private long[] _sentByKind = new long[Enum.GetValues<ElectionMessageKind>().Length]; // indexed by kind: its values run 0, 1, 2, …
    private PriorityQueue<Pending, (long DueTicks, long Seq)> _queue;
    private long _seq;

    /// <summary>
    /// <paramref name="nodes"/> fresh cores (Idle, told nothing yet). The seed draws each node's uid, start instant
    /// (seniority: who ranks first) and election-timeout jitter.
    /// </summary>
    public InMemoryCluster(int nodes, int seed, ElectionSettings settings, TimeSpan latency)
    {
        var random = new Random(seed);
        _ids = Enumerable.Range(1, nodes)
            .Select(n => new UniqueAddress(new Address("akka.tcp", "bench", $"10.0.0.{n}", 4053), random.Next(int.MinValue, int.MaxValue)))
            .ToArray();
        _index = _ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var startOrder = Enumerable.Range(0, nodes).OrderBy(_ => random.Next()).ToArray();
        _states = _ids
            .Select((id, i) => ElectionCore.Start(settings, id, Seniority.StartedAt(Epoch - TimeSpan.FromSeconds(nodes - startOrder[i])), (ulong)random.NextInt64(1, long.MaxValue)))
            .ToArray();
        _latency = latency;
        _crashed = new bool[nodes];
        _queue = new PriorityQueue<Pending, (long, long)>();
        Now = Epoch;
    }

    private InMemoryCluster(InMemoryCluster source)
    {
        _ids = source._ids;
        _index = source._index;
        _latency = source._latency;
        _states = (NodeState[])source._states.Clone();
        _crashed = (bool[])source._crashed.Clone();
        _sentByKind = (long[])source._sentByKind.Clone();
        _queue = new PriorityQueue<Pending, (long, long)>(source._queue.UnorderedItems);
        _seq = source._seq;
        Now = source.Now;
        MessagesSent = source.MessagesSent;
        Steps = source.Steps;
    }

    /// <summary>An independent copy: same states, same events in flight, same clock and counters.</summary>
    public InMemoryCluster Clone() => new(this);

    public IReadOnlyList<UniqueAddress> Ids => _ids;

    public int Count => _ids.Length;

    public DateTimeOffset Now { get; private set; }

    /// <summary>Election messages sent since the cluster was created.</summary>
    public long MessagesSent { get; private set; }

    /// <summary>Election messages of <paramref name="kind"/> sent since the cluster was created.</summary>
    public long MessagesSentOf(ElectionMessageKind kind) => _sentByKind[(int)kind];

    /// <summary>Core steps run since the cluster was created.</summary>
    public long Steps { get; private set; }

    /// <summary>When set, sees every step's node, state before, input and time (to pick representative inputs).</summary>
    public Action<int, NodeState, object, StepTime>? Observer { get; set; }

    public NodeState State(int node) => _states[node];

    public int IndexOf(UniqueAddress id) => _index[id];

    /// <summary>
    /// Tells every node the whole membership at the current instant, as Akka.Cluster would once every node is Up: each
    /// node first hears of the others, then of itself (a joining node gets the membership before it is Up). Nothing is
    /// delivered meanwhile: what the nodes send is in flight when this returns.
    /// </summary>
    public void TellMembership()
    {
        for (var node = 0; node < Count; node++)
        {
            foreach (var other in _ids.Where(id => !id.Equals(_ids[node])))
                Step(node, new MemberJoined(other, NoPeer));
            Step(node, new MemberJoined(_ids[node], NoPeer));
        }
    }

    /// <summary>
    /// The process of <paramref name="node"/> dies: it takes no more input, what it had in flight is lost with its
    /// connections, and every other node's transport reports the closed connection (<see cref="ConnectionLost"/>) now.
    /// </summary>
    public void Crash(int node)
    {
        _crashed[node] = true;
        for (var other = 0; other < Count; other++)
            if (!_crashed[other]) Schedule(Now, new Pending(other, other, new ConnectionLost(_ids[node])));
    }

    /// <summary>
    /// Runs events in order until <paramref name="done"/> holds (checked whenever a step changes a node's status, master
    /// or session, the only moments it can become true) or <paramref name="maxSteps"/> more steps ran. True when done.
    /// </summary>
    public bool RunUntil(Func<InMemoryCluster, bool> done, int maxSteps)
    {
        for (var budget = maxSteps; budget > 0 && TryNext(long.MaxValue, out var node, out var input); budget--)
        {
            var before = _states[node];
            Step(node, input);
            var after = _states[node];
            if ((before.Status != after.Status || before.Session != after.Session || !Equals(before.Master, after.Master)) && done(this))
                return true;
        }
        return false;
    }

    /// <summary>Runs every event due within <paramref name="span"/> of virtual time from now; the clock ends there.</summary>
    public void RunFor(TimeSpan span)
    {
        var end = Now + span;
        while (TryNext(end.UtcTicks, out var node, out var input))
            Step(node, input);
        Now = end;
    }

    /// <summary>
    /// The master every running node agrees on (it leads, every other running node follows it in its session), or
    /// null while they do not agree.
    /// </summary>
    public UniqueAddress? AgreedMaster()
    {
        UniqueAddress? master = null;
        long session = 0;
        for (var node = 0; node < Count; node++)
        {
            if (_crashed[node] || _states[node] is not { Status: ElectionStatus.Master } leader) continue;
            if (master is not null) return null;
            (master, session) = (leader.Self, leader.Session);
        }
        if (master is null) return null;
        for (var node = 0; node < Count; node++)
        {
            if (_crashed[node] || _ids[node].Equals(master)) continue;
            var s = _states[node];
            if (s.Status != ElectionStatus.Follower || !master.Equals(s.Master) || s.Session != session) return null;
        }
        return master;
    }

    /// <summary>
    /// Takes the next event due by <paramref name="untilTicks"/> that still matters: not to or from a crashed node, not a
    /// cancelled or restarted timer.
    /// </summary>
    private bool TryNext(long untilTicks, out int node, out object input)
    {
        while (_queue.TryPeek(out _, out var due) && due.DueTicks <= untilTicks)
        {
            var next = _queue.Dequeue();
            if (_crashed[next.From] || _crashed[next.To]) continue;
            if (next.Input is TimerFired fired && !(_states[next.To].Timers.TryGetValue(fired.Key, out var generation) && generation == fired.Generation))
                continue;
            Now = new DateTimeOffset(due.DueTicks, TimeSpan.Zero);
            (node, input) = (next.To, next.Input);
            return true;
        }
        (node, input) = (-1, null!);
        return false;
    }

    private void Step(int node, object input)
    {
        var time = StepTime.At(Now);
        Observer?.Invoke(node, _states[node], input, time);
        var outcome = ElectionCore.Step(_states[node], input, time);
        _states[node] = outcome.State;
        Steps++;
        foreach (var effect in outcome.Effects)
        {
            switch (effect)
            {
                case SendEffect send:
                    MessagesSent++;
                    _sentByKind[(int)send.Message.Kind]++;
                    Schedule(Now + _latency, new Pending(node, _index[send.To], send.Message));
                    break;
                case StartTimerEffect start:
                    Schedule(Now + start.Delay, new Pending(node, node, new TimerFired(start.Key, start.Generation)));
                    break;
                // A cancelled timer's firing is dropped when it comes due (TryNext); logs, events and answers concern nobody here.
            }
        }
    }

    private void Schedule(DateTimeOffset due, Pending pending) => _queue.Enqueue(pending, (due.UtcTicks, _seq++));

    /// <summary>An event in flight: a message from one node to another, or a node's own timer or transport report.</summary>
    private readonly record struct Pending(int From, int To, object Input);
}
