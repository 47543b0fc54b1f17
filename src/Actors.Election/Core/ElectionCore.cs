using Actors.Election.Core.Roles;
using Actors.Election.Membership;
using Akka.Cluster;

namespace Actors.Election.Core;

/// <summary>
/// The election protocol as an I/O-free state machine, built the way etcd-io/raft's <c>raft.go</c> is: a step takes a
/// node's state and one input and returns the new state and the effects to carry out (send to a node, publish an event,
/// start or cancel a timer, log, answer a command). The input state is never changed. The actor, the simulation and the
/// explorer all drive this one core.
/// <para>Inputs: an <see cref="ElectionMessage"/>; a membership message (<see cref="MemberJoined"/>,
/// <see cref="MemberLeaving"/>, <see cref="MemberRemoved"/>, <see cref="MemberUnreachable"/>,
/// <see cref="MemberReachable"/>) or a <see cref="ConnectionLost"/>; a <see cref="TimerFired"/>; a command (<see cref="StepDown"/>,
/// <see cref="ForceMaster"/>, <see cref="StartElection"/>, <see cref="ForceNewElectorate"/>,
/// <see cref="RecordCommand"/>).</para>
/// </summary>
internal static class ElectionCore
{
    /// <summary>A node's initial state (Idle, not yet a member).</summary>
    public static NodeState Start(ElectionSettings settings, UniqueAddress self, Seniority seniority, ulong randomSeed, Policies? policies = null) =>
        new(self, seniority, settings, policies ?? Policies.Default, randomSeed);

    /// <summary>Runs one step of <paramref name="state"/>'s own role.</summary>
    public static Outcome Step(NodeState state, object input, StepTime time, bool debugEnabled = false) =>
        Step(Role.Of(state.Status), state, input, time, debugEnabled);

    /// <summary>Runs one step with the role of a node in <paramref name="status"/> (the actor's current behaviour).</summary>
    public static Outcome Step(ElectionStatus status, NodeState state, object input, StepTime time, bool debugEnabled = false)
    {
        if (status != state.Status) throw new InvalidOperationException($"a step of {status} for a node in {state.Status}");
        return Step(Role.Of(status), state, input, time, debugEnabled);
    }

    private static Outcome Step(Role role, NodeState state, object input, StepTime time, bool debugEnabled)
    {
        var t = new Turn(state.Clone(), time, debugEnabled);
        switch (input)
        {
            case ElectionMessage m when Intake.Accept(t, m) is { } settledBefore:
                // Only a member takes part: a node not told it is one (yet, or any more) only answers with its status.
                if (t.S.Joined) Role.Of(t.S.Status).OnMessage(t, m, settledBefore);
                else if (m.Kind != ElectionMessageKind.Reply) t.Reply(m.Sender);
                break;
            case ElectionMessage:
                break;
            case TimerFired fired when t.S.Timers.TryGetValue(fired.Key, out var generation) && generation == fired.Generation:
                t.S.Timers = t.S.Timers.Remove(fired.Key);
                if (TimerKeys.BelongsTo(fired.Key, t.S.Status)) role.OnTimer(t, fired.Key);
                break;
            case TimerFired:
                break; // a timer cancelled, restarted, or of a state this node has left: stale by design
            case MemberJoined joined:
                MembershipRules.OnJoined(t, role, joined.Node);
                break;
            case MemberLeaving leaving:
                MembershipRules.OnLeaving(t, role, leaving.Node);
                break;
            case MemberRemoved removed:
                MembershipRules.OnRemoved(t, role, removed);
                break;
            case MemberUnreachable unreachable:
                MembershipRules.OnReachability(t, role, unreachable.Node, reachable: false);
                break;
            case MemberReachable reachable:
                MembershipRules.OnReachability(t, role, reachable.Node, reachable: true);
                break;
            case ConnectionLost lost:
                MembershipRules.OnConnectionLost(t, role, lost.Node);
                break;
            case StepDown:
                OperatorCommands.StepDown(t);
                break;
            case ForceMaster:
                OperatorCommands.ForceMaster(t);
                break;
            case StartElection:
                OperatorCommands.StartElection(t);
                break;
            case ForceNewElectorate:
                OperatorCommands.ForceNewElectorate(t);
                break;
            case RecordCommand command:
                OperatorCommands.RecordCommand(t, command.Count);
                break;
            default:
                throw new ArgumentException($"not an input of the election core: {input.GetType().FullName}", nameof(input));
        }
        return new Outcome(t.S, t.Effects);
    }
}
