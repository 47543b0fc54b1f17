using Akka.Cluster;
using Akka.Event;

namespace Actors.Election.Core;

/// <summary>What a step asks its interpreter (the actor, the simulation, the explorer) to do. The core itself does no I/O.</summary>
internal abstract record Effect;

/// <summary>Send <paramref name="Message"/> to node <paramref name="To"/> (addressed to the node, never to whoever sent the input).</summary>
internal sealed record SendEffect(UniqueAddress To, ElectionMessage Message) : Effect;

/// <summary>Publish <paramref name="Event"/> on the event stream and to subscribers.</summary>
internal sealed record PublishEffect(IElectionEvent Event) : Effect;

/// <summary>Start (or restart) timer <paramref name="Key"/>: after <paramref name="Delay"/>, feed back <c>TimerFired(Key, Generation)</c>.</summary>
internal sealed record StartTimerEffect(TimerKey Key, long Generation, TimeSpan Delay) : Effect;

/// <summary>Cancel timer <paramref name="Key"/> (a firing that still arrives is stale and ignored by the core anyway).</summary>
internal sealed record CancelTimerEffect(TimerKey Key) : Effect;

/// <summary>Log <paramref name="Text"/> at <paramref name="Level"/>.</summary>
internal sealed record LogEffect(LogLevel Level, string Text) : Effect;

/// <summary>Answer the command that was the step's input (e.g. a <see cref="StepDownResult"/>).</summary>
internal sealed record AnswerEffect(object Reply) : Effect;

/// <summary>A timer the core started has fired.</summary>
/// <param name="Key">Which timer.</param>
/// <param name="Generation">The generation it was started with; any other is stale.</param>
internal sealed record TimerFired(TimerKey Key, long Generation) : Akka.Actor.INoSerializationVerificationNeeded;

/// <summary>The two clocks a step reads.</summary>
/// <param name="Now">The scheduler's time: what timers and silences are measured in.</param>
/// <param name="WallClock">This node's wall clock: what session floors are taken from (see <see cref="SessionClock"/>).</param>
internal readonly record struct StepTime(DateTimeOffset Now, DateTimeOffset WallClock)
{
    /// <summary>Both clocks at <paramref name="now"/>.</summary>
    public static StepTime At(DateTimeOffset now) => new(now, now);
}

/// <summary>The result of one step: the node's new state and what to do.</summary>
internal readonly record struct Outcome(NodeState State, IReadOnlyList<Effect> Effects);
