using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Actors.Election.Demo;
using Actors.Election.Demo.Recording;
using Actors.Election.Nemesis.Tests.Checking;
using Actors.Election.Nemesis.Tests.Network;
using Actors.Election.Nemesis.Tests.Processes;
using Xunit;

namespace Actors.Election.Nemesis.Tests;

/// <summary><c>node --history --fenced-store</c>: what a node records, from its command line to its files.</summary>
public sealed class NodeRecordingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("node-recording-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_options_map_to_files_and_a_store_without_a_history_is_refused()
    {
        var options = Cli.ToNode(Cli.Parse("node", "--history", "h.jsonl", "--fenced-store", "s.db"));
        Assert.Equal(Path.GetFullPath("h.jsonl"), options.Recording.HistoryFile);
        Assert.Equal(Path.GetFullPath("s.db"), options.Recording.FencedStoreFile);
        Assert.Null(Cli.ToNode(Cli.Parse("node")).Recording.HistoryFile);
        Assert.Contains(Cli.Parse("node", "--fenced-store", "s.db").Errors, e => e.Message.Contains("--history", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lone_node_records_its_settings_states_events_and_leadership_and_writes_with_its_token()
    {
        var history = Path.Combine(_directory, "n1.jsonl");
        var store = Path.Combine(_directory, "store.db");
        var port = FreePort();
        using var node = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { DemoProgram.DllPath, "node", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--fast",
                "--history", history, "--fenced-store", store, "--parent-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        node.OutputDataReceived += (_, _) => { };
        node.ErrorDataReceived += (_, _) => { };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        try
        {
            // A lone node elects itself; its job then writes every 100 ms.
            Assert.True(SpinWait.SpinUntil(() => AcceptedWrites(store) >= 3, TimeSpan.FromSeconds(90)),
                "the node became master and wrote to the store");
            Assert.Equal(0, Libc.Kill(node.Id, Libc.SigTerm));
            Assert.True(node.WaitForExit(TimeSpan.FromSeconds(60)), "the node leaves on SIGTERM");
        }
        finally
        {
            if (!node.HasExited) node.Kill();
        }

        var records = HistoryFile.Read(history);
        var self = records[0].Node;
        Assert.Equal(HistoryKinds.Start, records[0].Kind);
        Assert.Equal(node.Id, records[0].Pid);
        Assert.Equal(200, records[0].Settings!.DetectorHeartbeatMs); // --fast, read back
        Assert.Contains(records, r => r is { Kind: HistoryKinds.Event, Event: nameof(ElectedMaster) });
        var masters = records.Where(r => r is { Kind: HistoryKinds.State, Status: nameof(ElectionStatus.Master) }).ToList();
        Assert.NotEmpty(masters);
        Assert.All(masters, m => Assert.Equal(self, m.Master));
        var acquired = records.Where(r => r is { Kind: HistoryKinds.Leadership, Detail: "acquired" }).ToList();
        Assert.NotEmpty(acquired);
        Assert.Contains(records, r => r is { Kind: HistoryKinds.Leadership, Detail: "lost" });
        Assert.Equal(HistoryKinds.Stop, records[^1].Kind);
        Assert.All(records.Zip(records.Skip(1)), p => Assert.True(p.First.At <= p.Second.At, "UTC timestamps in order"));
        Assert.All(records, r => Assert.Equal(DateTimeKind.Utc, r.At.Kind));

        var tokens = acquired.Select(a => StoreToken.Parse(a.Token!)).ToHashSet(); // the full token, as the store compares it
        Assert.All(tokens, t => Assert.Equal(self, t.Master));
        Assert.All(acquired, a => Assert.Equal(a.Session, StoreToken.Parse(a.Token!).Session));
        var writes = FencedStore.ReadWrites(store);
        Assert.All(writes, w => Assert.Contains(w.Token, tokens));
        Assert.All(writes, w => Assert.True(w.Accepted));
        Assert.True(writes[0].At >= acquired[0].At, "the leadership is recorded before the first write with it");
    }

    [Fact]
    public void A_node_with_a_shifted_clock_takes_its_sessions_from_it_and_records_on_the_kernel_clock()
    {
        // A minute behind: far more than start-up takes, so a session from the real clock could not pass for one from this.
        var offset = TimeSpan.FromMinutes(-1);
        var clocks = new NodeClocks(Path.Combine(_directory, "clocks"), [1]);
        clocks.Set(1, offset);
        var history = Path.Combine(_directory, "n1.jsonl");
        var store = Path.Combine(_directory, "store.db");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { DemoProgram.DllPath, "node", "--port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--fast",
                "--history", history, "--fenced-store", store, "--parent-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        clocks.Apply(info, 1);
        var started = DateTime.UtcNow;
        using var node = Process.Start(info)!;
        node.OutputDataReceived += (_, _) => { };
        node.ErrorDataReceived += (_, _) => { };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        DateTime elected;
        try
        {
            // The write and the ElectedMaster line come from two subscribers (the fenced job and the recorder's event
            // stream) that may run in either order on a loaded machine: wait for both before stopping the node.
            Assert.True(SpinWait.SpinUntil(() => AcceptedWrites(store) >= 1 && RecordedElection(history), TimeSpan.FromSeconds(90)),
                "the node became master, recorded its election and wrote to the store");
            elected = DateTime.UtcNow;
        }
        finally
        {
            node.Kill();
            node.WaitForExit(TimeSpan.FromSeconds(30));
        }

        var records = HistoryFile.Read(history);
        var won = Assert.Single(records, r => r is { Kind: HistoryKinds.Event, Event: nameof(ElectedMaster) });
        // Recorded on the kernel's clock: within the real interval, not a minute before it.
        Assert.InRange(won.At, started, elected);
        Assert.InRange(FencedStore.ReadWrites(store)[0].At, started, elected);
        // The session is the node's (shifted) wall clock in microseconds when it opened the session: a minute back.
        var sessionClock = DateTime.UnixEpoch.AddTicks(won.Session!.Value * 10);
        Assert.InRange(sessionClock, started + offset - TimeSpan.FromSeconds(1), elected + offset);
        Assert.True(ObserverClock.IsKernelClock, "the recording reads the kernel's clock on this machine");
    }

    /// <summary>Whether the history holds the node's <see cref="ElectedMaster"/> event yet.</summary>
    private static bool RecordedElection(string history) =>
        HistoryFile.Read(history).Any(r => r is { Kind: HistoryKinds.Event, Event: nameof(ElectedMaster) });

    /// <summary>Accepted writes so far; 0 while the node has not created the store yet.</summary>
    private static int AcceptedWrites(string store)
    {
        try
        {
            return File.Exists(store) ? FencedStore.ReadWrites(store).Count(w => w.Accepted) : 0;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0; // the file exists, its tables not yet
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
