using Akka.Actor;

namespace Actors.Election.Internal;

/// <summary>Watches the election actor's state for the <see cref="Election"/> handle.</summary>
internal sealed class StateTrackerActor : ReceiveActor
{
    public StateTrackerActor(IActorRef election, ElectionStateTracker tracker)
    {
        Receive<ElectionState>(tracker.Update);
        election.Tell(new WatchElectionState(Self));
    }

    public static Props Props(IActorRef election, ElectionStateTracker tracker) =>
        Akka.Actor.Props.Create(() => new StateTrackerActor(election, tracker));
}
