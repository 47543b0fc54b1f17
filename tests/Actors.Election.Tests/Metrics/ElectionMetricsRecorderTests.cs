using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using Actors.Election.Metrics;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Xunit;

namespace Actors.Election.Tests.Metrics;

/// <summary>
/// The metrics bookkeeping driven by events and state snapshots directly, on explicit instants: counters, the
/// election and failover histograms, and the gauges, all tagged with the node.
/// </summary>
public sealed class ElectionMetricsRecorderTests : IDisposable
{
    private const string NodeName = "akka.tcp://sys@n1:2551";
    private static readonly UniqueAddress Self = new(new Address("akka.tcp", "sys", "n1", 2551), 1);
    private static readonly UniqueAddress Other = new(new Address("akka.tcp", "sys", "n2", 2552), 2);
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly Meter _meter = new(ElectionMetrics.MeterName);
    private readonly ElectionMetricsRecorder _recorder;

    public ElectionMetricsRecorderTests() => _recorder = new ElectionMetricsRecorder(_meter, NodeName, ownsMeter: true);

    public void Dispose() => _recorder.Dispose();

    private MetricCollector<T> Collect<T>(string instrument) where T : struct => new(_meter, instrument);

    private static DateTimeOffset At(double seconds) => T0 + TimeSpan.FromSeconds(seconds);

    private static ElectionState State(ElectionStatus status, UniqueAddress? master, long session) =>
        new(status, master, session, TimeSpan.FromMinutes(1), 0, 0,
            ImmutableSortedSet.Create(NodeOrdering.Instance, Self, Other), ImmutableSortedSet.Create(NodeOrdering.Instance, Self, Other));

    [Fact]
    public void Each_event_counts_once_on_its_counter_tagged_with_the_node()
    {
        using var started = Collect<long>(ElectionMetrics.ElectionsStarted);
        using var won = Collect<long>(ElectionMetrics.ElectionsWon);
        using var timedOut = Collect<long>(ElectionMetrics.ElectionsTimedOut);
        using var splitBrains = Collect<long>(ElectionMetrics.SplitBrains);
        using var stepDowns = Collect<long>(ElectionMetrics.StepDowns);

        _recorder.OnEvent(new ElectionStarted(1), At(0));
        _recorder.OnEvent(new ElectionTimedOut(1), At(3));
        _recorder.OnEvent(new ElectionStarted(2), At(3));
        _recorder.OnEvent(new ElectedMaster(2), At(4));
        _recorder.OnEvent(new SplitBrainDetected([Self, Other]), At(5));
        _recorder.OnEvent(new SteppedDown(2, StepDownReason.SplitBrain), At(5));

        Assert.Equal(2, started.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, won.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, timedOut.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, splitBrains.GetMeasurementSnapshot().EvaluateAsCounter());
        var stepDown = Assert.Single(stepDowns.GetMeasurementSnapshot());
        Assert.Equal(1, stepDown.Value);
        Assert.True(stepDown.MatchesTags(
            new KeyValuePair<string, object?>(ElectionMetrics.NodeTag, NodeName),
            new KeyValuePair<string, object?>(ElectionMetrics.ReasonTag, nameof(StepDownReason.SplitBrain))));
        Assert.All(started.GetMeasurementSnapshot(), m => Assert.Equal(NodeName, m.Tags[ElectionMetrics.NodeTag]));
    }

    [Fact]
    public void An_election_lasts_from_its_first_session_to_a_known_master_across_timeouts()
    {
        using var duration = Collect<double>(ElectionMetrics.ElectionDuration);

        _recorder.OnEvent(new ElectionStarted(1), At(10));
        _recorder.OnEvent(new ElectionTimedOut(1), At(13));
        _recorder.OnEvent(new ElectionStarted(2), At(13));
        _recorder.OnEvent(new NewMaster(Other, 2), At(13.5));
        _recorder.OnState(State(ElectionStatus.Follower, Other, 2), At(13.5)); // the same news again: no second record

        var measurement = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(3.5, measurement.Value, precision: 9);
        Assert.Equal(NodeName, measurement.Tags[ElectionMetrics.NodeTag]);
    }

