using Actors.Election.Cluster.Tests.PreviousRelease;
using Actors.Election.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Cluster.Tests;

/// <summary>
/// The documented rolling upgrade (docs/operations.md), over real sockets: a cluster of the previous release (its
/// serializer, frozen in <see cref="PreviousReleaseSerializer"/>: schema 2 under manifest "EM", nothing else read) is
/// upgraded one node at a time, each node stopped gracefully and started again on the same port: first to this
/// release writing <c>wire-format = legacy</c>, then, once no node of the previous release is left, to
/// <c>wire-format = protobuf</c>. After every restart the cluster must have one master that every live node follows,
/// and a step-down must elect another one. Upgraded nodes run with a higher priority so the step-downs hand the seat
/// to an upgraded node while old ones still follow: messages cross between the formats in both directions.
/// </summary>
public sealed class RollingUpgradeSpec(ITestOutputHelper output)
{
    private const int Size = 3;

    private const string PreviousReleaseConfig = """
        akka.actor {
          serializers.actors-election = "Actors.Election.Cluster.Tests.PreviousRelease.PreviousReleaseSerializer, Actors.Election.Cluster.Tests"
          serialization-bindings { "Actors.Election.ElectionMessage, Actors.Election" = actors-election }
        }
        """;

    private static string ThisRelease(WireFormat format) => $"""
        actors.election.wire-format = {format.ToString().ToLowerInvariant()}
        actors.election.priority = 1
        """;

    [Fact]
    public async Task A_cluster_of_the_previous_release_upgrades_node_by_node_in_two_rolling_steps_electing_all_along()
    {
        await using var cluster = new TestCluster(output);
        var nodes = new List<Node>();
        for (var i = 0; i < Size; i++) nodes.Add(await cluster.StartAsync(PreviousReleaseConfig));
        Assert.All(nodes, n => Assert.IsType<PreviousReleaseSerializer>(SerializerOf(n)));
        await ClusterSteps.AwaitMasterFollowedByAllAsync(cluster, "the previous release elects a master");

        // Step 1: every node to this release, still writing what the previous release reads.
        for (var i = 0; i < Size; i++)
        {
            nodes[i] = await RestartAsync(cluster, nodes[i], WireFormat.Legacy);
            var master = await ClusterSteps.AwaitMasterFollowedByAllAsync(cluster, $"step 1: {nodes[i]} rejoined in legacy format");
            var next = await ClusterSteps.HandOverAsync(cluster, master, $"step 1: after {nodes[i]}");
            Assert.Equal(WireFormat.Legacy, Assert.IsType<ElectionMessageSerializer>(SerializerOf(next)).WireFormat); // the new release leads...
            if (i < Size - 1) Assert.Contains(cluster.Live, n => SerializerOf(n) is PreviousReleaseSerializer);   // ...old nodes following
        }

        // Step 2: no node of the previous release is left; every node to Protocol Buffers, one at a time.
        for (var i = 0; i < Size; i++)
        {
            nodes[i] = await RestartAsync(cluster, nodes[i], WireFormat.Protobuf);
            var master = await ClusterSteps.AwaitMasterFollowedByAllAsync(cluster, $"step 2: {nodes[i]} rejoined in protobuf format");
            await ClusterSteps.HandOverAsync(cluster, master, $"step 2: after {nodes[i]}");
        }

        Assert.All(cluster.Live, n => Assert.Equal(WireFormat.Protobuf, Assert.IsType<ElectionMessageSerializer>(SerializerOf(n)).WireFormat));
        AssertNeverTwoMastersOfOneSession(cluster);
    }

    /// <summary>Stops <paramref name="node"/> gracefully and starts this release on its port, writing <paramref name="format"/>.</summary>
    private static async Task<Node> RestartAsync(TestCluster cluster, Node node, WireFormat format)
    {
        var port = node.Address.Port ?? throw new InvalidOperationException($"{node} has no port");
        var address = node.Address;
        await node.StopAsync(graceful: true);
        cluster.Log($"{node} stopped (graceful)");
        // A new incarnation's join is only accepted once the old one is gone (otherwise it is retried 10 s later).
        await cluster.AwaitAsync(() => cluster.Live.All(n => Akka.Cluster.Cluster.Get(n.System).State.Members.All(m => !m.Address.Equals(address))),
            $"{node} removed from every live node's membership");
        var restarted = await cluster.StartAsync(ThisRelease(format), port);
        Assert.Equal(format, Assert.IsType<ElectionMessageSerializer>(SerializerOf(restarted)).WireFormat);
        cluster.Log($"{node} restarted as {restarted} on port {port}, writing {format}");
        return restarted;
    }

    private static void AssertNeverTwoMastersOfOneSession(TestCluster cluster)
    {
        var elected = cluster.Nodes.SelectMany(n => n.EventsOf<ElectedMaster>().Select(e => (e.Session, Node: n))).ToList();
        Assert.All(elected.GroupBy(e => e.Session), g => Assert.True(g.Count() == 1, $"session {g.Key} elected {string.Join(", ", g.Select(e => e.Node))}"));
        Assert.All(cluster.Nodes, n => Assert.Empty(n.EventsOf<SplitBrainDetected>()));
        Assert.True(elected.Count >= 1 + 2 * Size, $"only {elected.Count} elections were seen");
    }

    private static Akka.Serialization.Serializer SerializerOf(Node node) =>
        node.System.Serialization.FindSerializerForType(typeof(ElectionMessage));
}
