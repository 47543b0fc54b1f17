using Xunit;

namespace Actors.Election.Demo.Tests;

/// <summary>The sweep's tables: the required columns, medians over every round, unfinished rounds kept and shown.</summary>
public sealed class BenchReportTests
{
    private static FailoverRound Round(int n, double? ms, FailureKind failure = FailureKind.Crash, long? messages = null) => new()
    {
        Round = n, Failure = failure, Killed = "n1", NewMaster = ms is null ? null : "n2", FailoverMs = ms,
        Unfinished = ms is null ? "no failover within 60 s" : null, DetectionFirstMs = 1500, DetectionLastMs = 1600, DetectedBy = 4, Survivors = 4,
        AfterDetectionMs = ms - 1500, Messages = messages,
    };

    private static ConfigurationResult Result(double?[] election, double?[] singleton, string stableAfter = "2s", int nodes = 5)
    {
        var e = new SystemResult(ClusterKind.Election);
        e.Rounds.AddRange(election.Select((ms, i) => Round(i + 1, ms, messages: 30)));
        var s = new SystemResult(ClusterKind.Singleton);
        s.Rounds.AddRange(singleton.Select((ms, i) => Round(i + 1, ms)));
        return new ConfigurationResult(new SweepConfiguration("tight", DetectorProfile.Tight, stableAfter, nodes), e, s);
    }

    [Fact]
    public void The_sweep_table_has_exactly_the_required_columns_in_order()
    {
        var plan = SweepPlan.Create(new BenchOptions { Sizes = [5], Rounds = 3, Detectors = ["tight"], StableAfters = ["2s"] });
        var markdown = BenchReport.Markdown([Result([1900, 2000, 2100], [6700, 6800, 6900])], plan, DateTime.UtcNow, TimeSpan.FromMinutes(1), "benchmarks/failover.png", "benchmarks/");
        Assert.Contains("| detector | stable-after | nodes | Actors.Election median (ms) | Actors.Election p90 (ms) | ClusterSingleton median (ms) | speed-up |\n", markdown.ReplaceLineEndings("\n"));
        Assert.Contains("| tight | 2s | 5 | 2000 | 2080 | 6800 | 3.4x |", markdown);
        Assert.Contains("![failover median by configuration](benchmarks/failover.png)", markdown);
        Assert.Contains("## What each system guarantees while it waits", markdown);
        Assert.Contains("bench failover --nodes 5 --rounds 3 --partition-rounds 1 --detector tight --sbr-stable-after 2s", markdown);
        Assert.Contains("[Protocol core](benchmarks/core.md)", markdown); // the BenchmarkDotNet pages sit beside the chart
        Assert.Contains("[Serializer](benchmarks/serializer.md)", markdown);
    }

    [Fact]
    public void The_links_to_the_other_benchmark_pages_exist_in_the_repository()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Actors.sln"))) root = root.Parent ?? throw new InvalidOperationException("no Actors.sln above the test");
        var docs = Path.Combine(root.FullName, "docs");
        foreach (var page in new[] { "core.md", "serializer.md", "failover-25-nodes.md" })
            Assert.True(File.Exists(Path.Combine(docs, "benchmarks", page)), $"docs/benchmarks/{page} is linked from docs/benchmarks.md");
    }

    [Fact]
    public void Unfinished_rounds_count_as_longer_than_all_and_are_never_dropped()
    {
        // One of five did not finish: the median is still a finished round's, and the table says one did not finish.
        var oneOfFive = Result([100, 200, null, 300, 400], [5000, 5000, 5000, 5000, 5000]);
        Assert.Equal(300, oneOfFive.Election.Median(FailureKind.Crash));
        Assert.True(double.IsPositiveInfinity(oneOfFive.Election.P90(FailureKind.Crash)));
        var row = BenchReport.SweepRow(oneOfFive, FailureKind.Crash);
        Assert.Equal("300 (1 of 5 did not finish)", row[3]);
        Assert.Equal("did not finish", row[4]);
        Assert.Equal("16.7x", row[6]);
        // Most did not finish: the median itself did not finish, and there is no speed-up to claim.
        var most = Result([100, null, null], [5000, 5000, 5000]);
        Assert.Equal("did not finish (2 of 3 did not finish)", BenchReport.SweepRow(most, FailureKind.Crash)[3]);
        Assert.Equal("-", BenchReport.SweepRow(most, FailureKind.Crash)[6]);
        var csv = BenchReport.Csv([most]);
        Assert.Equal(1 + 6, csv.TrimEnd('\n').Split('\n').Length); // every round, finished or not
        Assert.Contains(",no,,", csv);
        Assert.Contains("\"no failover within 60 s\"", csv);
    }

    [Fact]
    public void Values_are_never_clamped()
    {
        // The election may end before Akka's detector flags the victim: its time after detection is negative, and stays so.
        var result = Result([50, 60, 70], [5000, 5000, 5000]);
        Assert.Equal(-1440, result.Election.AfterDetectionMedian(FailureKind.Crash));
        Assert.Equal(30, result.Election.MessagesMedian(FailureKind.Crash));
    }

    [Fact]
    public void Partition_rounds_get_their_own_table()
    {
        var result = Result([2000], [7000]);
        result.Election.Rounds.Add(Round(1, 1900, FailureKind.Partition));
        result.Singleton!.Rounds.Add(Round(1, 7100, FailureKind.Partition));
        var plan = SweepPlan.Create(new BenchOptions { Sizes = [5], Rounds = 1, Detectors = ["tight"], StableAfters = ["2s"] });
        var markdown = BenchReport.Markdown([result], plan, DateTime.UtcNow, TimeSpan.FromMinutes(1), "c.png");
        Assert.Contains("## The master's process hangs (partition)", markdown);
        Assert.Contains("| tight | 2s | 5 | 1900 | 1900 | 7100 | 3.7x |", markdown);
        Assert.DoesNotContain("## Other benchmarks", markdown); // no repository around: no links to its pages
    }

    [Fact]
    public void The_chart_is_written()
    {
        var path = Path.Combine(Path.GetTempPath(), $"chart-{Guid.NewGuid():N}.png");
        try
        {
            Chart.Write([Result([1900, 2000], [6800, 6900]), Result([100, null, null], [40000, 41000], "20s")], path);
            Assert.True(new FileInfo(path).Length > 1000);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
