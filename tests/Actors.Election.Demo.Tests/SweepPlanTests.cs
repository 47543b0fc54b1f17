using Xunit;

namespace Actors.Election.Demo.Tests;

public sealed class SweepPlanTests
{
    [Fact]
    public void The_default_sweep_is_every_detector_by_stable_after_by_size()
    {
        var plan = SweepPlan.Create(Cli.ToBench(Cli.Parse("bench", "failover")));
        Assert.Equal(2 * 3 * 3, plan.Configurations.Count);
        Assert.Equal(("akka-default", "2s", 3), (plan.Configurations[0].Profile.Name, plan.Configurations[0].StableAfter, plan.Configurations[0].Nodes));
        Assert.Equal(("tight", "20s", 9), (plan.Configurations[^1].Profile.Name, plan.Configurations[^1].StableAfter, plan.Configurations[^1].Nodes));
        Assert.Equal([ClusterKind.Election, ClusterKind.Singleton], plan.Systems);
        Assert.Contains("estimated", plan.Describe());
    }

    [Fact]
    public void The_estimate_grows_with_stable_after_and_shrinks_without_the_singleton()
    {
        SweepPlan Plan(string stableAfter, bool electionOnly = false) =>
            SweepPlan.Create(new BenchOptions { Sizes = [5], Rounds = 3, Detectors = ["tight"], StableAfters = [stableAfter], ElectionOnly = electionOnly });
        Assert.True(Plan("20s").Estimate() > Plan("2s").Estimate());
        Assert.True(Plan("20s", electionOnly: true).Estimate() < Plan("20s").Estimate());
        Assert.Equal(Plan("2s", electionOnly: true).Estimate(), Plan("20s", electionOnly: true).Estimate()); // the election does not wait for the resolver
    }

    [Fact]
    public void Auto_resolves_per_size()
    {
        var plan = SweepPlan.Create(new BenchOptions { Sizes = [3, 25], Detectors = ["auto"], StableAfters = ["7s"] });
        var expected3 = DetectorProfile.ForLocalCluster(2 * 3, Environment.ProcessorCount).Name; // both clusters run side by side
        Assert.Equal($"auto ({expected3})", plan.Configurations[0].DetectorLabel);
        Assert.Equal(DetectorProfile.ForLocalCluster(2 * 25, Environment.ProcessorCount), plan.Configurations[1].Profile);
        var alone = SweepPlan.Create(new BenchOptions { Sizes = [25], Detectors = ["auto"], StableAfters = ["7s"], ElectionOnly = true });
        Assert.Equal(DetectorProfile.ForLocalCluster(25, Environment.ProcessorCount), alone.Configurations[0].Profile);
    }

    [Theory]
    [InlineData("--detector", "tight,nope")]
    [InlineData("--detector", "")]
    [InlineData("--sbr-stable-after", "2s,soon")]
    [InlineData("--partition-rounds", "-1")]
    public void Bad_sweep_options_are_errors(string option, string value) =>
        Assert.NotEmpty(Cli.Parse("bench", "failover", option, value).Errors);
}
