using System.Collections.Immutable;
using Actors.Election.Internal;
using Actors.Election.Logic;
using Actors.Election.Membership;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Actors.Election;

/// <summary>
/// One node's side of the election: a <c>Become</c> state machine (Idle, Campaigning, Master, Follower) whose
/// timeouts are scheduled self-messages. Decisions that need no time or state changes (ranking, ballot
/// counting, quorum, electorate changes) live in the pure types of <c>Actors.Election.Logic</c>; this actor owns
/// time, messages and transitions. Membership arrives as <see cref="IMembershipMessage"/>s: derived from
/// Akka.Cluster by <see cref="Props(ElectionSettings)"/>, or told directly through
/// <see cref="PropsWithMembership"/> (tests and simulations, with peers that are plain actors).
/// </summary>
public sealed partial class ElectionActor : ReceiveActor, IWithTimers
{
    /// <summary>The name of the election actor under <c>/system</c> on every node.</summary>
    public const string Name = "election";

    // Values beyond these are absurd on the wire (sessions grow by one per campaign, clocks by one per message)
    // and are ignored with a warning, so no peer can push a counter into overflow and stop every election.
    internal const long MaxSaneCounter = 1L << 62;

    private readonly ElectionSettings _settings;
    private readonly UniqueAddress _self;
    private readonly Seniority _seniority;
    private readonly Random _random;
    private readonly bool _clusterBacked;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // Membership: the electorate-eligible members (this node included once it joined), reachability, tombstones.
    private readonly Dictionary<UniqueAddress, ICanTell> _peers = new();
    private readonly HashSet<UniqueAddress> _unreachable = new();
    private readonly HashSet<UniqueAddress> _removed = new();
    private readonly HashSet<UniqueAddress> _leaving = new();
    private bool _joined;

    // Protocol state.
    private ElectionStatus _status = ElectionStatus.Idle;
    private Electorate _electorate;
    private long _session;
    private long _highestSeen;
    private UniqueAddress? _master;
    private UniqueAddress? _lastPublishedMaster;
    private long _clock;
    private long _commandsSeen;
    private Ballot? _ballot;
    private PreVoteRound? _preVote;
    private long _sitOutSession = -1;
    private long _forcedSession = -1;
    private readonly Dictionary<UniqueAddress, long> _lastClockFrom = new();
    private readonly Dictionary<UniqueAddress, ElectorateVersion> _acks = new();

    // The last master this node followed and when it last heard from it: a master announces every heartbeat-interval,
    // so one silent for longer than that plus connection-delay is gone whatever the failure detector says yet.
    private UniqueAddress? _lastMaster;
    private DateTimeOffset _lastMasterHeardAt;

    private readonly HashSet<IActorRef> _subscribers = new();
    private readonly HashSet<IActorRef> _stateWatchers = new();

