using Actors.Election.Simulation.Tests.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Simulation.Tests;

/// <summary>One seed always replays the same run, in a fresh ActorSystem or after other runs in the same one.</summary>
public sealed class ReplayTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(7, QuorumMode.Majority)]
    [InlineData(38, QuorumMode.Majority)]
    [InlineData(12, QuorumMode.Reachable)]
    [InlineData(209, QuorumMode.Reachable)]
    public void The_same_seed_replays_the_same_history(int seed, QuorumMode mode)
    {
        List<string> first, second, third;
        using (var sim = new SimSystem())
            first = Simulator.Run(sim, seed, mode, fullHistory: true).History.Lines().ToList();
        using (var sim = new SimSystem())
        {
            // Other runs first: leftovers of earlier runs must not change this one.
            Simulator.Run(sim, seed + 1, mode);
            second = Simulator.Run(sim, seed, mode, fullHistory: true).History.Lines().ToList();
            third = Simulator.Run(sim, seed, mode, fullHistory: true).History.Lines().ToList();
        }
        output.WriteLine($"seed {seed}: {first.Count} history lines");
        Assert.True(first.Count > 100, "the run should have a substantial history");
        AssertSame(first, second);
        AssertSame(first, third);
    }

    [Fact]
    public void Different_seeds_give_different_runs()
    {
        using var sim = new SimSystem();
        var a = Simulator.Run(sim, 101, QuorumMode.Majority, fullHistory: true).History.Lines().ToList();
        var b = Simulator.Run(sim, 102, QuorumMode.Majority, fullHistory: true).History.Lines().ToList();
        Assert.NotEqual(a, b);
    }

    private static void AssertSame(List<string> expected, List<string> actual)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            Assert.True(expected[i] == actual[i], $"histories differ at line {i}:{Environment.NewLine}  {expected[i]}{Environment.NewLine}  {actual[i]}");
        Assert.Equal(expected.Count, actual.Count);
    }
}
