using System.Globalization;
using Actors.Election.Nemesis.Tests.Nemesis;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Nemesis.Tests;

/// <summary>
/// The nemesis against real node processes: CI runs a short run with a fixed seed; <c>build.ps1 nemesis -Minutes N</c>
/// runs this same test longer (NEMESIS_MINUTES, and NEMESIS_SEED for another schedule, NEMESIS_FAULTS for some kinds only).
/// </summary>
public sealed class NemesisRunTests(ITestOutputHelper output)
{
    /// <summary>The CI run's seed (issue 13).</summary>
    public const int CiSeed = 13;

    /// <summary>The CI run's length of faults: with start-up, the last recovery and the checks about two and a half minutes.</summary>
    public static readonly TimeSpan CiDuration = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Real_faults_on_real_processes_break_no_guarantee()
    {
        var options = new NemesisOptions(
            Environment.GetEnvironmentVariable("NEMESIS_SEED") is { Length: > 0 } seed ? int.Parse(seed, CultureInfo.InvariantCulture) : CiSeed,
            Environment.GetEnvironmentVariable("NEMESIS_MINUTES") is { Length: > 0 } minutes
                ? TimeSpan.FromMinutes(double.Parse(minutes, CultureInfo.InvariantCulture))
                : CiDuration,
            Faults: FaultPlanner.Parse(Environment.GetEnvironmentVariable("NEMESIS_FAULTS")));

        var outcome = await NemesisRun.RunAsync(options, line => output.WriteLine(line));

        var result = outcome.Result;
        Assert.True(File.Exists(outcome.Folder.ReportFile), "the report is written");
        Assert.True(File.Exists(outcome.Folder.ChartFile), "the timeline chart is written");
        Assert.Equal(result.SummaryLine, File.ReadLines(outcome.Folder.ReportFile).Last());
        Assert.True(result.Violations.Count == 0,
            $"{result.Violations.Count} violations (seed {options.Seed}, report {outcome.Folder.ReportFile}):\n" +
            string.Join("\n\n", result.Violations.Select(v => $"{v.Kind}: {v.Summary}\n  {string.Join("\n  ", v.Evidence)}")));
        Assert.True(result.FaultCount >= 5, $"the nemesis injected only {result.FaultCount} faults");
        Assert.True(result.SessionsWithMaster >= 1, "the cluster elected a master");
        Assert.True(result.Store.Accepted > 0, "the masters wrote to the fenced store");
    }
}
