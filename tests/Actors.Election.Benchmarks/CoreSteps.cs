using Actors.Election.Benchmarks.InMemory;
using Actors.Election.Core;

namespace Actors.Election.Benchmarks;

/// <summary>One core step to replay: a node's state before it, the input, and the time it runs at.</summary>
internal sealed record CoreStep(NodeState State, object Input, StepTime Time)
{
    /// <summary>Runs the step (the state it starts from is never changed, so it can run any number of times).</summary>
    public Outcome Run() => ElectionCore.Step(State, Input, Time);
}

/// <summary>
/// Representative core steps, taken from the in-memory cluster of <see cref="ElectionScenario"/> rather than made up:
/// the first step of each kind that a real run of <c>nodes</c> nodes takes.
/// </summary>
internal static class CoreSteps
{
    /// <summary>A follower takes its master's heartbeat (an <see cref="ElectionMessageKind.Announce"/>) in a steady cluster.</summary>
    public static CoreStep FollowerTakesHeartbeat(int nodes) => FirstInSteadyCluster(nodes, (s, input) =>
        s.Status == ElectionStatus.Follower && input is ElectionMessage { Kind: ElectionMessageKind.Announce } m && m.Sender.Equals(s.Master));

    /// <summary>A master takes a follower's acknowledgement of its heartbeat (a <see cref="ElectionMessageKind.Reply"/>) in a steady cluster.</summary>
    public static CoreStep MasterTakesAck(int nodes) => FirstInSteadyCluster(nodes, (s, input) =>
        s.Status == ElectionStatus.Master && input is ElectionMessage { Kind: ElectionMessageKind.Reply });

    /// <summary>A master's heartbeat timer fires (it announces itself to every member) in a steady cluster.</summary>
    public static CoreStep MasterHeartbeatTimer(int nodes) => FirstInSteadyCluster(nodes, (s, input) =>
        s.Status == ElectionStatus.Master && input is TimerFired { Key: TimerKey.Heartbeat });

    /// <summary>A voter takes a candidate's <see cref="ElectionMessageKind.Campaign"/> in the failover after the master crashed.</summary>
    public static CoreStep VoterTakesCampaign(int nodes) => First(ElectionScenario.Steady(nodes), c => ElectionScenario.Failover(c), (s, input) =>
        input is ElectionMessage { Kind: ElectionMessageKind.Campaign } m && !m.Sender.Equals(s.Self));

    /// <summary>The first matching step of a steady cluster's next two heartbeat intervals.</summary>
    private static CoreStep FirstInSteadyCluster(int nodes, Func<NodeState, object, bool> match) =>
        First(ElectionScenario.Steady(nodes), c => c.RunFor(2 * ElectionScenario.Settings.HeartbeatInterval), match);

    private static CoreStep First(InMemoryCluster cluster, Action<InMemoryCluster> run, Func<NodeState, object, bool> match)
    {
        CoreStep? found = null;
        cluster.Observer = (_, state, input, time) =>
        {
            if (found is null && match(state, input)) found = new CoreStep(state, input, time);
        };
        run(cluster);
        return found ?? throw new InvalidOperationException("the run took no such step");
    }
}
