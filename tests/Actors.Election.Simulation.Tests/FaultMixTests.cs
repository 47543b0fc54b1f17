using Actors.Election.Simulation.Tests.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Simulation.Tests;

/// <summary>
/// The generator's fault mix, read from the schedules alone (no run): issue 15's combinations (membership changes,
/// step-downs and inconsistent downing while a partition is in place) and the faults of issues 10 and 14 must come up
/// often enough that the bulk runs exercise them every time, not once in a soak.
/// </summary>
public sealed class FaultMixTests(ITestOutputHelper output)
{
    private const int Seeds = 2000;

    /// <summary>The least share of scenarios that must hold each feature (about half of what the generator gives today).</summary>
    private static readonly Dictionary<string, double> Floors = new()
    {
        ["a join or leave while partitioned"] = 0.15,
        ["a step-down while partitioned"] = 0.10,
        ["inconsistent downing while partitioned"] = 0.05,
        ["a crashed node downed while partitioned"] = 0.05,
        ["a clock skewed"] = 0.30,
        ["a clock jump"] = 0.15,
        ["a stop-the-world pause"] = 0.12,
        ["a whole-cluster restart"] = 0.05,
        ["a connection reset"] = 0.05,
        ["a closing probe"] = 0.15,
    };

    [Theory]
    [InlineData(QuorumMode.Majority)]
    [InlineData(QuorumMode.Reachable)]
    public void The_mix_holds_issue_15s_combinations_and_the_faults_of_issues_10_and_14_often(QuorumMode mode)
    {
        var counts = Floors.Keys.ToDictionary(k => k, _ => 0);
        for (var seed = 1; seed <= Seeds; seed++)
            foreach (var feature in Features(Scenario.Generate(seed, mode)).Distinct())
                counts[feature]++;
        foreach (var (feature, count) in counts)
            output.WriteLine($"{mode}: {feature}: {count} of {Seeds} scenarios ({(double)count / Seeds:P1})");
        Assert.All(Floors, f => Assert.True(counts[f.Key] >= f.Value * Seeds,
            $"{f.Key}: {counts[f.Key]} of {Seeds} scenarios, below {f.Value:P0}"));
    }

    [Fact]
    public void The_classic_mix_is_what_it_was_so_the_regression_seeds_replay_their_schedules()
    {
        // Seed 38 (majority) failed with the classic mix as D2: its schedule has no compound fault in it.
        var classic = Scenario.Generate(38, QuorumMode.Majority, extras: false);
        var full = Scenario.Generate(38, QuorumMode.Majority);
        Assert.All(classic.Actions, a => Assert.True(a.Kind <= FaultKind.RecordCommand, $"{a} is not a classic fault"));
        Assert.True(classic.Nodes.All(n => n.ClockSkewMs == 0) && classic.Probe is null);
        Assert.Equal(classic.Settings.ElectionTimeout, full.Settings.ElectionTimeout);
        Assert.Equal(classic.Nodes.Select(n => n.StartedAtUnixMs), full.Nodes.Select(n => n.StartedAtUnixMs));
    }

    private static IEnumerable<string> Features(Scenario s)
    {
        if (s.Nodes.Any(n => n.ClockSkewMs != 0)) yield return "a clock skewed";
        if (s.Probe is not null) yield return "a closing probe";
        var partitioned = false;
        foreach (var a in s.Actions)
        {
            switch (a.Kind)
            {
                case FaultKind.CutOneWay or FaultKind.CutBoth or FaultKind.Isolate or FaultKind.Partition:
                    partitioned = true;
                    break;
                case FaultKind.HealAll:
                    partitioned = false;
                    break;
                case FaultKind.Join or FaultKind.Restart or FaultKind.StartLeaving or FaultKind.Exit or FaultKind.Leave when partitioned:
                    yield return "a join or leave while partitioned";
                    break;
                case FaultKind.StepDown when partitioned:
                    yield return "a step-down while partitioned";
                    break;
                case FaultKind.SplitDowning when partitioned:
                    yield return "inconsistent downing while partitioned";
                    break;
                case FaultKind.Down when partitioned:
                    yield return "a crashed node downed while partitioned";
                    break;
                case FaultKind.ClockJump:
                    yield return "a clock jump";
                    break;
                case FaultKind.Pause:
                    yield return "a stop-the-world pause";
                    break;
                case FaultKind.RestartCluster:
                    yield return "a whole-cluster restart";
                    break;
                case FaultKind.Disconnect:
                    yield return "a connection reset";
                    break;
            }
        }
    }
}
