using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Demo.Tests;

/// <summary>
/// <c>node</c> with bad input, run as a real process: one line on stderr that names the input, exit code 2, nothing on
/// stdout (no node started), and the process gone (its port free again).
/// </summary>
public sealed class NodeBadInputTests(ITestOutputHelper output)
{
    private sealed record Outcome(int ExitCode, IReadOnlyList<string> Stdout, IReadOnlyList<string> Stderr);

    private async Task<Outcome> RunAsync(params string[] args)
    {
        var stdout = new List<string>();
        var stderr = new List<string>();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(DemoProcess.DllPath);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (stdout) stdout.Add(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (stderr) stderr.Add(line); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(cts.Token); // exits by itself: nothing left running
        }
        finally
        {
            DemoProcess.KillQuietly(process);
        }
        process.WaitForExit(); // flushes the output handlers
        output.WriteLine($"exit {process.ExitCode}");
        foreach (var line in stdout) output.WriteLine($"out: {line}");
        foreach (var line in stderr) output.WriteLine($"err: {line}");
        return new Outcome(process.ExitCode, stdout, stderr);
    }

    private static void AssertOneLineNaming(Outcome outcome, params string[] named)
    {
        Assert.Equal(2, outcome.ExitCode);
        Assert.DoesNotContain(outcome.Stdout, l => l.Trim().Length > 0);
        var line = Assert.Single(outcome.Stderr, l => l.Trim().Length > 0);
        Assert.StartsWith("error: ", line);
        foreach (var part in named) Assert.Contains(part, line);
        Assert.DoesNotContain("   at ", line); // no stack trace
    }

    private static int FreePort() => ChildProcesses.FreePorts(1)[0];

    private static void AssertPortFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port)); // throws while anything still holds it
    }

    private static string TempConfig(string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"node-bad-input-{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, text);
        return file;
    }

    [Fact]
    public async Task A_negative_port_is_named()
    {
        AssertOneLineNaming(await RunAsync("node", "--port", "-5"), "--port -5", "0 to 65535");
    }

    [Fact]
    public async Task A_missing_config_file_is_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.conf");
        AssertOneLineNaming(await RunAsync("node", "--config", missing), $"--config {missing}", "no such file");
    }

    [Theory]
    [InlineData("127.0.0.1:abc")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("akka.tcp://election@127.0.0.1")]
    [InlineData("akka.tcp://other@127.0.0.1:2551")]
    public async Task A_malformed_seed_is_named(string seed)
    {
        AssertOneLineNaming(await RunAsync("node", "--seeds", $"127.0.0.1:2551,{seed}"), $"--seeds {seed}");
    }

    [Fact]
    public async Task A_config_with_a_bad_election_key_names_the_file_and_the_key_and_leaves_the_port_free()
    {
        var port = FreePort();
        var file = TempConfig("actors.election.gather-timeout = 5s\n"); // not below election-timeout (3s)
        try
        {
            AssertOneLineNaming(await RunAsync("node", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--config", file),
                $"--config {file}", "actors.election.gather-timeout", "election-timeout");
            AssertPortFree(port);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_config_with_an_unknown_election_key_is_named()
    {
        var file = TempConfig("actors.election.electon-timeout = 3s\n");
        try
        {
            AssertOneLineNaming(await RunAsync("node", "--config", file), $"--config {file}", "unknown key actors.election.electon-timeout");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_config_with_a_bad_akka_key_names_the_key_and_stops_the_started_system()
    {
        // Akka reads this when the cluster starts, after the port was bound: the node must terminate and free it.
        var port = FreePort();
        var file = TempConfig("akka.cluster.failure-detector.heartbeat-interval = banana\n");
        try
        {
            AssertOneLineNaming(await RunAsync("node", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--config", file),
                $"--config {file}", "akka.cluster.failure-detector.heartbeat-interval = banana");
            AssertPortFree(port);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_port_in_use_is_named()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        AssertOneLineNaming(await RunAsync("node", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"--port {port}", "already in use");
    }

    [Fact]
    public async Task A_node_restarted_on_its_port_is_not_taken_for_a_port_in_use()
    {
        // The first node's connections to its peer linger in TIME_WAIT on its port after it leaves; the check before the
        // start must not mistake them for another listener (Akka binds over them).
        var port = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var first = DemoProcess.Start("node", "--port", port, "--detector", "tight");
        var peer = DemoProcess.Start("node", "--port", "0", "--detector", "tight", "--seeds", $"127.0.0.1:{port}");
        var text = new System.Text.StringBuilder();
        Process? second = null;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(8)); // both up and connected
            Assert.False(first.HasExited);
            first.Kill(); // SIGKILL: no graceful unbinding either
            await first.WaitForExitAsync();
            second = DemoProcess.Start(["node", "--port", port, "--detector", "tight"], text);
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(30) && !second.HasExited)
            {
                lock (text)
                    if (text.ToString().Contains($"127.0.0.1:{port}#", StringComparison.Ordinal) && text.ToString().Contains("starting", StringComparison.Ordinal)) break;
                await Task.Delay(100);
            }
            string log;
            lock (text) log = text.ToString();
            output.WriteLine(log);
            Assert.False(second.HasExited, $"the restarted node exited: {log}");
            Assert.Contains($"node 127.0.0.1:{port}#", log);
        }
        finally
        {
            DemoProcess.KillQuietly(first);
            DemoProcess.KillQuietly(peer);
            if (second is not null) DemoProcess.KillQuietly(second);
            first.Dispose();
            peer.Dispose();
            second?.Dispose();
        }
    }

    [Fact]
    public async Task An_unparsable_option_is_one_line_too()
    {
        AssertOneLineNaming(await RunAsync("node", "--port", "abc"), "'abc'", "--port");
    }
}
