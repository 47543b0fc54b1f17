using Actors.Election.Logic;
using Akka.Cluster;

namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>
/// The closing probe: after the quiet period has shown every live node following one master, one fault aimed at that
/// master, and the rule for its outcome (issue 14: failover as fast as physics allows, without disturbing a healthy
/// master).
/// <list type="bullet">
/// <item>A pause shorter than <see cref="Scenario.ShortPauseBound"/>, a blip shorter than
/// <see cref="Scenario.ShortBlipBound"/>, or a connection reset between the master and one follower: no node may start
/// an election, lose its master, step down or see a new master, and the same master keeps the same session.</item>
/// <item>A pause of failure-timeout + 3 election timeouts or more: when the others can elect without the master (a quorum
/// of its electorate, a candidate among them), they follow a new master within failure-timeout + 3 election timeouts of
/// the pause's start (the silence, then the convergence bound), and once the pause ends the old master follows too
/// (everyone agrees again within 3 election timeouts).</item>
/// <item>Pauses and blips between those bounds and failure-timeout: counted, not judged (a heartbeat-based detector
/// cannot tell them from a crash: see <see cref="Scenario.ShortPauseBound"/>).</item>
/// </list>
/// </summary>
internal sealed partial class SimRun
{
    private ProbeResult RunProbe(Probe p, ref int nextAction)
    {
        var live = LiveMembers();
        var agreed = Agreement(live);
        if (_runViolations.Count > 0 || agreed is not { } before || live.Count < 2)
        {
            _h.Fault($"{p}: skipped (the cluster did not converge)");
            return new ProbeResult(p, ProbeOutcome.Skipped);
        }
        var master = live.First(i => i.Address.Equals(before.Master));
        var start = Now;
        var fromSeq = _h.NextSeq;
        _h.Fault($"{p}: aimed at master {master} of session {before.Session}");
        Incarnation? follower = null;
        switch (p.Kind)
        {
            case ProbeKind.ShortPause or ProbeKind.LongPause or ProbeKind.WindowPause:
                Pause(master, p.Duration);
                break;
            case ProbeKind.ShortBlip or ProbeKind.WindowBlip:
                Isolate(master.Slot, true);
                ScheduleDetection();
                At(start + p.Duration, () =>
                {
                    Isolate(master.Slot, false);
                    _h.Fault($"probe: the blip of {master} ends");
                    ScheduleDetection();
                    RetryBlockedNotices();
                });
                break;
            case ProbeKind.Disconnect:
                var followers = live.Where(i => i != master).ToList();
                follower = followers[p.Pick % followers.Count];
                ResetConnection(master, follower);
                break;
        }
        if (p.Kind == ProbeKind.LongPause) return LongPause(p, master, before, start, ref nextAction);

        // A follower could lose its master up to failure-timeout after the fault ends; an election would follow within
        // an election timeout. Run that long, then look.
        RunUntil(start + p.Duration + _s.Settings.FailureTimeout + _s.Settings.ElectionTimeout, ref nextAction);
        var election = FirstElectionEvent(fromSeq, strict: true);
        var after = Agreement(LiveMembers());
        if (p.MustCauseNoElection)
        {
            var what = p.Kind switch
            {
                ProbeKind.ShortPause => $"pause of the master shorter than failure-timeout - heartbeat-interval - latency ({_s.ShortPauseBound.TotalMilliseconds:0}ms)",
                ProbeKind.ShortBlip => $"blip of the master shorter than failure-timeout - 2 heartbeat-intervals - 2 latencies ({_s.ShortBlipBound.TotalMilliseconds:0}ms)",
                _ => "connection reset between the master and one follower",
            };
            if (election is not null)
                _runViolations.Add(new Violation("election from a short fault",
                    $"{election.Node} published {Sim.Describe(election.Event)} {(election.At - start).TotalMilliseconds:0}ms after a {what} began " +
                    $"({p}{(follower is null ? "" : $" {follower}")}, failure-timeout {_s.Settings.FailureTimeout.TotalMilliseconds:0}ms)", election.Seq, election.At));
            else if (after != before)
                _runViolations.Add(new Violation("master changed by a short fault",
                    $"before the {what} every live node followed {Sim.Name(before.Master)} in session {before.Session}; after it: " +
                    $"{(after is { } a ? $"{Sim.Name(a.Master)} in session {a.Session}" : "no agreement")}", _h.NextSeq, Now));
        }
        return new ProbeResult(p, election is null ? ProbeOutcome.NoElection : ProbeOutcome.Election);
    }

    private ProbeResult LongPause(Probe p, Incarnation master, (UniqueAddress Master, long Session) before, TimeSpan start, ref int nextAction)
    {
        var others = LiveMembers().Where(i => i != master).ToList();
        var st = master.LastState!;
        var electorate = new Electorate(st.ElectorateVersion, st.Electorate, st.Outgoing);
        var votes = others.Select(i => i.Address).ToHashSet();
        var owed = others.Any(i => _s.Nodes[i.Slot].Candidate) &&
                   QuorumRule.IsQuorum(_s.Mode, electorate, votes, new HashSet<UniqueAddress>(), new HashSet<UniqueAddress> { master.Address });
        var deadline = start + _s.Settings.FailureTimeout + _s.ConvergenceDeadline;
        TimeSpan? failedOver = null;
        RunUntil(start + p.Duration, ref nextAction, () =>
        {
            if (failedOver is null && Agreement(others) is { } on && !on.Master.Equals(master.Address) && on.Session > before.Session) failedOver = Now;
        });
        if (owed && (failedOver is not { } at || at > deadline))
            _runViolations.Add(new Violation("no failover after a long pause",
                $"master {master} paused for {p.Duration.TotalMilliseconds:0}ms; the others (a quorum of its electorate {st.ElectorateVersion}) " +
                $"{(failedOver is { } late ? $"followed a new master only {(late - start).TotalMilliseconds:0}ms" : "followed no new master")} after the pause began " +
                $"(allowed: failure-timeout + 3 election timeouts, {(deadline - start).TotalMilliseconds:0}ms)", _h.NextSeq, Now));

        // The pause is over (Resume ran at its end): the old master must find the new one and follow it.
        RunUntil(Now + _s.ConvergenceDeadline, ref nextAction);
        if (Agreement(LiveMembers()) is null)
            _runViolations.Add(new Violation("no convergence after a long pause",
                $"{_s.ConvergenceDeadline.TotalMilliseconds:0}ms after master {master}'s pause of {p.Duration.TotalMilliseconds:0}ms ended the live nodes do not follow one master: " +
                string.Join("; ", LiveMembers().Select(i => $"{i}={i.LastState?.Status} s={i.LastState?.Session} m={Sim.Name(i.LastState?.Master)}")), _h.NextSeq, Now));
        return new ProbeResult(p, owed ? (failedOver is null ? ProbeOutcome.Election : ProbeOutcome.FailedOver) : ProbeOutcome.FailoverNotOwed)
        {
            FailoverAfter = failedOver - start,
        };
    }
}
