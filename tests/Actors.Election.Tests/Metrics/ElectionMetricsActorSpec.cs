using System.Diagnostics.Metrics;
using Actors.Election.Internal;
using Akka.Actor;
using Actors.Election.Metrics;
using Actors.Election.Tests.Support;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Tests.Metrics;

/// <summary>
/// The metrics actor subscribes to the election actor (a TestProbe here) and times durations with the scheduler's
/// clock: under <c>TestScheduler</c> an election lasts exactly the virtual time advanced.
/// </summary>
public sealed class ElectionMetricsActorSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    [Fact]
    public void It_subscribes_to_the_election_and_times_with_virtual_time()
    {
        using var meter = new Meter(ElectionMetrics.MeterName);
        using var started = new MetricCollector<long>(meter, ElectionMetrics.ElectionsStarted);
        using var duration = new MetricCollector<double>(meter, ElectionMetrics.ElectionDuration);
        var election = CreateTestProbe();

        var metrics = Sys.ActorOf(ElectionMetricsActor.Props(election.Ref, "node-1", meter));
        Assert.Equal(metrics, election.ExpectMsg<SubscribeElection>().Subscriber);
        Assert.Equal(metrics, election.ExpectMsg<WatchElectionState>().Watcher);

        metrics.Tell(new ElectionStarted(1));
        // A barrier: the start is counted (and so timed) before virtual time moves.
        AwaitAssert(() => Assert.Equal(1, started.GetMeasurementSnapshot().EvaluateAsCounter()));
        Advance(TimeSpan.FromMilliseconds(1500));
        metrics.Tell(new ElectedMaster(1));

        AwaitAssert(() =>
        {
            var measurement = Assert.Single(duration.GetMeasurementSnapshot());
            Assert.Equal(1.5, measurement.Value, precision: 9);
            Assert.Equal("node-1", measurement.Tags[ElectionMetrics.NodeTag]);
        });
    }

    [Fact]
    public void A_meter_of_its_own_is_disposed_when_it_stops()
    {
        Instrument? ours = null;
        var completed = new List<Instrument>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ElectionMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == ElectionMetrics.NodeTag && Equals(tag.Value, "node-2")) Volatile.Write(ref ours, instrument);
        });
        listener.MeasurementsCompleted = (instrument, _) =>
        {
            lock (completed) completed.Add(instrument);
        };
        listener.Start();
        var election = CreateTestProbe();

        var metrics = Sys.ActorOf(ElectionMetricsActor.Props(election.Ref, "node-2", meter: null));
        election.ExpectMsg<SubscribeElection>();
        AwaitAssert(() =>
        {
            listener.RecordObservableInstruments();
            Assert.NotNull(Volatile.Read(ref ours));
        });
        Assert.Equal(ElectionMetrics.IsMaster, ours!.Name);

        Watch(metrics);
        Sys.Stop(metrics);
        ExpectTerminated(metrics);
        AwaitAssert(() => { lock (completed) Assert.Contains(ours, completed); });
    }
}
