using System.Text;

namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>Runs scenarios, shrinks failing ones to their shortest failing prefix, and writes the report.</summary>
internal static class Simulator
{
    public static RunResult Run(SimSystem sim, Scenario scenario, bool fullHistory = false) =>
        new SimRun(sim, scenario, fullHistory).Execute();

    public static RunResult Run(SimSystem sim, int seed, QuorumMode mode, bool fullHistory = false) =>
        Run(sim, Scenario.Generate(seed, mode), fullHistory);

    /// <summary>
    /// The shortest prefix of the failing scenario's schedule that still fails (the run heals right after its
    /// last action), found by trying every prefix from the empty one up.
    /// </summary>
    public static RunResult Shrink(SimSystem sim, Scenario failing)
    {
        for (var length = 0; length < failing.Actions.Count; length++)
        {
            var result = Run(sim, failing.WithPrefix(length), fullHistory: true);
            if (result.Failed) return result;
        }
        return Run(sim, failing, fullHistory: true);
    }

    /// <summary>The report of a failing seed: the seed, the shrunk schedule and the history around the first violation.</summary>
    public static string Report(SimSystem sim, RunResult failed)
    {
        var shrunk = Shrink(sim, failed.Scenario);
        var sb = new StringBuilder();
        if (shrunk.Violations.Count == 0)
            return $"VIOLATION with seed {failed.Scenario.Seed} (quorum {failed.Scenario.Mode.ToString().ToLowerInvariant()}) that did NOT replay " +
                   $"(the run is not deterministic): {failed.Violations[0]}{Environment.NewLine}Scenario: {failed.Scenario}";
        var first = shrunk.Violations[0];
        sb.AppendLine($"VIOLATION with seed {failed.Scenario.Seed} (quorum {failed.Scenario.Mode.ToString().ToLowerInvariant()}): {failed.Violations[0]}");
        foreach (var v in failed.Violations.Skip(1).Take(4)) sb.AppendLine($"  also: {v}");
        sb.AppendLine($"Scenario: {failed.Scenario}");
        sb.AppendLine($"Shortest failing prefix: {shrunk.Scenario.Actions.Count} of {failed.Scenario.FullLength} actions " +
                      $"(replay: Scenario.Generate({failed.Scenario.Seed}, QuorumMode.{failed.Scenario.Mode}).WithPrefix({shrunk.Scenario.Actions.Count}))");
        sb.AppendLine(shrunk.Scenario.Schedule());
        sb.AppendLine($"It fails with: {first}");
        foreach (var v in shrunk.Violations.Skip(1).Take(4)) sb.AppendLine($"  also: {v}");
        sb.AppendLine("History around the violation (shrunk run):");
        sb.Append(shrunk.History.Around(first.Seq));
        return sb.ToString();
    }

    /// <summary>SIM_SCENARIOS overrides how many scenarios a bulk test runs per quorum mode.</summary>
    public static int ScenarioCount(int @default) =>
        int.TryParse(Environment.GetEnvironmentVariable("SIM_SCENARIOS"), out var n) && n > 0 ? n : @default;

    /// <summary>SIM_SEED overrides the first seed of a bulk run (the seeds are consecutive).</summary>
    public static int FirstSeed(int @default) =>
        int.TryParse(Environment.GetEnvironmentVariable("SIM_SEED"), out var n) ? n : @default;
}
