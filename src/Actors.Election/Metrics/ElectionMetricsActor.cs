using System.Diagnostics.Metrics;
using Actors.Election.Internal;
using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election.Metrics;

/// <summary>
/// Publishes the node's <see cref="ElectionMetrics"/>: subscribes to the election actor (a snapshot, then every
/// <see cref="IElectionEvent"/>) and watches its state, and feeds both to an <see cref="ElectionMetricsRecorder"/>
/// with the time of the system's scheduler (virtual under Akka.TestKit's <c>TestScheduler</c>). It owns the meter
/// it creates and disposes it when it stops (with the system).
/// </summary>
internal sealed class ElectionMetricsActor : ReceiveActor
{
    private readonly IActorRef _election;
    private readonly ElectionMetricsRecorder _recorder;

    private ElectionMetricsActor(IActorRef election, string? node, Meter? meter)
    {
        _election = election;
        var ownsMeter = meter is null;
        meter ??= new Meter(ElectionMetrics.MeterName, typeof(ElectionMetricsActor).Assembly.GetName().Version?.ToString());
        _recorder = new ElectionMetricsRecorder(meter, node ?? Cluster.Get(Context.System).SelfUniqueAddress.ToShortId(), ownsMeter);
        Receive<ElectionState>(s => _recorder.OnState(s, Context.System.Scheduler.Now));
        Receive<IElectionEvent>(e => _recorder.OnEvent(e, Context.System.Scheduler.Now));
    }

    /// <summary>The metrics of the cluster-backed election actor <paramref name="election"/>, tagged with this node's short id (<see cref="NodeIds.ToShortId"/>).</summary>
    public static Props Props(IActorRef election) => Props(election, null, null);

    /// <summary>The metrics of <paramref name="election"/>, tagged with <paramref name="node"/>, on <paramref name="meter"/> (default: a new meter of its own).</summary>
    public static Props Props(IActorRef election, string? node, Meter? meter) =>
        Akka.Actor.Props.CreateBy(new Producer(election, node, meter));

    protected override void PreStart()
    {
        _election.Tell(new SubscribeElection(Self));
        _election.Tell(new WatchElectionState(Self));
    }

    protected override void PostStop() => _recorder.Dispose();

    private sealed class Producer(IActorRef election, string? node, Meter? meter) : IIndirectActorProducer
    {
        public Type ActorType => typeof(ElectionMetricsActor);

        public ActorBase Produce() => new ElectionMetricsActor(election, node, meter);

        public void Release(ActorBase actor) { }
    }
}
