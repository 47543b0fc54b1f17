using Actors.Election.Core;
using Actors.Election.Internal;
using Actors.Election.Membership;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Actors.Election;

/// <summary>
/// One node's side of the election: a <c>Become</c> state machine (Idle, Campaigning, Master, Follower) that interprets
/// the pure protocol core. Each behaviour hands its inputs (election messages, membership, timers, commands) to its
/// state's step of the core and carries out the effects the step returns: it sends, schedules, publishes and logs. All
/// decisions are the core's. Membership arrives as <see cref="IMembershipMessage"/>s: derived from Akka.Cluster by
/// <see cref="Props(ElectionSettings)"/>, or told directly through <see cref="PropsWithMembership"/> (tests and
/// simulations, with peers that are plain actors).
/// </summary>
public sealed class ElectionActor : ReceiveActor, IWithTimers
{
    /// <summary>The name of the election actor under <c>/system</c> on every node.</summary>
    public const string Name = "election";

    private const int MaxStrangers = 256;

    private readonly bool _clusterBacked;
    private readonly Func<DateTimeOffset, DateTimeOffset> _wallClock;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // Where each node's election actor is: members from the membership messages, and the senders of hellos from nodes
    // not (yet) in the view, so the core can address every reply to a node.
    private readonly Dictionary<UniqueAddress, ICanTell> _peers = new();
    private readonly Dictionary<UniqueAddress, IActorRef> _strangers = new();
    private readonly HashSet<IActorRef> _subscribers = new();
    private readonly HashSet<IActorRef> _stateWatchers = new();
    private (ElectionStatus, UniqueAddress?, long) _lastWatched = (ElectionStatus.Idle, null, -1);
    private NodeState _state;

    private ElectionActor(ElectionSettings settings, UniqueAddress? self, DateTimeOffset? startedAt, int? randomSeed, Policies policies, Func<DateTimeOffset, DateTimeOffset> wallClock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _clusterBacked = self is null;
        _wallClock = wallClock;
        var seed = randomSeed is { } s ? (ulong)(uint)s * 0x9E3779B97F4A7C15UL + 1 : (ulong)Random.Shared.NextInt64() | 1;
        _state = ElectionCore.Start(settings, self ?? Cluster.Get(Context.System).SelfUniqueAddress,
            Seniority.StartedAt(startedAt ?? Context.System.Scheduler.Now), seed, policies);
        Become(Behaviour(ElectionStatus.Idle));
    }

    /// <summary>The actor's timers (scheduled self-messages).</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// The cluster-backed election actor: membership and reachability come from Akka.Cluster (Up and Leaving members,
    /// only those with the configured role), peers are the election actors at <c>/system/election</c> on every member.
    /// Start it once per node, under <c>/system/election</c>, as <c>Election.Get(system)</c> does.
    /// </summary>
    public static Props Props(ElectionSettings settings) => Create(settings, null, null, null, Policies.Default, SchedulerClock);

    /// <summary>
    /// An election actor whose membership is told by messages (<see cref="MemberJoined"/> with any
    /// <see cref="ICanTell"/> as the peer, <see cref="MemberLeaving"/>, <see cref="MemberRemoved"/>,
    /// <see cref="MemberUnreachable"/>, <see cref="MemberReachable"/>): for tests with TestProbe peers, simulations, or
    /// hosts with their own membership. The node takes part once it is told <c>MemberJoined(self, …)</c>.
    /// </summary>
    /// <param name="settings">The election settings.</param>
    /// <param name="self">This node's id.</param>
    /// <param name="startedAt">The start instant that defines seniority (default: the scheduler's now).</param>
    /// <param name="randomSeed">Seeds the election-timeout jitter, for replayable runs (default: random).</param>
    public static Props PropsWithMembership(ElectionSettings settings, UniqueAddress self, DateTimeOffset? startedAt = null, int? randomSeed = null)
    {
        ArgumentNullException.ThrowIfNull(self);
        return Create(settings, self, startedAt, randomSeed, Policies.Default, SchedulerClock);
    }

    /// <summary>
    /// As <see cref="PropsWithMembership"/>, with the core's rules and this node's wall clock chosen (simulations): the
    /// clock maps the scheduler's time to what this node's wall clock reads then (skewed, jumping back, …).
    /// </summary>
    internal static Props PropsWithCore(ElectionSettings settings, UniqueAddress self, DateTimeOffset? startedAt, int? randomSeed,
        Policies policies, Func<DateTimeOffset, DateTimeOffset> wallClock) =>
        Create(settings, self, startedAt, randomSeed, policies, wallClock);

    // The wall clock is the scheduler's (DateTimeOffset.UtcNow for a real system, virtual under the TestScheduler).
    private static readonly Func<DateTimeOffset, DateTimeOffset> SchedulerClock = now => now;

    private static Props Create(ElectionSettings settings, UniqueAddress? self, DateTimeOffset? startedAt, int? randomSeed, Policies policies,
        Func<DateTimeOffset, DateTimeOffset> wallClock) =>
        Akka.Actor.Props.CreateBy(new Producer(() => new ElectionActor(settings, self, startedAt, randomSeed, policies, wallClock)));

    // Creates the actor through its private constructor (Props.Create needs a public one).
    private sealed class Producer(Func<ElectionActor> create) : IIndirectActorProducer
    {
        public Type ActorType => typeof(ElectionActor);

        public ActorBase Produce() => create();

