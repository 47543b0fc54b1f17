using Actors.Election.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Tests.Regressions;

/// <summary>
/// Counterexample 2 of the protocol-core issue, through the public test seam: A is master of {A,B,C,D}, the network
/// splits 2|2, and each half is told the other half is removed (as the Akka.Cluster adapter says for MemberDowned) while
/// every process keeps running, as with two operators, two downing tools, or a cluster that split into two. A quorum that
/// trusted those removals let both halves elect, and a blip on A's side then made both elect the same session. A removal
/// by downing is not a fact: only the half holding the electorate's lowest member (A, which Akka's keep-majority would
/// keep) may elect.
/// </summary>
public sealed class InconsistentDowningSpec(ITestOutputHelper output) : ElectionSpec(output)
{
    [Fact]
    public void Only_the_half_with_the_lowest_member_elects_whatever_each_half_is_told()
    {
        var cluster = new SeamCluster(this);
        foreach (var name in new[] { "A", "B", "C", "D" }) cluster.Start(name, Defaults);
        foreach (var name in new[] { "A", "B", "C", "D" }) cluster.Joined(name, "A", "B", "C", "D");
        cluster.Run(TimeSpan.FromSeconds(5));
        Assert.Equal(ElectionStatus.Master, cluster.State("A").Status);

        cluster.Cut(["A", "B"], ["C", "D"]);
        foreach (var (observer, others) in new[] { ("A", new[] { "C", "D" }), ("B", new[] { "C", "D" }), ("C", new[] { "A", "B" }), ("D", new[] { "A", "B" }) })
        {
            cluster.Unreachable(observer, others);
            foreach (var other in others) cluster.Removed(observer, other);
        }
        cluster.Run(TimeSpan.FromSeconds(10));
        // A blip on A's side: A and B lose each other for longer than connection-delay, then meet again.
        cluster.Cut(["A"], ["B"]);
        cluster.Unreachable("A", "B");
        cluster.Unreachable("B", "A");
        cluster.Run(Defaults.ConnectionDelay * 3);
        cluster.Heal(["A"], ["B"]);
        cluster.Reachable("A", "B");
        cluster.Reachable("B", "A");
        cluster.Run(TimeSpan.FromSeconds(10));

        Assert.Empty(cluster.SessionsWithTwoMasters);
        Assert.NotEqual(ElectionStatus.Master, cluster.State("C").Status);
        Assert.NotEqual(ElectionStatus.Master, cluster.State("D").Status);
        Assert.True(cluster.State("A").Status == ElectionStatus.Master || cluster.State("B").Status == ElectionStatus.Master,
            "the half with the lowest member keeps a master");
    }
}
