using Actors.Election.Simulation.Tests.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Simulation.Tests;

/// <summary>
/// A tool, not a check: with SIM_INVESTIGATE=seed:mode (e.g. 38:majority) it runs that seed with the full history,
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
        var result = Simulator.Run(sim, int.Parse(parts[0]), mode, fullHistory: true);
        var folder = Environment.GetEnvironmentVariable("SIM_INVESTIGATE_OUT") ?? Path.GetTempPath();
        File.WriteAllLines(Path.Combine(folder, $"sim-{parts[0]}-{mode}.history.txt"), result.History.Lines());
        var report = result.Failed ? Simulator.Report(sim, result) : $"seed {spec} keeps every rule; converged {result.ConvergedAfter?.TotalMilliseconds}ms after healing";
        File.WriteAllText(Path.Combine(folder, $"sim-{parts[0]}-{mode}.report.txt"), report);
        output.WriteLine(report);
    }
}
