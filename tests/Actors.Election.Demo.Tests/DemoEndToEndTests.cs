using System.Diagnostics;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Demo.Tests;

public sealed class DemoEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Demo_with_three_nodes_and_one_round_reports_a_failover_and_exits_0()
    {
        var text = new StringBuilder();
        using var demo = DemoProcess.Start(["demo", "--nodes", "3", "--rounds", "1", "--interval", "1", "--plain"], text);
        var pid = demo.Id;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await demo.WaitForExitAsync(cts.Token);
            string log;
            lock (text) log = text.ToString();
            output.WriteLine(log);
            Assert.Equal(0, demo.ExitCode);
            Assert.Matches(@"round 1: killed n\d+, new master n\d+, failover \d+ ms", log);
            Assert.Matches(@"summary: 1 failovers, median \d+ ms", log);
            // Every child went with the demo.
            var deadline = Stopwatch.StartNew();
            while (DemoProcess.ChildrenOf(pid).Count > 0 && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(200);
            Assert.Empty(DemoProcess.ChildrenOf(pid));
        }
        finally
        {
            DemoProcess.KillQuietly(demo);
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
        }
    }
}
