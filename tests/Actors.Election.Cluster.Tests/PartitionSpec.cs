using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Cluster.Tests;

/// <summary>Partitions and healing, in both quorum modes, and living beside Akka's split brain resolver.</summary>
public sealed class PartitionSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task Majority_mode_split_2_3_elects_on_the_majority_side_only_and_heals_without_unseating_it()
    {
        await using var cluster = new TestCluster(output);
        var nodes = await cluster.StartSequentiallyAsync(5);
        await cluster.AwaitAsync(() => nodes.All(n => nodes[0].Self.Equals(n.Election.Master)), "everyone follows n1");
        await cluster.AwaitAsync(() => nodes[0].Election.GetStateAsync().Result.Electorate.Count == 5, "all five admitted");
        var minority = new[] { nodes[0], nodes[1] };
        var majority = new[] { nodes[2], nodes[3], nodes[4] };

        await cluster.CutAsync(minority, majority);

        await cluster.AwaitAsync(() => majority.All(n => nodes[2].Self.Equals(n.Election.Master)), "the three follow n3, their most senior");
        await cluster.AwaitAsync(() => !nodes[0].Election.IsMaster, "the old master steps down");
        Assert.Contains(nodes[0].EventsOf<SteppedDown>(), e => e.Reason == StepDownReason.QuorumLost);
        await Task.Delay(TimeSpan.FromSeconds(3)); // the minority keeps trying in vain
        Assert.All(minority, n => Assert.False(n.Election.IsMaster));
        Assert.All(minority, n => Assert.Null(n.Election.Master));
        var majoritySession = nodes[2].Election.Session;

        await cluster.HealAsync(minority, majority);

        await cluster.AwaitAsync(() => nodes.All(n => nodes[2].Self.Equals(n.Election.Master)), "everyone follows n3");
        Assert.Equal(majoritySession, nodes[2].Election.Session); // not unseated, no new election
        Assert.DoesNotContain(nodes[2].EventsOf<SteppedDown>(), _ => true);
    }

    [Fact]
    public async Task Reachable_mode_split_2_2_elects_on_both_sides_and_merges_on_heal()
    {
        await using var cluster = new TestCluster(output);
        var nodes = await cluster.StartSequentiallyAsync(4, "actors.election.quorum = reachable");
        await cluster.AwaitAsync(() => nodes.All(n => nodes[0].Self.Equals(n.Election.Master)), "everyone follows n1");
        var left = new[] { nodes[0], nodes[1] };
        var right = new[] { nodes[2], nodes[3] };

        await cluster.CutAsync(left, right);

        await cluster.AwaitAsync(() => right.All(n => nodes[2].Self.Equals(n.Election.Master)), "the right side elects n3");
        Assert.All(left, n => Assert.Equal(nodes[0].Self, n.Election.Master)); // the left side keeps n1
        var sideSessions = Math.Max(nodes[0].Election.Session, nodes[2].Election.Session);

        await cluster.HealAsync(left, right);

        await cluster.AwaitAsync(() => nodes.Any(n => n.EventsOf<SplitBrainDetected>().Any()), "SplitBrainDetected is published");
        await cluster.AwaitAsync(() => nodes.Count(n => n.Election.IsMaster) == 1 && nodes.All(n => n.Election.Master is not null
                && n.Election.Master.Equals(nodes.Single(m => m.Election.IsMaster).Self)), "one master remains, followed by all");
        var winner = nodes.Single(n => n.Election.IsMaster);
        cluster.Log($"after the merge: {winner} is master of session {winner.Election.Session}");
        // Never below either side's session. When the higher-ranked master already holds the higher session it keeps
        // its seat and the other side follows it; otherwise one new session above both merges everyone, and its winner
        // is the merge's best-ranked candidate, which need not be an old master: a node holding the newer electorate
        // (the right side may have admitted n4 while cut off) ranks first, and a left-side follower that saw the right
        // side's announcement first holds it too.
        Assert.True(winner.Election.Session >= sideSessions, $"merged in session {winner.Election.Session}, sides had {sideSessions}");
    }

    [Fact]
    public async Task Downed_and_removed_members_leave_the_electorate_beside_the_split_brain_resolver()
    {
        await using var cluster = new TestCluster(output);
        var nodes = await cluster.StartSequentiallyAsync(3, "akka.cluster.split-brain-resolver.stable-after = 2s");
        var master = nodes[0];
        await cluster.AwaitAsync(() => nodes.All(n => master.Self.Equals(n.Election.Master)), "everyone follows n1");
        await cluster.AwaitAsync(() => master.Election.GetStateAsync().Result.Electorate.Count == 3, "all three admitted");
        var crashed = nodes[2];

        await cluster.CutAsync([crashed], [nodes[0], nodes[1]]);

        // keep-majority downs the lone node; its removal shrinks the electorate, the master stays.
        await cluster.AwaitAsync(() => !master.Election.GetStateAsync().Result.Electorate.Contains(crashed.Self),
            "the downed member left the electorate");
        Assert.True(master.Election.IsMaster);
        Assert.Equal(master.Self, nodes[1].Election.Master);
        Assert.DoesNotContain(master.EventsOf<SteppedDown>(), _ => true);
    }
}
