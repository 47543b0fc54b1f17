using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Sample.Tests;

/// <summary>
/// The sample as a user runs it: three processes on loopback sharing one SQLite file. One node leads and writes; its
/// process is killed (SIGKILL); another node takes over and its writes are accepted while the dead master's token is
/// refused; then the survivors stop gracefully (SIGTERM), the master handing over on its way out.
/// </summary>
public sealed class SampleEndToEndTests(ITestOutputHelper output) : IDisposable
{
    // Real processes, real sockets, a 2-core machine: generous bounds, polled.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan WriteInterval = TimeSpan.FromMilliseconds(200);

    private readonly string _directory = Directory.CreateTempSubdirectory("actors-election-sample-").FullName;
    private readonly List<SampleNode> _nodes = [];

    [Fact]
    public async Task Three_nodes_one_writer_a_killed_master_is_replaced_and_fenced_out_then_all_stop_gracefully()
    {
        var database = Path.Combine(_directory, "log.db");
        var store = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = database }.ToString();
        var log = new FencedLog(store); // creates the tables, so the test can read the store before any node writes
        var ports = FreeLoopbackPorts(3);
        var clock = Stopwatch.StartNew();
        foreach (var port in ports) _nodes.Add(SampleNode.Start(port, ports, database, WriteInterval));

        // One node leads and writes.
        var first = await Until(() => Store.Fence(store) is { } fence && Written(store, fence) >= 3 ? fence : null, "a master writing");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: {first} writes");
        var firstMaster = NodeOf(first);

        // SIGKILL the master: another node takes over with a newer token, and its writes are accepted.
        firstMaster.Kill();
        var killedAt = clock.Elapsed;
        var second = await Until(() => Store.Fence(store) is { } fence && fence.Session > first.Session && Written(store, fence) >= 3 ? fence : null,
            "a new master writing after the kill");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: {second} writes, {(clock.Elapsed - killedAt).TotalSeconds:F1}s after the kill");
        Assert.NotEqual(firstMaster, NodeOf(second));
        Assert.True(second > first);

        // The dead master's token is refused, so is a second master of the new session; the new master's own token passes.
        Assert.False(log.Append(first, "a late write of the killed master"), "the store took a write of the deposed master");
        Assert.False(log.Append(new FencingToken(second.Session, first.Master), "another master in the same session"), "two masters wrote in one session");
        Assert.True(log.Append(second, "the current master's token"), "the store refused the current master");
        Assert.DoesNotContain(Store.Entries(store), e => e.Entry is "a late write of the killed master" or "another master in the same session");

        // The log as a whole: tokens never go backwards, and each session has one master.
        var entries = Store.Entries(store);
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.True(entries[i].Token.Session >= entries[i - 1].Token.Session, $"entry {i} went back: {entries[i - 1].Token} then {entries[i].Token}");
            if (entries[i].Token.Session == entries[i - 1].Token.Session) Assert.Equal(entries[i - 1].Token, entries[i].Token);
        }

        // Keep-majority downing removes the killed node once it has been unreachable for stable-after: until then a
        // graceful leave cannot complete (and a leaving follower would cost the master its majority of three).
        var master = NodeOf(second);
        var follower = Assert.Single(_nodes, n => n != firstMaster && n != master);
        await Until(() => new[] { master, follower }.FirstOrDefault(n => n.Output.Contains(
            $"Leader is removing unreachable node [akka.tcp://sample@127.0.0.1:{firstMaster.Port}]", StringComparison.Ordinal)), "the killed node downed");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: the killed node is removed from the cluster");

        // Graceful stops. The master hands over on its way out: the follower takes over and writes with a newer token.
        await StopGracefully(master, second);
        var third = await Until(() => Store.Fence(store) is { } fence && fence.Session > second.Session && Written(store, fence) >= 3 ? fence : null,
            "the follower writing after the master's graceful stop");
        Assert.Same(follower, NodeOf(third));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: {third} writes after the hand-over");
        // The last node leads alone; it stops as well.
        await StopGracefully(follower, third);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: all stopped");
    }

    /// <summary>SIGTERM to <paramref name="node"/>, master of <paramref name="leading"/>: it must exit 0 and its job must stop for good.</summary>
    private async Task StopGracefully(SampleNode node, FencingToken leading)
    {
        var before = node.Output.Length;
        node.Terminate();
        Assert.True(await node.WaitForExitAsync(Patience), $"node {node.Port} did not stop within {Patience} of SIGTERM:\n{node.Output}");
        Assert.True(node.ExitCode == 0, $"node {node.Port} exited with {node.ExitCode}:\n{node.Output}");
        var afterSigterm = node.Output[before..];
        // On SIGTERM Akka's exit hook runs the coordinated shutdown, and with it the hand-over that cancels Lost, before
        // the host logs "Application is shutting down" and cancels its services' stop token (docs/operations.md): the
        // job sees Lost first, and must know the node is going rather than wait for leadership again.
        var lost = afterSigterm.IndexOf($"Lost leadership of session {leading.Session} after", StringComparison.Ordinal);
        var hostStopping = afterSigterm.IndexOf("Application is shutting down", StringComparison.Ordinal);
        Assert.True(lost >= 0 && hostStopping > lost, $"node {node.Port}: the job did not see Lost before the host's stop:\n{afterSigterm}");
        Assert.Contains("this node is shutting down", afterSigterm);
        Assert.DoesNotContain("waiting to be elected again", afterSigterm);
        Assert.Contains("Leader job stopped", afterSigterm);
    }

    private SampleNode NodeOf(FencingToken token) => Assert.Single(_nodes, n => n.Port == token.Master.Address.Port);

    private static int Written(string store, FencingToken token) => Store.Entries(store).Count(e => e.Token.Equals(token));

    private async Task<FencingToken> Until(Func<FencingToken?> probe, string what) =>
        (await Until(() => probe() is { } token ? new Box<FencingToken>(token) : null, what)).Value;

    private sealed record Box<T>(T Value);

    private async Task<T> Until<T>(Func<T?> probe, string what) where T : class
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Patience)
        {
            if (probe() is { } found) return found;
            if (_nodes.FirstOrDefault(n => n.HasExited && !n.Stopping) is { } crashed)
                Assert.Fail($"node {crashed.Port} exited with {crashed.ExitCode} while waiting for {what}:\n{crashed.Output}");
            await Task.Delay(100);
        }
        Assert.Fail($"no {what} within {Patience}:\n" + string.Join("\n", _nodes.Select(n => $"--- node {n.Port}\n{n.Output}")));
        throw new InvalidOperationException("unreachable");
    }

    private static IReadOnlyList<int> FreeLoopbackPorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            output.WriteLine($"--- node {node.Port}{(node.HasExited ? $" (exit {node.ExitCode})" : "")}");
            output.WriteLine(node.Output);
            node.Dispose();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
