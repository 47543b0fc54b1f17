using System.Globalization;
using Actors.Election.Nemesis.Tests.Network;

namespace Actors.Election.Nemesis.Tests.Processes;

/// <summary>
/// The node processes of a run, one slot per testbed node: starts incarnations (new ones on the same address after a
/// kill or an exit), signals them, and journals all of it. Disposing kills every process still running.
/// </summary>
internal sealed class NodeCluster : IDisposable
{
    private readonly Testbed _testbed;
    private readonly RunFolder _folder;
    private readonly RunJournal _journal;
    private readonly Lock _lock = new();
    private readonly NodeProcess?[] _current;
    private readonly List<NodeProcess> _all = new();
    private readonly int[] _incarnations;
    private bool _disposed;

    public NodeCluster(Testbed testbed, RunFolder folder, RunJournal journal)
    {
        _testbed = testbed;
        _folder = folder;
        _journal = journal;
        _current = new NodeProcess?[testbed.Nodes.Count];
        _incarnations = new int[testbed.Nodes.Count];
        File.WriteAllText(folder.NodeConfigFile, NodeConfiguration.Hocon);
    }

    public IReadOnlyList<TestbedNode> Nodes => _testbed.Nodes;

    /// <summary>Every incarnation started so far (their history and log files stay after they end).</summary>
    public IReadOnlyList<NodeProcess> AllIncarnations
    {
        get { lock (_lock) return _all.ToList(); }
    }

    public NodeProcess? Current(TestbedNode node)
    {
        lock (_lock) return _current[node.Index - 1];
    }

    /// <summary>True when the node's current incarnation runs (paused counts as running).</summary>
    public bool IsRunning(TestbedNode node) => Current(node) is { HasExited: false };

    /// <summary>Starts every node; the first three are the seeds and the first one forms the cluster.</summary>
    public void StartAll()
    {
        var seeds = Nodes.Take(3).Select(Address).ToList();
        foreach (var node in Nodes) Start(node, seeds);
    }

    /// <summary>
    /// Starts a new incarnation of <paramref name="node"/> on its address. Its seeds are the other running nodes, so it
    /// joins the cluster they form and never forms one of its own; only when no other node runs does it seed itself.
    /// </summary>
    public NodeProcess Restart(TestbedNode node)
    {
        var others = Nodes.Where(n => n != node && IsRunning(n)).Select(Address).ToList();
        return Start(node, others.Count > 0 ? others : [Address(node)]);
    }

    private NodeProcess Start(TestbedNode node, IReadOnlyList<string> seeds)
    {
        lock (_lock)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(NodeCluster));
            if (_current[node.Index - 1] is { HasExited: false }) throw new InvalidOperationException($"{node.Name} is still running");
            var incarnation = ++_incarnations[node.Index - 1];
            var name = $"{node.Name}.{incarnation.ToString(CultureInfo.InvariantCulture)}";
            var history = Path.Combine(_folder.NodesDirectory, name + ".jsonl");
            var log = Path.Combine(_folder.NodesDirectory, name + ".log");
            var arguments = NodeConfiguration.Arguments(node.Address.ToString(), _folder.NodeConfigFile, Environment.ProcessId)
                .Concat(["--seeds", string.Join(',', seeds), "--history", history, "--fenced-store", _folder.StoreFile])
                .ToList();
            var process = NodeProcess.Start(node, incarnation, arguments, history, log, OnExit);
            _current[node.Index - 1] = process;
            _all.Add(process);
            _journal.Add(new JournalEntry
            {
                At = process.StartedAt, Kind = JournalKinds.ProcessStart, Node = node.Index, Incarnation = incarnation, Pid = process.Pid,
                Detail = "seeds " + string.Join(',', seeds),
            });
            return process;
        }
    }

    private void OnExit(NodeProcess process, int code) =>
        _journal.Add(new JournalEntry
        {
            At = DateTime.UtcNow, Kind = JournalKinds.ProcessExit, Node = process.Node.Index, Incarnation = process.Incarnation, Pid = process.Pid,
            ExitCode = code,
        });

    /// <summary>SIGKILL: the node's process ends at once (waits until it is gone).</summary>
    public void Kill(TestbedNode node) => Signal(node, JournalKinds.Kill, p => p.KillAndWait(TimeSpan.FromSeconds(10)));

    /// <summary>SIGSTOP: frozen, sockets open, the kernel still acknowledging its TCP traffic.</summary>
    public void Pause(TestbedNode node) => Signal(node, JournalKinds.Pause, p => p.Signal(Libc.SigStop));

    /// <summary>SIGCONT.</summary>
    public void Resume(TestbedNode node) => Signal(node, JournalKinds.Resume, p => p.Signal(Libc.SigCont));

    /// <summary>SIGTERM: the node leaves gracefully (a master hands over first); waits for it to exit.</summary>
    public bool Terminate(TestbedNode node, TimeSpan timeout)
    {
        var process = Current(node);
        if (process is null || process.HasExited) return true;
        process.Signal(Libc.SigTerm);
        return process.Exited.Wait(timeout);
    }

    private void Signal(TestbedNode node, string kind, Action<NodeProcess> action)
    {
        var process = Current(node);
        if (process is null || process.HasExited) return;
        // Journalled before the signal: the node's history cannot show anything after this instant that the signal stops.
        _journal.Add(new JournalEntry { At = DateTime.UtcNow, Kind = kind, Node = node.Index, Incarnation = process.Incarnation, Pid = process.Pid });
        action(process);
    }

    public static string Address(TestbedNode node) => $"{node.Address}:{NodeConfiguration.Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Kills every process still running. Idempotent.</summary>
    public void Dispose()
    {
        List<NodeProcess> all;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            all = _all.ToList();
        }
        foreach (var p in all.Where(p => !p.HasExited))
        {
            try
            {
                p.Signal(Libc.SigKill);
            }
            catch (InvalidOperationException)
            {
            }
        }
        foreach (var p in all) p.Dispose();
    }
}
