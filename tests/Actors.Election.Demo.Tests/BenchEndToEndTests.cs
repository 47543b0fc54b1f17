using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Demo.Tests;

/// <summary>
/// The smallest real sweep: both clusters of 3 nodes, one crash and one partition round each. Checks the machinery end to
/// end (staggered starts, settings read back, snapshots, proxy answers, SIGSTOP, the report), not the figures.
/// </summary>
public sealed class BenchEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_one_round_sweep_measures_both_systems_and_writes_the_report()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"bench-e2e-{Guid.NewGuid():N}");
        var markdown = Path.Combine(dir, "benchmarks.md");
        var text = new StringBuilder();
        using var bench = DemoProcess.Start(["bench", "failover", "--nodes", "3", "--rounds", "1", "--partition-rounds", ProcessSignals.Supported ? "1" : "0",
            "--detector", "tight", "--sbr-stable-after", "2s", "--output", dir, "--markdown", markdown], text);
        var pid = bench.Id;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(6));
            await bench.WaitForExitAsync(cts.Token);
            string log;
            lock (text) log = text.ToString();
            output.WriteLine(log);
            Assert.Equal(0, bench.ExitCode);
            Assert.Matches(@"estimated \d+", log);

            var report = File.ReadAllText(markdown);
            Assert.Contains("| detector | stable-after | nodes | Actors.Election median (ms) | Actors.Election p90 (ms) | ClusterSingleton median (ms) | speed-up |", report);
            Assert.Matches(new Regex(@"^\| tight \| 2s \| 3 \| \d+ \| \d+ \| \d+ \| \d+\.\dx \|$", RegexOptions.Multiline), report);
            Assert.Contains("acceptable-heartbeat-pause = 1s", report); // read back from the nodes
            Assert.Matches(@"Akka\.Cluster\.Tools = \d+\.\d+\.\d+", report);
            Assert.True(File.Exists(Path.Combine(dir, "benchmarks", "failover.png")));

            var rounds = File.ReadAllLines(Path.Combine(dir, "failover.csv")).Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(ProcessSignals.Supported ? 4 : 2, rounds.Count);
            Assert.All(rounds, r => Assert.Equal("yes", r[7]));                              // finished
            Assert.All(rounds, r => Assert.Equal("2", r[11]));                               // both survivors saw the victim unreachable
            Assert.All(rounds.Where(r => r[4] == "Actors.Election"), r => Assert.Matches(@"^\d+$", r[14])); // messages counted
            if (ProcessSignals.Supported) Assert.Contains(rounds, r => r[5] == "partition");

            var deadline = Stopwatch.StartNew();
            while (DemoProcess.ChildrenOf(pid).Count > 0 && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(200);
            Assert.Empty(DemoProcess.ChildrenOf(pid));
        }
        finally
        {
            DemoProcess.KillQuietly(bench);
            foreach (var child in DemoProcess.ChildrenOf(pid))
            {
                try
                {
                    using var p = Process.GetProcessById(child);
                    p.Kill(entireProcessTree: true);
                }
                catch (Exception)
                {
                }
            }
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
