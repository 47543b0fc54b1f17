using Akka.Actor;

namespace Actors.Election.Internal;

/// <summary>
/// Registers <paramref name="Watcher"/> for a full <see cref="ElectionState"/> after every change of status,
/// master or session (and one at once). Used by the <see cref="Election"/> handle to answer
/// <c>IsMaster</c>, <c>Master</c> and <c>Session</c> without asking.
/// </summary>
internal sealed record WatchElectionState(IActorRef Watcher) : INoSerializationVerificationNeeded;