    private ElectionActor(ElectionSettings settings, UniqueAddress? self, DateTimeOffset? startedAt, int? randomSeed)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _clusterBacked = self is null;
        _self = self ?? Cluster.Get(Context.System).SelfUniqueAddress;
        _seniority = Seniority.StartedAt(startedAt ?? Context.System.Scheduler.Now);
        _random = randomSeed is { } seed ? new Random(seed) : new Random();
        _electorate = Electorate.Bootstrap([]);
        Become(Idle);
    }

    /// <summary>The actor's timers (scheduled self-messages).</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// The cluster-backed election actor: membership and reachability come from Akka.Cluster (Up and Leaving
    /// members, only those with the configured role), peers are the election actors at
    /// <c>/system/election</c> on every member. Start it once per node, under <c>/system/election</c>, as
    /// <c>Election.Get(system)</c> does.
    /// </summary>
    public static Props Props(ElectionSettings settings) =>
        Akka.Actor.Props.CreateBy(new Producer(settings, null, null, null));

    /// <summary>
    /// An election actor whose membership is told by messages (<see cref="MemberJoined"/> with any
    /// <see cref="ICanTell"/> as the peer, <see cref="MemberRemoved"/>, <see cref="MemberUnreachable"/>,
    /// <see cref="MemberReachable"/>): for tests with TestProbe peers, simulations, or hosts with their own
    /// membership. The node takes part once it is told <c>MemberJoined(self, …)</c>.
    /// </summary>
    /// <param name="settings">The election settings.</param>
    /// <param name="self">This node's id.</param>
    /// <param name="startedAt">The start instant that defines seniority (default: the scheduler's now).</param>
    /// <param name="randomSeed">Seeds the election-timeout jitter, for replayable runs (default: random).</param>
    public static Props PropsWithMembership(ElectionSettings settings, UniqueAddress self, DateTimeOffset? startedAt = null, int? randomSeed = null)
    {
        ArgumentNullException.ThrowIfNull(self);
        return Akka.Actor.Props.CreateBy(new Producer(settings, self, startedAt, randomSeed));
    }

    // Creates the actor through its private constructor (Props.Create needs a public one).
    private sealed class Producer(ElectionSettings settings, UniqueAddress? self, DateTimeOffset? startedAt, int? randomSeed)
        : IIndirectActorProducer
    {
        public Type ActorType => typeof(ElectionActor);

        public ActorBase Produce() => new ElectionActor(settings, self, startedAt, randomSeed);

        public void Release(ActorBase actor) { }
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        _log.Info("Election actor of {0} started (seniority {1}, quorum {2}, candidate {3}, priority {4})",
            _self, _seniority, _settings.Quorum, _settings.Candidate, _settings.Priority);
        if (_clusterBacked) ClusterMembershipAdapter.Subscribe(Context, Self);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (_clusterBacked) ClusterMembershipAdapter.Unsubscribe(Context, Self);
    }

    // ---------------------------------------------------------------- behaviours

    private void Idle()
    {
        Receive<ElectionMessage>(m => { if (Accept(m)) IdleOn(m); });
        Receive<StartupTimeout>(_ => TryElect("no master answered"));
        Receive<RetryElection>(_ => TryElect("retry"));
        Common();
    }

    private void Campaigning()
    {
        Receive<ElectionMessage>(m => { if (Accept(m)) CampaigningOn(m); });
        Receive<GatherTimeout>(t => t.Session == _session, _ => Evaluate(gatherOver: true));
        Receive<ElectionTimeout>(t => t.Session == _session, t => OnElectionTimeout(t.Session));
        Common();
    }

    private void Master()
    {
        Receive<ElectionMessage>(m => { if (Accept(m)) MasterOn(m); });
        Receive<Heartbeat>(_ => OnHeartbeat());
        Receive<QuorumLostCheck>(t => t.Session == _session, _ => OnQuorumLostCheck());
        Common();
    }

    private void Follower()
    {
        Receive<ElectionMessage>(m => { if (Accept(m)) FollowerOn(m); });
        Receive<MasterLostCheck>(t => t.Session == _session && t.Master.Equals(_master), t => OnMasterLostCheck(t.Master));
        Common();
    }

    // What every state handles alike. Registered after the state's own handlers, so those come first.
    private void Common()
    {
        Receive<PreVoteTimeout>(t => OnPreVoteTimeout(t.ProposedSession));
        Receive<MemberJoined>(OnMemberJoined);
        Receive<MemberLeaving>(OnMemberLeaving);
        Receive<MemberRemoved>(OnMemberRemoved);
        Receive<MemberUnreachable>(m => OnReachability(m.Node, reachable: false));
        Receive<MemberReachable>(m => OnReachability(m.Node, reachable: true));
        Receive<ClusterEvent.IClusterDomainEvent>(e => ClusterMembershipAdapter.Translate(e, _settings.Role, _self, Self, Context, m => Self.Tell(m)));
        Receive<GetElectionState>(_ => Sender.Tell(Snapshot()));
        Receive<StepDown>(_ => OnStepDown());
        Receive<ForceMaster>(_ => OnForceMaster());
        Receive<RecordCommand>(OnRecordCommand);
        Receive<SubscribeElection>(s => Subscribe(s.Subscriber, _subscribers));
        Receive<UnsubscribeElection>(s => Unsubscribe(s.Subscriber));
        Receive<WatchElectionState>(w => Subscribe(w.Watcher, _stateWatchers));
        Receive<Terminated>(t => Unsubscribe(t.ActorRef));
        // Timers of a state this node has left: harmless, by design.
        Receive<StartupTimeout>(_ => { });
        Receive<RetryElection>(_ => { });
        Receive<GatherTimeout>(_ => { });
        Receive<ElectionTimeout>(_ => { });
        Receive<Heartbeat>(_ => { });
        Receive<MasterLostCheck>(_ => { });
        Receive<QuorumLostCheck>(_ => { });
    }
}
