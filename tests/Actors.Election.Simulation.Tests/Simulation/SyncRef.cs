using Akka.Actor;

namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>
/// An <see cref="IActorRef"/> that is no actor: a <c>Tell</c> runs <paramref name="onMessage"/> at once on the
/// caller's thread. The simulation gives these to the election actors as peers, reply addresses, subscribers
/// and state watchers, so everything an actor sends is captured synchronously, in the order it was sent.
/// </summary>
internal sealed class SyncRef : MinimalActorRef
{
    private static long _counter;
    private readonly Action<object, IActorRef?> _onMessage;

    public SyncRef(ActorSystem system, string kind, Action<object, IActorRef?> onMessage)
    {
        Provider = ((ExtendedActorSystem)system).Provider;
        Path = new RootActorPath(Provider.DefaultAddress) / "sim" / $"{kind}-{Interlocked.Increment(ref _counter)}";
        _onMessage = onMessage;
    }

    public override ActorPath Path { get; }

    public override IActorRefProvider Provider { get; }

    protected override void TellInternal(object message, IActorRef? sender) => _onMessage(message, sender);
}
