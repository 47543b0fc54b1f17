using Actors.Election.Simulation.Tests.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Simulation.Tests;

/// <summary>
/// The bulk runs: SIM_SCENARIOS seeds (default 2,000) per quorum mode, each a seeded scenario of faults
/// followed by a quiet period, checked by <see cref="Checker"/> and the run's liveness rules. The two modes are
/// separate classes so xunit runs them in parallel. A new violation fails the test with the seed, the shortest
/// failing prefix of its schedule and the history around the violation; symptoms of the known library defects
/// (<see cref="KnownDefects"/>) are counted and printed.
/// </summary>
public abstract class BulkSimulationTests(ITestOutputHelper output, QuorumMode mode)
{
    public const int DefaultScenarios = 2000;

    protected void RunBulk()
    {
        using var sim = new SimSystem();
        var bulk = BulkRun.Execute(sim, mode, Simulator.FirstSeed(1), Simulator.ScenarioCount(DefaultScenarios));
        var reports = bulk.Failures.Take(3).Select(f => Simulator.Report(sim, f)).ToList();
        foreach (var report in reports) Write(report);
        Write(bulk.Summary(mode));
        Assert.True(bulk.Failures.Count == 0,
            $"{bulk.Failures.Count} scenarios broke a rule; seeds: {string.Join(", ", bulk.Failures.Select(f => f.Scenario.Seed))}{Environment.NewLine}{string.Join(Environment.NewLine, reports)}");
    }

    private void Write(string text)
    {
        output.WriteLine(text);
        Console.WriteLine(text);
    }
}

public sealed class MajoritySimulationTests(ITestOutputHelper output) : BulkSimulationTests(output, QuorumMode.Majority)
{
    [Fact]
    public void Seeded_scenarios_keep_every_rule_in_majority_mode() => RunBulk();
}

public sealed class ReachableSimulationTests(ITestOutputHelper output) : BulkSimulationTests(output, QuorumMode.Reachable)
{
    [Fact]
    public void Seeded_scenarios_keep_every_rule_in_reachable_mode() => RunBulk();
}
