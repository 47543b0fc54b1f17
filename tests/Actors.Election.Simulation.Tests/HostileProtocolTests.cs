using Actors.Election.Simulation.Tests.Simulation;
using Akka.Actor;
using Akka.Cluster;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Simulation.Tests;

/// <summary>
/// Hostile but well-formed messages (through the real serializer) sent to a small simulated cluster: absurd
/// sessions, negative values, clocks that jump, start instants in the future, votes for non-members, senders
/// outside the electorate, a message claiming to come from its receiver. No actor may crash (a failed actor is
/// stopped, never restarted, and the run reports it), wedge, or stop the cluster from electing a master.
/// </summary>
public sealed class HostileProtocolTests(ITestOutputHelper output)
{
    private static readonly Address Nowhere = new("akka.tcp", "sim", "intruder", 2600);

    public static IEnumerable<object[]> Modes() => [[QuorumMode.Majority], [QuorumMode.Reachable]];

    [Theory]
    [MemberData(nameof(Modes))]
    public void Hostile_messages_neither_crash_nor_wedge_the_cluster(QuorumMode mode)
    {
        using var sim = new SimSystem("WARNING");
        var warnings = 0;
        var run = new SimRun(sim, Scenario.Calm(5, mode, 4));
        run.Begin();
        try
        {
            sim.OnLog += e => { if (e is Akka.Event.Warning) warnings++; };
            run.RunUntil(TimeSpan.FromSeconds(5));
            var (master, session) = AssertConverged(run, "before the attack");
            var before = run.Incarnations.ToDictionary(i => i, run.StateOf);

            var member = run.Incarnations.First(i => !i.Address.Equals(master));
            var stranger = new UniqueAddress(Nowhere, 77);
            var sent = 0;
            foreach (var target in run.Incarnations)
            {
                foreach (var m in Hostile(member.Address, stranger, target.Address, session, run.Now))
                {
                    run.Inject(m.Sender, target, m, TimeSpan.FromMilliseconds(1 + sent % 5));
                    sent++;
                }
            }
            run.RunUntil(run.Now + TimeSpan.FromSeconds(12));
            foreach (var node in run.Incarnations)
            {
                var state = run.StateOf(node); // answers: it neither crashed nor was restarted
                Assert.True(state.Session >= before[node].Session, $"{node} lost its session: {before[node]} -> {state}");
                Assert.True(state.Clock >= before[node].Clock, $"{node} lost its clock (restarted?): {before[node]} -> {state}");
                Assert.Equal(node.Address, state.Self);
            }
            var after = AssertConverged(run, "after the attack");

            // A peer that announced an absurd session must not stop the others from electing: the master crashes.
            var victim = run.Incarnations.First(i => i.Address.Equals(after.Master));
            victim.Alive = false;
            sim.Stop(victim.Actor);
            foreach (var other in run.Incarnations.Where(i => i.Alive))
            {
                other.Actor.Tell(new Membership.MemberUnreachable(victim.Address));
                other.Actor.Tell(new Membership.MemberRemoved(victim.Address));
            }
            victim.Member = false;
            run.RunUntil(run.Now + TimeSpan.FromSeconds(15));
            var last = AssertConverged(run, "after the master crashed");
            Assert.NotEqual(after.Master, last.Master);
            var ceiling = Core.SessionClock.Ceiling(sim.Scheduler.Now, ElectionSettings.Create(Akka.Configuration.Config.Empty).MaxClockSkew);
            Assert.True(last.Session <= ceiling, $"the session was pushed to {last.Session}, beyond this node's clock plus max-clock-skew ({ceiling})");

            var errors = run.History.Entries.OfType<LogEntry>().ToList();
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
            Assert.Empty(run.RunViolations);
            var line = $"Hostile protocol ({mode.ToString().ToLowerInvariant()}): {sent} hostile messages, {warnings} warnings logged, no crash, " +
                       $"master {Sim.Name(after.Master)} kept (session {after.Session}), then {Sim.Name(last.Master)} elected in session {last.Session}";
            output.WriteLine(line);
            Console.WriteLine(line);
        }
        finally
        {
            run.End();
        }
    }

