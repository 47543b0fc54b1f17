using System.Diagnostics;

namespace Actors.Election.Demo;

/// <summary>Which master a local cluster runs: this library's election, or Akka's ClusterSingleton (the baseline).</summary>
internal enum ClusterKind
{
    Election,
    Singleton,
}

/// <summary>One crash of the master and what followed.</summary>
internal sealed record FailoverRound(
    int Round, string Killed, string NewMaster, double FailoverMs, double? ElectionMs, long? Messages = null);

/// <summary>
/// A cluster of node processes of this program on 127.0.0.1, driven from their <c>STATE</c> lines: waits until it is
/// stable, kills the master's process (SIGKILL) and measures the failover, restarts a replacement node.
/// </summary>
internal sealed class LocalCluster : IDisposable
{
    public sealed class Child
    {
        public required int Number { get; init; }
        public required int Port { get; init; }
        public required Process Process { get; init; }
        public string Address => $"127.0.0.1:{Port}";
        public string Name => $"n{Number}";
        public NodeReport? Last { get; set; }
        public long PeakWorkingSet { get; set; }
        public bool Killed { get; set; }
        public bool Live => !Killed && !HasExited;
        public bool HasExited
        {
            get
            {
                try
                {
                    return Process.HasExited;
                }
                catch (InvalidOperationException)
                {
                    return true;
                }
            }
        }
    }

    private readonly Lock _lock = new();
    private readonly ChildProcesses _processes = new();
    private readonly List<Child> _children = new();
    private readonly List<UnreachableReport> _unreachable = new();
    private int _numbers;

    private readonly IReadOnlyList<string> _nodeArgs;

    /// <param name="kind">What the nodes run.</param>
    /// <param name="nodeArgs">Extra <c>node</c> options for every node process (e.g. the split brain resolver's stable-after).</param>
    public LocalCluster(ClusterKind kind, IReadOnlyList<string>? nodeArgs = null)
    {
        Kind = kind;
        _nodeArgs = nodeArgs ?? [];
    }

    public ClusterKind Kind { get; }

    /// <summary>Called (from reader threads) whenever a child reported.</summary>
    public event Action? Changed;

    public IReadOnlyList<Child> Children
    {
        get
        {
            lock (_lock) return _children.ToList();
        }
    }

    public IReadOnlyList<Child> LiveChildren => Children.Where(c => c.Live).ToList();

    /// <summary>Every node process's peak working set seen so far (bytes), killed ones included.</summary>
    public IReadOnlyList<long> PeakWorkingSets => Children.Select(c => c.PeakWorkingSet).Where(p => p > 0).ToList();

    public void Start(int nodes)
    {
        var ports = ChildProcesses.FreePorts(nodes);
        var seed = $"127.0.0.1:{ports[0]}";
        for (var i = 0; i < nodes; i++) StartChild(ports[i], i == 0 ? [] : [seed]);
    }