    [Fact]
    public void A_re_elected_master_ends_the_election_through_the_state_even_without_NewMaster()
    {
        using var duration = Collect<double>(ElectionMetrics.ElectionDuration);
        _recorder.OnState(State(ElectionStatus.Follower, Other, 3), At(0));

        // The master stepped down and won the hand-over session again: followers publish no NewMaster.
        _recorder.OnEvent(new ElectionStarted(4), At(1));
        _recorder.OnState(State(ElectionStatus.Campaigning, null, 4), At(1));
        _recorder.OnState(State(ElectionStatus.Follower, Other, 4), At(1.25));

        Assert.Equal(0.25, Assert.Single(duration.GetMeasurementSnapshot()).Value, precision: 9);
    }

    [Fact]
    public void A_failover_lasts_from_MasterLost_to_the_master_of_a_later_session()
    {
        using var failover = Collect<double>(ElectionMetrics.FailoverDuration);
        using var election = Collect<double>(ElectionMetrics.ElectionDuration);
        _recorder.OnState(State(ElectionStatus.Follower, Other, 1), At(0));

        _recorder.OnEvent(new MasterLost(Other, 1), At(20));
        _recorder.OnState(State(ElectionStatus.Idle, null, 1), At(20));
        _recorder.OnEvent(new ElectionStarted(2), At(20.25));
        _recorder.OnEvent(new ElectedMaster(2), At(21));
        _recorder.OnEvent(new NewMaster(Self, 2), At(21));
        _recorder.OnState(State(ElectionStatus.Master, Self, 2), At(21));

        Assert.Equal(1.0, Assert.Single(failover.GetMeasurementSnapshot()).Value, precision: 9);
        Assert.Equal(0.75, Assert.Single(election.GetMeasurementSnapshot()).Value, precision: 9);
    }

    [Fact]
    public void The_lost_master_seen_again_in_its_own_session_does_not_end_the_failover()
    {
        using var failover = Collect<double>(ElectionMetrics.FailoverDuration);
        _recorder.OnEvent(new MasterLost(Other, 5), At(0));
        _recorder.OnState(State(ElectionStatus.Follower, Other, 5), At(0.5)); // a late heartbeat of the old session
        Assert.Empty(failover.GetMeasurementSnapshot());

        _recorder.OnState(State(ElectionStatus.Follower, Other, 6), At(2)); // re-elected in a later session
        Assert.Equal(2.0, Assert.Single(failover.GetMeasurementSnapshot()).Value, precision: 9);
    }

    [Fact]
    public void A_wall_clock_stepping_back_records_zero_rather_than_a_negative_duration()
    {
        using var duration = Collect<double>(ElectionMetrics.ElectionDuration);
        _recorder.OnEvent(new ElectionStarted(1), At(10));
        _recorder.OnEvent(new ElectedMaster(1), At(9));
        Assert.Equal(0.0, Assert.Single(duration.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public void The_gauges_show_the_highest_session_and_whether_the_node_is_master()
    {
        using var session = Collect<long>(ElectionMetrics.Session);
        using var isMaster = Collect<int>(ElectionMetrics.IsMaster);
        (long Session, int IsMaster) Observe()
        {
            session.RecordObservableInstruments();
            isMaster.RecordObservableInstruments();
            return (session.LastMeasurement!.Value, isMaster.LastMeasurement!.Value);
        }

        Assert.Equal((0L, 0), Observe());
        _recorder.OnState(State(ElectionStatus.Follower, Other, 3), At(0));
        Assert.Equal((3L, 0), Observe());
        _recorder.OnEvent(new ElectionStarted(4), At(1));
        _recorder.OnEvent(new ElectedMaster(4), At(2));
        Assert.Equal((4L, 1), Observe());
        Assert.Equal(NodeName, isMaster.LastMeasurement!.Tags[ElectionMetrics.NodeTag]);
        _recorder.OnEvent(new SteppedDown(4, StepDownReason.Requested), At(3));
        Assert.Equal((4L, 0), Observe());
        _recorder.OnState(State(ElectionStatus.Master, Self, 6), At(4));
        Assert.Equal((6L, 1), Observe());
        _recorder.OnState(State(ElectionStatus.Follower, Other, 2), At(5)); // sessions only grow
        Assert.Equal((6L, 0), Observe());
    }
}
