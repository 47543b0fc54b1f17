using Actors.Election.Simulation.Tests.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Simulation.Tests;

/// <summary>
/// A tool, not a check: with SIM_INVESTIGATE=seeds:mode (e.g. 38:majority, or 38,41:majority) it runs those seeds with the full history,
/// prints the report (shrunk schedule, history around the violation) and writes the full history to
/// SIM_INVESTIGATE_OUT (default: the temp folder); SIM_INVESTIGATE_LOG=DEBUG adds the nodes' log lines. Without the variable it does nothing.
/// </summary>
public sealed class InvestigateTests(ITestOutputHelper output)
{
    [Fact]
    public void Investigate_one_seed()
    {
        if (Environment.GetEnvironmentVariable("SIM_INVESTIGATE") is not { } spec) return;
        var parts = spec.Split(':');
        var mode = Enum.Parse<QuorumMode>(parts[1], ignoreCase: true);
        // SIM_INVESTIGATE_LOG=DEBUG (or INFO) records the nodes' own log lines in the history too.
        using var sim = new SimSystem(Environment.GetEnvironmentVariable("SIM_INVESTIGATE_LOG") ?? "ERROR");
        var folder = Environment.GetEnvironmentVariable("SIM_INVESTIGATE_OUT") ?? Path.GetTempPath();
        foreach (var seed in parts[0].Split(',').Select(int.Parse))
        {
            var result = Simulator.Run(sim, seed, mode, fullHistory: true);
            File.WriteAllLines(Path.Combine(folder, $"sim-{seed}-{mode}.history.txt"), result.History.Lines());
            var report = result.Failed ? Simulator.Report(sim, result) : $"seed {seed}:{mode} keeps every rule; converged {result.ConvergedAfter?.TotalMilliseconds}ms after healing";
            File.WriteAllText(Path.Combine(folder, $"sim-{seed}-{mode}.report.txt"), report);
            output.WriteLine(report.Split('\n')[0]);
        }
    }
}