        public void Release(ActorBase actor) { }
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        var s = _state;
        _log.Info("Election actor of {0} started (seniority {1}, quorum {2}, candidate {3}, priority {4})",
            s.Self.ToShortId(), s.Seniority, s.Settings.Quorum, s.Settings.Candidate, s.Settings.Priority);
        if (_clusterBacked) ClusterMembershipAdapter.Subscribe(Context, Self);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (_clusterBacked) ClusterMembershipAdapter.Unsubscribe(Context, Self);
    }

    // ---------------------------------------------------------------- behaviours: one per state, each runs its state's step

    private Action Behaviour(ElectionStatus status) => () =>
    {
        Receive<ElectionMessage>(m =>
        {
            if (!_peers.ContainsKey(m.Sender) && !Sender.IsNobody()) RememberStranger(m.Sender, Sender);
            Run(status, m);
        });
        Receive<MemberJoined>(m => Run(status, m, () => _peers[m.Node] = m.Peer));
        Receive<MemberLeaving>(m => Run(status, m, () => _peers[m.Node] = m.Peer));
        Receive<MemberRemoved>(m => Run(status, m, () => _peers.Remove(m.Node)));
        Receive<IMembershipMessage>(m => Run(status, m));
        Receive<TimerFired>(fired => Run(status, fired));
        Receive<StepDown>(c => Run(status, c));
        Receive<ForceMaster>(c => Run(status, c));
        Receive<StartElection>(c => Run(status, c));
        Receive<ForceNewElectorate>(c => Run(status, c));
        Receive<RecordCommand>(c => Run(status, c));
        Receive<Akka.Remote.DisassociatedEvent>(e =>
        {
            if (ClusterMembershipAdapter.Translate(e, _peers.Keys) is { } lost) Run(status, lost);
        });
        Receive<ClusterEvent.IClusterDomainEvent>(e =>
            ClusterMembershipAdapter.Translate(e, _state.Settings.Role, _state.Self, Self, Context, m => Self.Tell(m)));
        Receive<GetElectionState>(_ => Sender.Tell(Snapshot()));
        Receive<SubscribeElection>(s => Subscribe(s.Subscriber, _subscribers));
        Receive<UnsubscribeElection>(s => Unsubscribe(s.Subscriber));
        Receive<WatchElectionState>(w => Subscribe(w.Watcher, _stateWatchers));
        Receive<Terminated>(t => Unsubscribe(t.ActorRef));
    };

    /// <summary>Runs one step of the core in <paramref name="status"/> and carries out its effects.</summary>
    private void Run(ElectionStatus status, object input, Action? routes = null)
    {
        routes?.Invoke();
        var now = Context.System.Scheduler.Now;
        var outcome = ElectionCore.Step(status, _state, input, new StepTime(now, _wallClock(now)), _log.IsDebugEnabled);
        _state = outcome.State;
        foreach (var effect in outcome.Effects) Carry(effect);
        if (_state.Status != status) Become(Behaviour(_state.Status));
        NotifyWatchersIfChanged();
    }

    private void Carry(Effect effect)
    {
        switch (effect)
        {
            case SendEffect send:
                Route(send.To)?.Tell(send.Message, Self);
                break;
            case PublishEffect publish:
                Context.System.EventStream.Publish(publish.Event);
                foreach (var subscriber in _subscribers) subscriber.Tell(publish.Event);
                break;
            case StartTimerEffect start:
                Timers.StartSingleTimer(start.Key, new TimerFired(start.Key, start.Generation), start.Delay);
                break;
            case CancelTimerEffect cancel:
                Timers.Cancel(cancel.Key);
                break;
            case LogEffect log:
                _log.Log(log.Level, log.Text);
                break;
            case AnswerEffect answer:
                Sender.Tell(answer.Reply);
                break;
        }
    }

    /// <summary>Where node <paramref name="node"/>'s election actor is, or null when this node has no way to reach it.</summary>
    private ICanTell? Route(UniqueAddress node)
    {
        if (_peers.TryGetValue(node, out var peer)) return peer;
        if (_strangers.TryGetValue(node, out var stranger)) return stranger;
        if (_clusterBacked) return Context.ActorSelection(new RootActorPath(node.Address) / "system" / Name);
        _log.Debug("No route to {0}", node.ToShortId());
        return null;
    }

    private void RememberStranger(UniqueAddress node, IActorRef sender)
    {
        if (_strangers.Count >= MaxStrangers) _strangers.Clear();
        _strangers[node] = sender;
    }

    // ---------------------------------------------------------------- subscriptions and state

    private ElectionState Snapshot() => Snapshots.Of(_state, Context.System.Scheduler.Now);

    private void Subscribe(IActorRef subscriber, HashSet<IActorRef> to)
    {
        to.Add(subscriber);
        Context.Watch(subscriber);
        subscriber.Tell(Snapshot());
    }

    private void Unsubscribe(IActorRef subscriber)
    {
        _subscribers.Remove(subscriber);
        _stateWatchers.Remove(subscriber);
        Context.Unwatch(subscriber);
    }

    private void NotifyWatchersIfChanged()
    {
        var now = (_state.Status, _state.Master, _state.Session);
        if (now == _lastWatched || _stateWatchers.Count == 0) return;
        _lastWatched = now;
        var snapshot = Snapshot();
        foreach (var watcher in _stateWatchers) watcher.Tell(snapshot);
    }
}
