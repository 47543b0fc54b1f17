using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Cluster.Tests;

/// <summary>
/// Sessions across restarts, over real sockets (issue 10). No node keeps anything across a restart, so only the
/// sessions' wall-clock part (a session is proposed as max(highest seen + 1, wall-clock µs)) can carry a whole-cluster
/// restart above every earlier session; a rolling restart must keep sessions growing as well, the new incarnations
/// included. Every test runs one cluster of real ActorSystems on 127.0.0.1, with hand-overs before the restart so
/// that the sessions before it are more than the first one.
/// </summary>
public sealed class ClusterRestartSpec(ITestOutputHelper output)
{
    private const int Size = 3;
    private const int HandOvers = 3;

    /// <summary>A session is at most this far above the clock of the node that reads it: the session space is not spent.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task After_the_whole_cluster_stopped_a_new_cluster_on_fresh_ports_elects_above_every_earlier_session()
    {
        await using var cluster = new TestCluster(output);
        var before = await cluster.StartSequentiallyAsync(Size);
        var master = await ClusterSteps.AwaitMasterFollowedByAllAsync(cluster, "the cluster before");
        for (var i = 1; i <= HandOvers; i++) master = await ClusterSteps.HandOverAsync(cluster, master, $"the cluster before, hand-over {i}");
        Assert.True(before.SelectMany(n => n.EventsOf<ElectedMaster>()).Count() >= 1 + HandOvers);
        var highestBefore = SessionChecks.Highest(before);
        var lowestBefore = SessionChecks.Lowest(before);

        // Every node at once, as in a power cut: nothing of the cluster before is left to talk to.
        await Task.WhenAll(before.Select(n => n.StopAsync(graceful: false)));
        Assert.Empty(cluster.Live);
        cluster.Log($"the whole cluster stopped; sessions before: {lowestBefore} .. {highestBefore}; ports [{string.Join(", ", before.Select(n => n.Address.Port))}]");

        var clock = Stopwatch.StartNew();
        var after = await cluster.StartSequentiallyAsync(Size); // port 0: ports the OS hands out afresh
        var up = clock.Elapsed;
        var newMaster = await ClusterSteps.AwaitMasterFollowedByAllAsync(cluster, "the cluster after");
        var elected = clock.Elapsed;
        var session = newMaster.Election.Session;
        cluster.Log($"the cluster after (ports [{string.Join(", ", after.Select(n => n.Address.Port))}]): {Size} nodes up after {up.TotalMilliseconds:0} ms, " +
                    $"master {newMaster} of session {session} followed by all after {elected.TotalMilliseconds:0} ms from the first start; " +
                    $"{session - highestBefore} above the highest session before");

        Assert.True(session > highestBefore, $"the new master's session {session} is not above {highestBefore}, the highest before the restart");
        // Not only the master's: no node of the new cluster ever entered a session at or below one of before.
        Assert.True(SessionChecks.Lowest(after) > highestBefore, $"a node of the new cluster saw session {SessionChecks.Lowest(after)}, not above {highestBefore}");
        AssertNearTheClock(session);
        SessionChecks.AssertNeverDecreasingOnEveryNode(cluster.Nodes);
        SessionChecks.AssertAtMostOneMasterPerSession(cluster.Nodes);
    }

    [Fact]
    public async Task A_rolling_restart_on_the_same_ports_keeps_every_master_at_or_above_every_earlier_session()
    {
        await using var cluster = new TestCluster(output);
        var nodes = (await cluster.StartSequentiallyAsync(Size)).ToList();
        var originals = nodes.ToList();
        var masters = new List<(string When, long Session)>();
        var master = await ClusterSteps.AwaitMasterFollowedByAllAsync(cluster, "formed");
        masters.Add(("formed", master.Election.Session));
        for (var i = 1; i <= HandOvers; i++)
        {
            master = await ClusterSteps.HandOverAsync(cluster, master, $"hand-over {i}");
            masters.Add(($"hand-over {i}", master.Election.Session));
        }

        // One node at a time, whichever is master: a graceful stop, a new incarnation on its port, one master again.
        for (var i = 0; i < Size; i++)
        {
            var seen = SessionChecks.Highest(cluster.Nodes); // every session of the run so far, stopped incarnations' included
            var wasMaster = nodes[i].Election.IsMaster;
            var clock = Stopwatch.StartNew();
            nodes[i] = await ClusterSteps.RestartOnSamePortAsync(cluster, nodes[i]);
            master = await ClusterSteps.AwaitMasterFollowedByAllAsync(cluster, $"{nodes[i]} rejoined");
            var elapsed = clock.Elapsed;
            await ClusterSteps.AwaitSettledElectorateAsync(cluster, $"{nodes[i]} admitted"); // before the next node goes
            cluster.Log($"restart {i + 1} ({(wasMaster ? "the master" : "a follower")}): stop -> master {master} of session {master.Election.Session} " +
                        $"followed by all {elapsed.TotalMilliseconds:0} ms, admitted after {clock.Elapsed.TotalMilliseconds:0} ms");

            Assert.True(master.Election.Session >= seen, $"restart {i + 1}: master {master} is in session {master.Election.Session}, below {seen} seen before");
            Assert.True(SessionChecks.Lowest([nodes[i]]) >= seen,
                $"restart {i + 1}: the new incarnation {nodes[i]} saw session {SessionChecks.Lowest([nodes[i]])}, below {seen} seen before it started");
            masters.Add(($"restart {i + 1}", master.Election.Session));
        }

        // Only new incarnations are left, none of which saw the first sessions: one more hand-over must still go above all.
        Assert.DoesNotContain(cluster.Live, originals.Contains);
        var highestOfRun = SessionChecks.Highest(cluster.Nodes);
        master = await ClusterSteps.HandOverAsync(cluster, master, "after the roll");
        masters.Add(("after the roll", master.Election.Session));
        cluster.Log($"masters' sessions: {string.Join(", ", masters.Select(m => $"{m.When} {m.Session}"))}");

        Assert.True(master.Election.Session > highestOfRun, $"the hand-over after the roll elected session {master.Election.Session}, not above {highestOfRun}");
        for (var i = 1; i < masters.Count; i++)
            Assert.True(masters[i].Session >= masters[i - 1].Session, $"the master's session went back from {masters[i - 1]} to {masters[i]}");
        AssertNearTheClock(master.Election.Session);
        SessionChecks.AssertNeverDecreasingOnEveryNode(cluster.Nodes);
        SessionChecks.AssertAtMostOneMasterPerSession(cluster.Nodes);
    }

    /// <summary>
    /// A session is proposed as max(highest seen + 1, wall-clock µs): in one process (one clock) it is never more than a
    /// few counts above the clock. A session far ahead would spend the session space (or not be µs at all).
    /// </summary>
    private static void AssertNearTheClock(long session)
    {
        var now = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / 10;
        Assert.True(session <= now + ClockSlack.Ticks / 10, $"session {session} is more than {ClockSlack} ahead of the clock ({now} µs)");
    }
}