    private Child StartChild(int port, IReadOnlyList<string> seeds)
    {
        var args = new List<string> { "node", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--fast", "--report" };
        if (seeds.Count > 0) args.AddRange(["--seeds", string.Join(",", seeds)]);
        if (Kind == ClusterKind.Singleton) args.Add("--singleton");
        args.AddRange(_nodeArgs);
        Child? child = null;
        var process = _processes.Start(args, line =>
        {
            switch (ReportLine.Parse(line))
            {
                case NodeReport report:
                    lock (_lock)
                    {
                        if (child is null) return;
                        child.Last = report;
                        child.PeakWorkingSet = Math.Max(child.PeakWorkingSet, report.PeakWorkingSet);
                    }
                    Changed?.Invoke();
                    break;
                case UnreachableReport unreachable:
                    lock (_lock) _unreachable.Add(unreachable);
                    break;
            }
        });
        lock (_lock)
        {
            child = new Child { Number = ++_numbers, Port = port, Process = process };
            _children.Add(child);
        }
        return child;
    }

    /// <summary>The master every live node agrees on (election) or the node hosting the singleton; null if none yet.</summary>
    public Child? Master
    {
        get
        {
            var live = LiveChildren;
            if (live.Count == 0 || live.Any(c => c.Last is null)) return null;
            if (Kind == ClusterKind.Singleton)
            {
                var hosts = live.Where(c => c.Last!.Status == "Master").ToList();
                return hosts.Count == 1 ? hosts[0] : null;
            }
            var masters = live.Select(c => c.Last!.Master).Distinct().ToList();
            if (masters.Count != 1 || masters[0] is null) return null;
            var master = live.FirstOrDefault(c => c.Address == masters[0]);
            return master?.Last?.Status == "Master" ? master : null;
        }
    }

    /// <summary>Every live node is Up in every live node's view, all reachable, and they agree on one master.</summary>
    public bool IsStable
    {
        get
        {
            var live = LiveChildren;
            return live.Count > 0
                && live.All(c => c.Last is { } r && r.Members == live.Count && r.Unreachable == 0)
                && Master is not null;
        }
    }

    public async Task WaitStableAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!IsStable)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"the cluster did not settle within {timeout}:\n{Describe()}");
            if (Children.Any(c => !c.Killed && c.HasExited)) throw new InvalidOperationException($"a node process exited:\n{Describe()}");
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Kills the master's process and waits until the survivors have a new one.</summary>
    public async Task<FailoverRound> KillMasterAsync(int round, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var master = Master ?? throw new InvalidOperationException("no master to kill");
        var killedAt = ReportLine.Now();
        var survivors = LiveChildren.Where(c => c != master).ToList();
        var sentBefore = survivors.Sum(c => c.Last?.MessagesSent ?? 0);
        var clock = Stopwatch.StartNew();
        master.Killed = true;
        ChildProcesses.Kill(master.Process);
        Child? next;
        while ((next = NewMaster(master)) is null)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"no failover within {timeout}:\n{Describe()}");
            await Task.Delay(5, cancellationToken);
        }
        var failover = clock.Elapsed.TotalMilliseconds;
        // Election messages the survivors sent from the kill to the agreement (each report of the new master carries the
        // node's running count); the crashed master's are gone with it.
        long? messages = Kind == ClusterKind.Election ? survivors.Sum(c => c.Last?.MessagesSent ?? 0) - sentBefore : null;
        return new FailoverRound(round, master.Name, next.Name, failover, ElectionLatency(master, killedAt), messages);
    }

    private Child? NewMaster(Child killed)
    {
        var live = LiveChildren;
        if (live.Count == 0 || live.Any(c => c.Last is null)) return null;
        if (Kind == ClusterKind.Singleton) return live.FirstOrDefault(c => c.Last!.Status == "Master");
        var masters = live.Select(c => c.Last!.Master).Distinct().ToList();
        if (masters.Count != 1 || masters[0] is null || masters[0] == killed.Address) return null;
        var master = live.FirstOrDefault(c => c.Address == masters[0]);
        return master?.Last?.Status == "Master" ? master : null;
    }

    /// <summary>The election alone: first survivor that saw the old master unreachable → the last survivor to follow the new one.</summary>
    private double? ElectionLatency(Child killed, long killedAt)
    {
        if (Kind != ClusterKind.Election) return null;
        List<UnreachableReport> seen;
        lock (_lock) seen = _unreachable.Where(u => u.Member == killed.Address && u.At >= killedAt).ToList();
        if (seen.Count == 0) return null;
        var agreed = LiveChildren.Max(c => c.Last!.MasterSince);
        return Math.Max(0, agreed - seen.Min(u => u.At));
    }

    /// <summary>Starts a replacement for a killed node on a fresh port, joining the survivors.</summary>
    public Child Replace() => StartChild(ChildProcesses.FreePorts(1)[0], LiveChildren.Select(c => c.Address).ToList());

    public string Describe() => string.Join("\n", Children.Select(c =>
        $"  {c.Name} {c.Address} {(c.Killed ? "killed" : c.HasExited ? "exited" : "live")} {c.Last?.Status ?? "-"} master={c.Last?.Master ?? "-"} session={c.Last?.Session} members={c.Last?.Members} unreachable={c.Last?.Unreachable}"));

    public string NameOf(string? address) =>
        address is null ? "-" : Children.FirstOrDefault(c => c.Address == address)?.Name ?? address;

    public void Dispose() => _processes.Dispose();
}
