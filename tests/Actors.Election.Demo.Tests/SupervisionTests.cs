using System.Diagnostics;
using Xunit;

namespace Actors.Election.Demo.Tests;

public sealed class SupervisionTests
{
    [Fact]
    public async Task Watcher_calls_back_once_the_parent_is_gone()
    {
        var polls = 0;
        var gone = 0;
        var result = await ParentWatcher.WatchAsync(() => ++polls < 3, TimeSpan.FromMilliseconds(10), () => gone++, CancellationToken.None);
        Assert.True(result);
        Assert.Equal(3, polls);
        Assert.Equal(1, gone);
    }

    [Fact]
    public async Task Watcher_does_nothing_while_the_parent_lives_and_stops_when_cancelled()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var gone = false;
        var result = await ParentWatcher.WatchAsync(() => true, TimeSpan.FromMilliseconds(10), () => gone = true, cts.Token);
        Assert.False(result);
        Assert.False(gone);
    }

    [Fact]
    public void Is_alive_tells_a_live_process_from_an_exited_one()
    {
        Assert.True(ParentWatcher.IsAlive(Environment.ProcessId));
        using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        var pid = process.Id;
        process.WaitForExit();
        Assert.False(ParentWatcher.IsAlive(pid));
        Assert.False(ParentWatcher.IsAlive(int.MaxValue));
    }

    [Fact]
    public void Free_ports_are_distinct_and_bindable()
    {
        var ports = ChildProcesses.FreePorts(5);
        Assert.Equal(5, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 1, 65535));
    }

    [Fact]
    public async Task A_node_exits_when_its_parent_process_dies()
    {
        // A stand-in parent (a process that would live for a minute), then a real node watching it; killing the
        // parent must take the node down within a few poll intervals.
        using var parent = DemoProcess.StartSleeper();
        using var node = DemoProcess.Start("node", "--port", "0", "--parent-pid", parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.False(node.HasExited, "the node should run while its parent lives");
            parent.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await node.WaitForExitAsync(cts.Token);
            Assert.Equal(3, node.ExitCode);
        }
        finally
        {
            DemoProcess.KillQuietly(node);
            DemoProcess.KillQuietly(parent);
        }
    }
}
