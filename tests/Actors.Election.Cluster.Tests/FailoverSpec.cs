using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Cluster.Tests;

/// <summary>Election, failover and hand-over between real ActorSystems over loopback Akka.Remote/Akka.Cluster.</summary>
public sealed class FailoverSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task Three_nodes_started_one_after_another_agree_the_first_is_master()
    {
        await using var cluster = new TestCluster(output);
        var nodes = await cluster.StartSequentiallyAsync(3);

        await cluster.AwaitAsync(() => nodes.All(n => nodes[0].Self.Equals(n.Election.Master)), "everyone follows n1");

        Assert.Single(nodes, n => n.Election.IsMaster);
        Assert.True(nodes[0].Election.IsMaster);
        Assert.All(nodes, n => Assert.Equal(nodes[0].Election.Session, n.Election.Session));
    }

    [Fact]
    public async Task A_crashed_master_is_replaced_by_the_next_most_senior_in_a_higher_session()
    {
        await using var cluster = new TestCluster(output);
        var nodes = await cluster.StartSequentiallyAsync(3);
        var (master, next, last) = (nodes[0], nodes[1], nodes[2]);
        await StableAsync(cluster, nodes);
        var session = master.Election.Session;
        var survivors = new[] { next, last };
        var startedBefore = survivors.Select(n => n.EventsOf<ElectionStarted>().Count()).ToList();

        var clock = Stopwatch.StartNew();
        await cluster.CutAsync([master], survivors);
        await cluster.AwaitAsync(() => survivors.All(n => next.Self.Equals(n.Election.Master)), "the survivors follow n2");
        cluster.Log($"failover (cut -> every survivor follows the new master): {clock.ElapsedMilliseconds} ms");

        Assert.True(next.Election.IsMaster);
        Assert.All(survivors, n => Assert.True(n.Election.Session > session));
        await cluster.AwaitAsync(() => survivors.All(n => n.EventsOf<NewMaster>().Any(e => e.Master.Equals(next.Self))),
            "every survivor published NewMaster(n2)");
    }

    [Fact]
    public async Task A_gracefully_leaving_master_hands_over_in_one_round()
    {
        await using var cluster = new TestCluster(output);
        var nodes = await cluster.StartSequentiallyAsync(3);
        var (master, next, last) = (nodes[0], nodes[1], nodes[2]);
        await StableAsync(cluster, nodes);
        var session = master.Election.Session;
        var survivors = new[] { next, last };
        var startedBefore = survivors.Select(n => n.EventsOf<ElectionStarted>().Count()).ToList();

        var clock = Stopwatch.StartNew();
        await master.StopAsync(graceful: true);
        await cluster.AwaitAsync(() => survivors.All(n => next.Self.Equals(n.Election.Master)), "the survivors follow n2");
        cluster.Log($"hand-over (leave -> every survivor follows the new master): {clock.ElapsedMilliseconds} ms");

        // One round: one new session, above the old one, the same on every survivor (sessions carry wall-clock time, so
        // the next one is not necessarily the old one plus one).
        Assert.All(survivors, n => Assert.True(n.Election.Session > session, $"{n} is in session {n.Election.Session}, not above {session}"));
        Assert.Single(survivors.Select(n => n.Election.Session).Distinct());
        Assert.Equal(startedBefore.Select(c => c + 1), survivors.Select(n => n.EventsOf<ElectionStarted>().Count()));
        Assert.All(survivors, n => Assert.Empty(n.EventsOf<ElectionTimedOut>()));
        Assert.All(survivors, n => Assert.Empty(n.EventsOf<MasterLost>()));
    }

    [Fact]
    public async Task In_a_two_node_cluster_either_node_can_leave_gracefully_and_the_other_stays_master()
    {
        await using var cluster = new TestCluster(output);
        var nodes = await cluster.StartSequentiallyAsync(3);
        var (master, second, third) = (nodes[0], nodes[1], nodes[2]);
        await StableAsync(cluster, nodes);

        await third.StopAsync(graceful: true); // a follower leaves: two remain
        await cluster.AwaitAsync(() => master.Election.GetStateAsync().Result.Electorate.Count == 2, "the electorate shrank to two");
        await master.StopAsync(graceful: true); // then the master leaves: one remains

        await cluster.AwaitAsync(() => second.Election.IsMaster && second.Election.GetStateAsync().Result.Electorate.Count == 1,
            "n2 is master of an electorate of its own");
        await Task.Delay(TimeSpan.FromSeconds(2)); // and stays so: no quorum-lost step-down
        Assert.True(second.Election.IsMaster);
        Assert.DoesNotContain(second.EventsOf<SteppedDown>(), _ => true);
    }

    [Fact]
    public async Task StepDown_hands_over_to_the_next_best_in_a_higher_session()
    {
        await using var cluster = new TestCluster(output);
        var nodes = await cluster.StartSequentiallyAsync(3);
        var master = nodes[0];
        await StableAsync(cluster, nodes);
        var session = master.Election.Session;

        var result = await master.Election.StepDownAsync();

        Assert.True(result.SteppedDown);
        await cluster.AwaitAsync(() => nodes.All(n => nodes[1].Self.Equals(n.Election.Master)), "everyone follows n2");
        Assert.All(nodes, n => Assert.True(n.Election.Session > session, $"{n} is in session {n.Election.Session}, not above {session}"));
        Assert.Single(nodes.Select(n => n.Election.Session).Distinct());
        Assert.Contains(master.EventsOf<SteppedDown>(), e => e.Reason == StepDownReason.Requested);
    }

    [Fact]
    public async Task A_newcomer_follows_a_stable_master_and_disturbs_no_one()
    {
        await using var cluster = new TestCluster(output);
        var nodes = await cluster.StartSequentiallyAsync(3);
        var master = nodes[0];
        await StableAsync(cluster, nodes);
        var session = master.Election.Session;
        var before = nodes.Select(n => n.Events.Count).ToList();

        var newcomer = await cluster.StartAsync();
        await cluster.AwaitAsync(() => master.Self.Equals(newcomer.Election.Master), "the newcomer follows n1");
        await cluster.AwaitAsync(() => (master.Election.GetStateAsync().Result).Electorate.Contains(newcomer.Self),
            "the master admitted the newcomer to the electorate");

        Assert.Empty(newcomer.EventsOf<ElectionStarted>());
        Assert.All(cluster.Live, n => Assert.Equal(session, n.Election.Session));
        for (var i = 0; i < nodes.Count; i++) Assert.Equal(before[i], nodes[i].Events.Count); // no event anywhere else
    }

    [Fact]
    public async Task A_restarted_node_on_the_same_port_catches_up_as_a_new_incarnation()
    {
        await using var cluster = new TestCluster(output);
        var nodes = await cluster.StartSequentiallyAsync(3);
        var master = nodes[0];
        await StableAsync(cluster, nodes);
        var old = nodes[2];
        var port = old.Address.Port!.Value;
        var oldSelf = old.Self;

        await cluster.CutAsync([old], [nodes[0], nodes[1]]);
        await old.StopAsync(graceful: false);
        await cluster.HealAsync([old], [nodes[0], nodes[1]]); // the address comes back as a new incarnation
        var restarted = await StartOnPortAsync(cluster, port);

        await cluster.AwaitAsync(() => master.Self.Equals(restarted.Election.Master), "the new incarnation follows n1");
        Assert.NotEqual(oldSelf, restarted.Self);
        Assert.Equal(oldSelf.Address, restarted.Self.Address);
        Assert.True(master.Election.IsMaster);
    }

    /// <summary>Everyone follows the first node, and it has admitted every node to the electorate.</summary>
    private static async Task StableAsync(TestCluster cluster, IReadOnlyList<Node> nodes)
    {
        await cluster.AwaitAsync(() => nodes.All(n => nodes[0].Self.Equals(n.Election.Master)), "everyone follows n1");
        await cluster.AwaitAsync(() => nodes[0].Election.GetStateAsync().Result.Electorate.Count == nodes.Count, "n1 admitted everyone");
    }

    private static async Task<Node> StartOnPortAsync(TestCluster cluster, int port)
    {
        // The old incarnation's port may take a moment to be released, and the cluster must first remove the old one.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await cluster.StartAsync(port: port);
            }
            catch (Exception e) when (clock.Elapsed < TestCluster.Generous)
            {
                cluster.Log($"restart on port {port} not yet possible: {e.GetType().Name}");
                await Task.Delay(500);
            }
        }
    }

    [Fact]
    public async Task A_link_blip_shorter_than_detection_starts_no_election()
    {
        await using var cluster = new TestCluster(output);
        var nodes = await cluster.StartSequentiallyAsync(3);
        var master = nodes[0];
        await StableAsync(cluster, nodes);
        var session = master.Election.Session;

        await cluster.CutAsync([master], [nodes[1]]);
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // the blip: well below acceptable-heartbeat-pause (2s)
        await cluster.HealAsync([master], [nodes[1]]);
        await Task.Delay(TimeSpan.FromSeconds(3)); // time for anything that would happen to happen

        Assert.All(nodes, n => Assert.Equal(session, n.Election.Session));
        Assert.All(nodes, n => Assert.Equal(master.Self, n.Election.Master));
        Assert.All(nodes, n => Assert.DoesNotContain(n.EventsOf<ElectionStarted>(), e => e.Session > session));
    }
}
