using System.Diagnostics.Metrics;

namespace Actors.Election.Metrics;

/// <summary>
/// Turns one node's election events and state snapshots into the instruments of <see cref="ElectionMetrics"/>.
/// Pure bookkeeping: time is passed in by the caller (the scheduler's clock), so tests drive it with virtual time.
/// Fed by one actor; the observable gauges are read from any thread.
/// </summary>
internal sealed class ElectionMetricsRecorder : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly Counter<long> _started;
    private readonly Counter<long> _won;
    private readonly Counter<long> _timedOut;
    private readonly Counter<long> _splitBrains;
    private readonly Counter<long> _stepDowns;
    private readonly Histogram<double> _electionDuration;
    private readonly Histogram<double> _failoverDuration;

    private long _session;
    private int _isMaster;

    // The election in progress on this node: when its first session opened, and the latest session it opened.
    private DateTimeOffset? _electionStartedAt;
    private long _electionSession;

    // The failover in progress: when the master of which session was lost.
    private DateTimeOffset? _masterLostAt;
    private long _lostSession;

    public ElectionMetricsRecorder(Meter meter, string node, bool ownsMeter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(node);
        _meter = meter;
        _ownsMeter = ownsMeter;
        _tags = [new(ElectionMetrics.NodeTag, node)];
        _started = meter.CreateCounter<long>(ElectionMetrics.ElectionsStarted, "{election}", "Campaigns this node opened or joined");
        _won = meter.CreateCounter<long>(ElectionMetrics.ElectionsWon, "{election}", "Sessions this node won");
        _timedOut = meter.CreateCounter<long>(ElectionMetrics.ElectionsTimedOut, "{election}", "Sessions that elected nobody in time");
        _splitBrains = meter.CreateCounter<long>(ElectionMetrics.SplitBrains, "{event}", "Two masters seen at once");
        _stepDowns = meter.CreateCounter<long>(ElectionMetrics.StepDowns, "{event}", "Times this node stopped being master");
        _electionDuration = meter.CreateHistogram<double>(ElectionMetrics.ElectionDuration, "s",
            "From the start of an election until this node knows a master");
        _failoverDuration = meter.CreateHistogram<double>(ElectionMetrics.FailoverDuration, "s",
            "From MasterLost until this node knows the master of a later session");
        meter.CreateObservableGauge(ElectionMetrics.Session, () => new Measurement<long>(Volatile.Read(ref _session), _tags),
            "{session}", "The highest session this node has seen");
        meter.CreateObservableGauge(ElectionMetrics.IsMaster, () => new Measurement<int>(Volatile.Read(ref _isMaster), _tags),
            null, "1 while this node is master, else 0");
    }

    /// <summary>Takes in a state snapshot (the subscription's first message, and one after every change).</summary>
    public void OnState(ElectionState state, DateTimeOffset now)
    {
        SeeSession(state.Session);
        Volatile.Write(ref _isMaster, state.Status == ElectionStatus.Master ? 1 : 0);
        if (state.Master is not null && state.Status is ElectionStatus.Master or ElectionStatus.Follower)
            MasterKnown(state.Session, now);
    }

    /// <summary>Takes in one election event.</summary>
    public void OnEvent(IElectionEvent e, DateTimeOffset now)
    {
        switch (e)
        {
            case ElectionStarted started:
                SeeSession(started.Session);
                _started.Add(1, _tags);
                _electionStartedAt ??= now;
                _electionSession = Math.Max(_electionSession, started.Session);
                break;
            case ElectedMaster elected:
                SeeSession(elected.Session);
                _won.Add(1, _tags);
                Volatile.Write(ref _isMaster, 1);
                MasterKnown(elected.Session, now);
                break;
            case NewMaster newMaster:
                SeeSession(newMaster.Session);
                MasterKnown(newMaster.Session, now);
                break;
            case ElectionTimedOut timedOut:
                SeeSession(timedOut.Session);
                _timedOut.Add(1, _tags);
                break;
            case SplitBrainDetected:
                _splitBrains.Add(1, _tags);
                break;
            case SteppedDown steppedDown:
                _stepDowns.Add(1, new KeyValuePair<string, object?>(ElectionMetrics.NodeTag, _tags[0].Value),
                    new KeyValuePair<string, object?>(ElectionMetrics.ReasonTag, steppedDown.Reason.ToString()));
                Volatile.Write(ref _isMaster, 0);
                break;
            case MasterLost lost:
                SeeSession(lost.Session);
                if (_masterLostAt is null)
                {
                    _masterLostAt = now;
                    _lostSession = lost.Session;
                }
                break;
        }
    }

    private void MasterKnown(long session, DateTimeOffset now)
    {
        if (_electionStartedAt is { } startedAt && session >= _electionSession)
        {
            _electionDuration.Record(Seconds(now - startedAt), _tags);
            _electionStartedAt = null;
        }
        if (_masterLostAt is { } lostAt && session > _lostSession)
        {
            _failoverDuration.Record(Seconds(now - lostAt), _tags);
            _masterLostAt = null;
        }
    }

    private void SeeSession(long session)
    {
        if (session > Volatile.Read(ref _session)) Volatile.Write(ref _session, session);
    }

    // A wall clock can step back; a duration never goes below zero.
    private static double Seconds(TimeSpan elapsed) => Math.Max(0, elapsed.TotalSeconds);

    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }
}
