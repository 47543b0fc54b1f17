using Actors.Election.Internal;
using Actors.Election.Serialization;
using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election;

/// <summary>
/// The election as an <see cref="ActorSystem"/> extension: <see cref="Get"/> starts this node's election actor
/// (once, at <c>/system/election</c>, membership from Akka.Cluster) and returns the handle applications use.
/// </summary>
public sealed class Election : IExtension
{
    private readonly ElectionStateTracker _tracker = new();

    internal Election(ExtendedActorSystem system)
    {
        System = system;
        system.Settings.InjectTopLevelFallback(ElectionSettings.DefaultConfig());
        EnsureSerializer(system);
        Settings = ElectionSettings.Create(system);
        Actor = system.SystemActorOf(ElectionActor.Props(Settings), ElectionActor.Name);
        system.SystemActorOf(StateTrackerActor.Props(Actor, _tracker), ElectionActor.Name + "-state");
        system.SystemActorOf(Metrics.ElectionMetricsActor.Props(Actor), ElectionActor.Name + "-metrics"); // meter Actors.Election
        GracefulHandOver.Register(system, this, _tracker);
        // However the system stops (a graceful leave, Terminate, a crash of the host), a leadership ends with it.
        system.RegisterOnTermination(_tracker.Terminated);
    }

    /// <summary>This node's election handle; the first call starts the election actor.</summary>
    public static Election Get(ActorSystem system) => system.WithExtension<Election, ElectionExtensionProvider>();

    /// <summary>The system the election runs in.</summary>
    public ActorSystem System { get; }

    /// <summary>This node's election actor (tell it <see cref="StepDown"/>, <see cref="GetElectionState"/>, …).</summary>
    public IActorRef Actor { get; }

    /// <summary>The settings it runs with.</summary>
    public ElectionSettings Settings { get; }

    /// <summary>This node's id.</summary>
    public UniqueAddress SelfNode => Cluster.Get(System).SelfUniqueAddress;

    /// <summary>True while this node is master (from the latest state the actor reported).</summary>
    public bool IsMaster => _tracker.State?.Status == ElectionStatus.Master;

    /// <summary>The master this node knows, or null.</summary>
    public UniqueAddress? Master => _tracker.State?.Master;

    /// <summary>The session of this node's current state.</summary>
    public long Session => _tracker.State?.Session ?? 0;

    /// <summary>Asks the election actor for its full state.</summary>
    public Task<ElectionState> GetStateAsync(TimeSpan? timeout = null) =>
        Actor.Ask<ElectionState>(GetElectionState.Instance, timeout ?? TimeSpan.FromSeconds(5));

    /// <summary>Completes with the master as soon as one is known.</summary>
    public Task<UniqueAddress> WaitForMasterAsync(CancellationToken cancellationToken = default) =>
        _tracker.WaitForMasterAsync(cancellationToken);

    /// <summary>
    /// Completes once this node is master, with its fencing token <c>(Session, Master)</c> and a
    /// <see cref="CancellationToken"/> cancelled the moment it stops being master.
    /// </summary>
    public Task<Leadership> WaitForLeadershipAsync(CancellationToken cancellationToken = default) =>
        _tracker.WaitForLeadershipAsync(cancellationToken);

    /// <summary>Hands over if this node is master (the next best node takes over in one round).</summary>
    public Task<StepDownResult> StepDownAsync(TimeSpan? timeout = null) =>
        Actor.Ask<StepDownResult>(StepDown.Instance, timeout ?? TimeSpan.FromSeconds(5));

    /// <summary>The operator override: master at once when alone, otherwise a promotion in a new session.</summary>
    public void ForceMaster() => Actor.Tell(global::Actors.Election.ForceMaster.Instance);

    /// <summary>
    /// Starts an ordinary election now: ranked as usual, through the pre-vote, so it cannot unseat a live master (for
    /// clusters run with <c>auto-elect-on-peer-loss = off</c>).
    /// </summary>
    public void StartElection() => Actor.Tell(global::Actors.Election.StartElection.Instance);

    /// <summary>
    /// The way out when a majority of the electorate is gone for good (etcd's <c>--force-new-cluster</c>): this node
    /// becomes master of a new session with an electorate of the members it reaches. <b>Unsafe</b> if a member left out
    /// still runs; see docs/operations.md.
    /// </summary>
    public void ForceNewElectorate() => Actor.Tell(global::Actors.Election.ForceNewElectorate.Instance);

    /// <summary>Adds <paramref name="n"/> to this node's commands seen.</summary>
    public void RecordCommand(long n = 1) => Actor.Tell(new RecordCommand(n));

    /// <summary>Sends <paramref name="subscriber"/> an <see cref="ElectionState"/> snapshot, then every <see cref="IElectionEvent"/>.</summary>
    public void Subscribe(IActorRef subscriber) => Actor.Tell(new SubscribeElection(subscriber));

    /// <summary>Stops sending events to <paramref name="subscriber"/>.</summary>
    public void Unsubscribe(IActorRef subscriber) => Actor.Tell(new UnsubscribeElection(subscriber));

    /// <summary>
    /// Registers the wire serializer unless the system's configuration already bound one with its id (when the system
    /// was created without the library's reference.conf, which is only injected as a fallback once the extension
    /// loads). Any serializer bound under id 4711 counts: registering a second one would fail on the duplicate id, and
    /// the rolling-upgrade test binds the previous release's serializer there on purpose.
    /// </summary>
    private static void EnsureSerializer(ExtendedActorSystem system)
    {
        var serialization = system.Serialization;
        if (serialization.FindSerializerForType(typeof(ElectionMessage)) is { Identifier: ElectionMessageSerializer.Id }) return;
        var serializer = new ElectionMessageSerializer(system);
        serialization.AddSerializer("actors-election", serializer);
        serialization.AddSerializationMap(typeof(ElectionMessage), serializer);
    }
}

/// <summary>The <see cref="ExtensionIdProvider{T}"/> that creates the <see cref="Election"/> extension.</summary>
public sealed class ElectionExtensionProvider : ExtensionIdProvider<Election>
{
    /// <inheritdoc />
    public override Election CreateExtension(ExtendedActorSystem system) => new(system);
}
