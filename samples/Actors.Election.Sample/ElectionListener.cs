using Akka.Actor;
using Akka.Event;

namespace Actors.Election.Sample;

/// <summary>
/// The subscriber actor: started by <c>WithActors</c> with the system, it subscribes through the election handle and
/// logs what every node sees, the current state first, then every election event, with short node ids.
/// </summary>
public sealed class ElectionListener : ReceiveActor
{
    private readonly Election _election;

    public ElectionListener(Election election)
    {
        _election = election;
        var log = Context.GetLogger();
        Receive<ElectionState>(s => log.Info("Election state: {0}, master {1}, session {2}", s.Status, s.Master.ToShortId(), s.Session));
        Receive<NewMaster>(e => log.Info("New master {0}: fencing token {1}", e.Master.ToShortId(), e.Token));
        Receive<MasterLost>(e => log.Info("Master {0} of session {1} lost", e.Master.ToShortId(), e.Session));
        Receive<SteppedDown>(e => log.Info("Stepped down from session {0}: {1}", e.Session, e.Reason));
        Receive<IElectionEvent>(e => log.Debug("Election event {0}", e));
    }

    public static Props Props(Election election) => Akka.Actor.Props.Create(() => new ElectionListener(election));

    protected override void PreStart() => _election.Subscribe(Self); // unsubscribed when this actor stops
}
