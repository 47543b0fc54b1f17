using System.Diagnostics;
using Actors.Election.Nemesis.Tests.Network;

namespace Actors.Election.Nemesis.Tests.Processes;

/// <summary>
/// One incarnation of a node: the demo's <c>node</c> mode started with <c>ip netns exec</c> in the node's namespace
/// (which execs, so the process id is the node's own and signals reach it directly). Standard output and error go to
/// the incarnation's log file; the end of the process is journalled.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(TestbedNode node, int incarnation, Process process, StreamWriter log, string historyFile, string logFile)
    {
        Node = node;
        Incarnation = incarnation;
        _process = process;
        _log = log;
        HistoryFile = historyFile;
        LogFile = logFile;
    }

    public TestbedNode Node { get; }

    public int Incarnation { get; }

    public int Pid => _process.Id;

    public string HistoryFile { get; }

    public string LogFile { get; }

    public DateTime StartedAt { get; private init; }

    public bool Paused { get; private set; }

    /// <summary>Started with itself as the first seed: it forms a new cluster unless another seed answers first.</summary>
    public bool Bootstrap { get; init; }

    /// <summary>Its log said it is Up in a cluster (<c>MemberUp</c> of its own address).</summary>
    public bool Joined { get; private set; }

    /// <summary>Its log said it left, was downed or removed, or is shutting down: it will not answer joins much longer.</summary>
    public bool Leaving { get; private set; }

    /// <summary>A member that can let a newcomer in: running, not frozen, Up and not on its way out.</summary>
    public bool IsLiveMember => !HasExited && !Paused && Joined && !Leaving;

    public bool HasExited => _exited.Task.IsCompleted;

    public Task Exited => _exited.Task;

    /// <summary>
    /// Starts <c>ip netns exec NS dotnet DEMO.dll node ARGS</c>; <paramref name="onExit"/> runs when it ends;
    /// <paramref name="environment"/> adds to its environment (the node's clock).
    /// </summary>
    public static NodeProcess Start(TestbedNode node, int incarnation, IReadOnlyList<string> nodeArguments, string historyFile, string logFile,
        bool bootstrap, Action<NodeProcess, int> onExit, Action<ProcessStartInfo>? environment = null)
    {
        var info = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // the node never reads it; keeps it off the test runner's console
            UseShellExecute = false,
        };
        foreach (var a in (string[])["netns", "exec", node.Namespace, "dotnet", DemoProgram.DllPath, "node", .. nodeArguments]) info.ArgumentList.Add(a);
        info.Environment["DOTNET_gcServer"] = "0";
        environment?.Invoke(info);
        var log = new StreamWriter(logFile, append: false) { AutoFlush = true, NewLine = "\n" };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        NodeProcess? self = null;
        var ready = new ManualResetEventSlim(); // set once self exists; the handlers outlive this method, so it is not disposed
        process.OutputDataReceived += (_, e) => { ready.Wait(); self!.Write(e.Data, ""); };
        process.ErrorDataReceived += (_, e) => { ready.Wait(); self!.Write(e.Data, "ERR "); };
        process.Exited += (_, _) =>
        {
            ready.Wait();
            process.WaitForExit(); // let the output handlers drain
            var code = process.ExitCode;
            self!._exited.TrySetResult();
            onExit(self, code);
        };
        var startedAt = DateTime.UtcNow;
        process.Start();
        self = new NodeProcess(node, incarnation, process, log, historyFile, logFile) { StartedAt = startedAt, Bootstrap = bootstrap };
        ready.Set();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return self;
    }

    private void Write(string? line, string prefix)
    {
        if (line is null) return;
        Observe(line);
        lock (_logLock)
        {
            try
            {
                _log.WriteLine(prefix + line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>
    /// Follows the node's own membership in the lines node mode prints (<c>HH:mm:ss.fff MemberUp host:port#uid</c>, the
    /// member as <c>NodeIds.ToShortId</c> writes it; <c>host:port</c> alone in older builds).
    /// </summary>
    private void Observe(string line)
    {
        if (!IsAboutSelf(line) && !line.Contains("leaving (CoordinatedShutdown)", StringComparison.Ordinal)) return;
        if (line.Contains(" MemberUp ", StringComparison.Ordinal) || line.Contains(" MemberWeaklyUp ", StringComparison.Ordinal)) Joined = true;
        if (line.Contains(" MemberDowned ", StringComparison.Ordinal) || line.Contains(" MemberRemoved ", StringComparison.Ordinal) ||
            line.Contains(" MemberExited ", StringComparison.Ordinal) || line.Contains(" MemberLeft ", StringComparison.Ordinal) ||
            line.Contains("leaving (CoordinatedShutdown)", StringComparison.Ordinal))
            Leaving = true;
    }

    /// <summary>
    /// True when the line ends with this incarnation's id, <c>host:port#uid</c> (its uid read from the first line of its
    /// history; a line about an earlier incarnation at this address, which a new one may print as the cluster removes
    /// it, is not about this one). Until the history names the uid, any uid at this address counts, and so does
    /// <c>host:port</c> alone.
    /// </summary>
    internal bool IsAboutSelf(string line)
    {
        _selfId ??= ReadOwnId();
        var hostPort = $"{Node.Address}:{NodeConfiguration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return EndsWithMember(line, hostPort, _selfId);
    }

    private string? _selfId;

    private string? ReadOwnId()
    {
        try
        {
            using var stream = new FileStream(HistoryFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadLine() is { Length: > 0 } first ? Actors.Election.Demo.Recording.HistoryRecord.Parse(first).Node : null;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return null; // not written yet
        }
    }

    /// <summary>True when the last word of <paramref name="line"/> is the member <paramref name="selfId"/> (or, unknown, any incarnation at <paramref name="hostPort"/>).</summary>
    internal static bool EndsWithMember(string line, string hostPort, string? selfId)
    {
        var last = line[(line.LastIndexOf(' ') + 1)..];
        if (selfId is not null && last == selfId) return true;
        var hash = last.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0) return last == hostPort;
        return selfId is null && last[..hash] == hostPort &&
            int.TryParse(last.AsSpan(hash + 1), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _);
    }

    public void Signal(int signal)
    {
        if (HasExited) return;
        if (Libc.Kill(Pid, signal) != 0 && !HasExited)
            throw new InvalidOperationException($"kill({Pid}, {signal}) failed: {Libc.LastError()}");
        if (signal == Libc.SigStop) Paused = true;
        if (signal is Libc.SigCont or Libc.SigKill) Paused = false;
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public void KillAndWait(TimeSpan timeout)
    {
        Signal(Libc.SigKill);
        Exited.Wait(timeout);
    }

    public void Dispose()
    {
        if (!HasExited)
        {
            try
            {
                KillAndWait(TimeSpan.FromSeconds(10));
            }
            catch (InvalidOperationException)
            {
            }
        }
        lock (_logLock) _log.Dispose();
        _process.Dispose();
    }
}
