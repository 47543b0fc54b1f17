using Akka.Actor;

namespace Actors.Election.Demo.Recording;

/// <summary>
/// Records this node's election into its <see cref="HistoryLog"/>: every <see cref="IElectionEvent"/> as it is
/// published, and every change of the <see cref="ElectionState"/>'s status, master or session. Subscribed through
/// <see cref="Election.Subscribe"/> (a snapshot, then the events); after each event, and every
/// <see cref="PollInterval"/> besides, it asks the election actor for its state, so a change that publishes no
/// event (a campaign that goes back to Idle, say) is recorded too.
/// </summary>
internal sealed class HistoryRecorder : ReceiveActor, IWithTimers
{
    /// <summary>How often the state is asked for even without an event.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly Election _election;
    private readonly HistoryLog _log;
    private (ElectionStatus Status, string? Master, long Session)? _last;

    public HistoryRecorder(Election election, HistoryLog log)
    {
        _election = election;
        _log = log;
        Receive<ElectionState>(RecordState);
        Receive<IElectionEvent>(e =>
        {
            _log.Write(Describe(e, _log.New(HistoryKinds.Event)));
            _election.Actor.Tell(GetElectionState.Instance, Self); // the state the event left behind
        });
        Receive<Poll>(_ => _election.Actor.Tell(GetElectionState.Instance, Self));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Election election, HistoryLog log) =>
        Akka.Actor.Props.Create(() => new HistoryRecorder(election, log));

    protected override void PreStart()
    {
        _election.Subscribe(Self);
        Timers.StartPeriodicTimer(Poll.Instance, Poll.Instance, PollInterval);
    }

    private void RecordState(ElectionState state)
    {
        var current = (state.Status, Master: state.Master is null ? null : state.Master.ToShortId(), state.Session);
        if (_last == current) return;
        _last = current;
        _log.Write(_log.New(HistoryKinds.State) with { Status = state.Status.ToString(), Master = current.Master, Session = state.Session });
    }

    /// <summary>The event's own fields on the record.</summary>
    public static HistoryRecord Describe(IElectionEvent e, HistoryRecord record)
    {
        record = record with { Event = e.GetType().Name };
        return e switch
        {
            ElectionStarted s => record with { Session = s.Session },
            ElectedMaster s => record with { Session = s.Session },
            NewMaster m => record with { Session = m.Session, Master = m.Master.ToShortId() },
            ElectionTimedOut t => record with { Session = t.Session },
            SteppedDown d => record with { Session = d.Session, Reason = d.Reason.ToString() },
            MasterLost l => record with { Session = l.Session, Master = l.Master.ToShortId() },
            SplitBrainDetected b => record with { Masters = b.Masters.Select(m => m.ToShortId()).ToList() },
            _ => record with { Detail = e.ToString() },
        };
    }

    private sealed class Poll
    {
        public static readonly Poll Instance = new();
    }
}
