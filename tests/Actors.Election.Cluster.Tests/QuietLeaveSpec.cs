using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Cluster.Tests;

/// <summary>
/// A normal leave is routine, not an incident: while a follower and then the master leave gracefully, the election
/// logs nothing above Info on any node, the leaving ones included.
/// </summary>
public sealed class QuietLeaveSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task Graceful_leaves_of_a_follower_and_of_the_master_log_nothing_above_info()
    {
        await using var cluster = new TestCluster(output);
        var nodes = await cluster.StartSequentiallyAsync(4);
        var master = await ClusterSteps.AwaitMasterFollowedByAllAsync(cluster, "formed");
        await ClusterSteps.AwaitSettledElectorateAsync(cluster, "formed");

        var follower = nodes.First(n => n != master);
        await follower.StopAsync(graceful: true);
        cluster.Log($"{follower} left");
        await ClusterSteps.AwaitSettledElectorateAsync(cluster, $"after {follower} left");
        master = await ClusterSteps.AwaitMasterFollowedByAllAsync(cluster, $"after {follower} left");

        await master.StopAsync(graceful: true);
        cluster.Log($"{master} (the master) left");
        await ClusterSteps.AwaitMasterFollowedByAllAsync(cluster, $"after {master} left");
        await ClusterSteps.AwaitSettledElectorateAsync(cluster, $"after {master} left");

        foreach (var node in cluster.Nodes)
        {
            var logged = node.ElectionWarnings;
            Assert.True(logged.Count == 0, $"{node} logged above Info during normal leaves:\n{string.Join("\n", logged)}");
        }
    }
}
