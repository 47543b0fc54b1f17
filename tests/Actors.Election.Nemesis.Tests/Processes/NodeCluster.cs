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
    private DateTime? _noClusterSince;

    /// <summary>How long "no live member, nobody forming a cluster" must last before <see cref="BootstrapIfNoCluster"/> acts.</summary>
    private static readonly TimeSpan NoClusterGrace = TimeSpan.FromSeconds(3);

    public NodeCluster(Testbed testbed, RunFolder folder, RunJournal journal)
    {
        _testbed = testbed;
        _folder = folder;
        _journal = journal;
        _current = new NodeProcess?[testbed.Nodes.Count];
        _incarnations = new int[testbed.Nodes.Count];
        File.WriteAllText(folder.NodeConfigFile, NodeConfiguration.Hocon);
        Clocks = new NodeClocks(folder.ClocksDirectory, testbed.Nodes.Select(n => n.Index));
    }

    public IReadOnlyList<TestbedNode> Nodes => _testbed.Nodes;

    /// <summary>Each node's wall clock (every process runs with it; all start on the real clock).</summary>
    public NodeClocks Clocks { get; }

    /// <summary>
    /// Sets <paramref name="node"/>'s clock offset (journalled): its running process, if any, steps to it within
    /// <see cref="NodeClocks.RefreshSeconds"/> s (a step back by D up to D later), and its next incarnations start with it.
    /// </summary>
    public void SetClock(TestbedNode node, TimeSpan offset, string why)
    {
        var was = Clocks.Offset(node.Index);
        var process = Current(node);
        _journal.Add(new JournalEntry
        {
            At = DateTime.UtcNow, Kind = JournalKinds.Clock, Node = node.Index, Incarnation = process?.Incarnation, Pid = process?.Pid,
            OffsetMs = (long)offset.TotalMilliseconds,
            Detail = $"{node.Name}'s clock {NodeClocks.Show(offset)} (was {NodeClocks.Show(was)}): {why}",
        });
        Clocks.Set(node.Index, offset);
    }

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
        foreach (var node in Nodes) Start(node, seeds, bootstrap: node == Nodes[0]);
    }

    /// <summary>
    /// Starts a new incarnation of <paramref name="node"/> on its address. Its seeds are the live members first (then
    /// the other addresses), so it joins the cluster they form and never forms one of its own. Only when there is no
    /// live member, and no other new incarnation is already forming a cluster, does it seed itself first: Akka then
    /// joins any seed that answers, or forms a new cluster after seed-node-timeout.
    /// </summary>
    public NodeProcess Restart(TestbedNode node)
    {
        var others = Nodes.Where(n => n != node).ToList();
        var live = others.Where(n => Current(n) is { IsLiveMember: true }).ToList();
        if (live.Count > 0) return Start(node, live.Concat(others.Except(live)).Select(Address).ToList(), bootstrap: false);
        var forming = others.FirstOrDefault(n => Current(n) is { Bootstrap: true, HasExited: false, Leaving: false });
        if (forming is not null) return Start(node, others.Where(n => n == forming).Concat(others.Where(n => n != forming)).Select(Address).ToList(), bootstrap: false);
        return Start(node, [Address(node), .. others.Select(Address)], bootstrap: true);
    }

    /// <summary>
    /// When no process is a live member and none is forming a cluster (every node was downed or killed and the new
    /// incarnations wait for seeds that are gone), replaces the lowest node's waiting incarnation by one that seeds
    /// itself, as an operator would bootstrap the cluster again. Returns the node it restarted, if any.
    /// </summary>
    public TestbedNode? BootstrapIfNoCluster()
    {
        var running = Nodes.Select(Current).Where(p => p is { HasExited: false }).Select(p => p!).ToList();
        if (running.Count == 0 || running.Any(p => p.IsLiveMember || (p.Bootstrap && !p.Leaving)))
        {
            _noClusterSince = null;
            return null;
        }
        _noClusterSince ??= DateTime.UtcNow;
        if (DateTime.UtcNow - _noClusterSince < NoClusterGrace) return null; // a member's MemberUp line may be on its way
        _noClusterSince = null;
        var waiting = running.OrderBy(p => p.Node.Index).First();
        _journal.Add(new JournalEntry
        {
            At = DateTime.UtcNow, Kind = JournalKinds.Kill, Node = waiting.Node.Index, Incarnation = waiting.Incarnation, Pid = waiting.Pid,
            Detail = "no live cluster member: restarted to seed a new cluster",
        });
        waiting.KillAndWait(TimeSpan.FromSeconds(10));
        Restart(waiting.Node);
        return waiting.Node;
    }

    private NodeProcess Start(TestbedNode node, IReadOnlyList<string> seeds, bool bootstrap)
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
            var process = NodeProcess.Start(node, incarnation, arguments, history, log, bootstrap, OnExit, info => Clocks.Apply(info, node.Index));
            _current[node.Index - 1] = process;
            _all.Add(process);
            _journal.Add(new JournalEntry
            {
                At = process.StartedAt, Kind = JournalKinds.ProcessStart, Node = node.Index, Incarnation = incarnation, Pid = process.Pid,
                OffsetMs = (long)Clocks.Offset(node.Index).TotalMilliseconds,
                Detail = "seeds " + string.Join(',', seeds) + (bootstrap ? " (seeds itself first)" : "") +
                    (Clocks.Offset(node.Index) is { } offset && offset != TimeSpan.Zero ? $"; its clock {NodeClocks.Show(offset)}" : ""),
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