    /// <summary>Well-formed messages no honest node sends.</summary>
    private static IEnumerable<ElectionMessage> Hostile(UniqueAddress member, UniqueAddress stranger, UniqueAddress target, long session, TimeSpan now)
    {
        var future = new Seniority(DateTimeOffset.UtcNow.AddYears(10).ToUnixTimeMilliseconds());
        var past = new Seniority(long.MinValue / 2);
        var electorate = new Electorate(ElectorateVersion.Bootstrap, [member, target, stranger]);
        var huge = new Electorate(new ElectorateVersion(long.MaxValue, long.MaxValue), Enumerable.Range(0, 200).Select(i => new UniqueAddress(Nowhere, i)));
        ElectionMessage M(ElectionMessageKind kind, long s, UniqueAddress from, long clock, UniqueAddress? vote = null, UniqueAddress? master = null,
            Seniority? seniority = null, bool forced = false, long commands = 0, Electorate? el = null, ElectionStatus status = ElectionStatus.Campaigning) =>
            new(kind, status, clock, seniority ?? future, s, commands, from, vote, master, int.MaxValue, true, forced, false, el ?? electorate);

        // Sessions near long.MaxValue, from a member: campaigns, announcements, forced promotions, pre-votes.
        yield return M(ElectionMessageKind.Campaign, long.MaxValue - 1, member, 1_000_000);
        yield return M(ElectionMessageKind.Announce, long.MaxValue, member, 1_000_001, master: member, status: ElectionStatus.Master);
        yield return M(ElectionMessageKind.Campaign, long.MaxValue, member, 1_000_002, vote: member, forced: true);
        yield return M(ElectionMessageKind.PreVote, long.MaxValue, member, 1_000_003);
        yield return M(ElectionMessageKind.Campaign, (1L << 62) + 5, member, 1_000_004, vote: member);
        yield return M(ElectionMessageKind.Campaign, session + (1L << 33), member, 1_000_005, vote: member);
        // Negative values.
        yield return M(ElectionMessageKind.Campaign, -1, member, 1_000_006);
        yield return M(ElectionMessageKind.Announce, -5, member, -7, master: member, status: ElectionStatus.Master);
        yield return M(ElectionMessageKind.Reply, session, member, 1_000_007, commands: -100);
        yield return M(ElectionMessageKind.Campaign, session + 1, member, 1_000_008, el: new Electorate(new ElectorateVersion(-1, -1), [member]));
        // Clocks that jump forward, then back.
        yield return M(ElectionMessageKind.Hello, session, member, long.MaxValue / 2);
        yield return M(ElectionMessageKind.Hello, session, member, 0);
        yield return M(ElectionMessageKind.Reply, session, member, long.MaxValue);
        // Start instants in the future and in the distant past; a campaign that outranks everyone by seniority.
        yield return M(ElectionMessageKind.Campaign, session + 1, member, 1_000_009, seniority: past, vote: member);
        // Votes for a non-member; an electorate of strangers with an impossible version.
        yield return M(ElectionMessageKind.Campaign, session + 1, member, 1_000_010, vote: stranger);
        yield return M(ElectionMessageKind.Campaign, session + 1, member, 1_000_011, vote: member, el: huge);
        // A sender outside the electorate: campaigns, an announcement, replies.
        yield return M(ElectionMessageKind.Campaign, session + 1, stranger, 5, vote: stranger, forced: true);
        yield return M(ElectionMessageKind.Announce, session + 1, stranger, 6, master: stranger, status: ElectionStatus.Master);
        yield return M(ElectionMessageKind.Reply, session + 100, stranger, 7, master: stranger, status: ElectionStatus.Master);
        yield return M(ElectionMessageKind.Reply, session + 100, stranger, 8, status: ElectionStatus.Campaigning);
        // A message claiming to come from its receiver.
        yield return M(ElectionMessageKind.Announce, session + 1, target, 1_000_012, master: target, status: ElectionStatus.Master);
        yield return M(ElectionMessageKind.Campaign, session + 1, target, 1_000_013, vote: target, forced: true);
        // An announcement naming another node as master (not from the master it names).
        yield return M(ElectionMessageKind.Announce, session + 1, member, 1_000_014, master: stranger, status: ElectionStatus.Master);
        _ = now;
    }

    private (UniqueAddress Master, long Session) AssertConverged(SimRun run, string when)
    {
        var states = run.Incarnations.Where(i => i.Alive && i.Member).Select(i => (Node: i, State: run.StateOf(i))).ToList();
        foreach (var (node, state) in states) output.WriteLine($"{when}: {node} {state}");
        var master = states[0].State.Master;
        Assert.True(master is not null, $"{when}: {states[0].Node} has no master");
        Assert.All(states, s => Assert.Equal(master, s.State.Master));
        Assert.All(states, s => Assert.Equal(states[0].State.Session, s.State.Session));
        Assert.Single(states, s => s.State.Status == ElectionStatus.Master);
        return (master!, states[0].State.Session);
    }
}
