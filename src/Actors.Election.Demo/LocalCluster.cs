using System.Diagnostics;
using System.Globalization;

namespace Actors.Election.Demo;

/// <summary>
/// A cluster of node processes of this program on 127.0.0.1, driven from the lines they print (see
/// <see cref="ReportLine"/>) and the commands they read (see <see cref="ControlChannel"/>): starts them a few at a time,
/// waits until the cluster is stable, takes the master out (SIGKILL, or SIGSTOP for a hung process) and measures the
/// failover, starts a replacement node.
/// </summary>
/// <remarks>
/// Every node gets <c>akka.cluster.min-nr-of-members</c> = the cluster's size, so no member is Up, and no election
/// starts, before all of them have joined: a lone seed never elects itself while the others are still starting.
/// Every node process runs with <see cref="NodeEnvironment"/>: the .NET thread pool does not spin before its workers
/// sleep, which takes about 45 % off an idle node's CPU (measured on this machine) and leaves the cores to the nodes that
/// have work: many node processes share a few cores here, unlike a real deployment.
/// </remarks>
internal sealed class LocalCluster : IDisposable
{
    public sealed class Child
    {
        private readonly Queue<string> _output = new();

        public required int Number { get; init; }
        public required int Port { get; init; }
        public required Process Process { get; init; }
        public required long StartedAt { get; init; }
        /// <summary><c>host:port</c>, what other nodes give as a seed.</summary>
        public string Address => $"127.0.0.1:{Port}";
        public string Name => $"n{Number}";
        /// <summary>The node's id (<c>host:port#uid</c>) once it reported.</summary>
        public string? Id => Last?.Node;
        public NodeReport? Last { get; set; }
        public NodeSettings? Settings { get; set; }
        public long PeakWorkingSet { get; set; }
        /// <summary>Taken out by a round: killed, or stopped (SIGSTOP) and killed after the round.</summary>
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

        public int? ExitCode
        {
            get
            {
                try
                {
                    return Process.HasExited ? Process.ExitCode : null;
                }
                catch (InvalidOperationException)
                {
                    return null;
                }
            }
        }

        /// <summary>The last lines it printed that are not reports (log lines, errors), for diagnosis.</summary>
        public IReadOnlyList<string> RecentOutput
        {
            get
            {
                lock (_output) return _output.ToList();
            }
        }

        /// <summary>The file every line it prints that is not a report goes to too (<c>--node-logs</c>); null = none.</summary>
        public string? LogFile { get; init; }

        public void Remember(string line)
        {
            lock (_output)
            {
                if (LogFile is not null) File.AppendAllText(LogFile, line + Environment.NewLine);
                _output.Enqueue(line);
                while (_output.Count > 8) _output.Dequeue();
            }
        }
    }

    /// <summary>Environment variables of every node process (the .NET runtime reads them at start); the nodes report them back.</summary>
    public static readonly IReadOnlyDictionary<string, string> NodeEnvironment = new Dictionary<string, string>
    {
        ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",
    };

    /// <summary>How long each starting node may take to join before the next ones start anyway.</summary>
    private static readonly TimeSpan JoinWait = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly ChildProcesses _processes = new();
    private readonly List<Child> _children = new();
    private readonly List<UnreachableReport> _unreachable = new();
    private readonly List<SingletonAnswerReport> _answers = new();
    private readonly Dictionary<(string Node, long Id), SnapshotReport> _snapshots = new();
    private readonly IReadOnlyList<string> _nodeArgs;
    private int _numbers;
    private long _snapshotIds;
    private int _size;

    /// <param name="kind">What the nodes run.</param>
    /// <param name="profile">The failure detector profile of every node.</param>
    /// <param name="nodeArgs">Extra <c>node</c> options for every node process (e.g. the split brain resolver's stable-after).</param>
    /// <param name="logDirectory">Where each node's log goes, at INFO (one file per node); null = only its last lines are kept, for diagnosis.</param>
    public LocalCluster(ClusterKind kind, DetectorProfile profile, IReadOnlyList<string>? nodeArgs = null, string? logDirectory = null)
    {
        Kind = kind;
        Profile = profile;
        _nodeArgs = logDirectory is null ? nodeArgs ?? [] : [.. nodeArgs ?? [], "--log-level", "INFO"];
        _logDirectory = logDirectory;
        if (logDirectory is not null) Directory.CreateDirectory(logDirectory);
    }

    private readonly string? _logDirectory;

    public ClusterKind Kind { get; }

    public DetectorProfile Profile { get; }

    /// <summary>How many node processes start together (then the next ones wait until these joined): the cores, so a start never queues behind another.</summary>
    public static int StartBatch => Math.Max(1, Environment.ProcessorCount);

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

    /// <summary>
    /// Starts <paramref name="nodes"/> node processes: the seed first, then <see cref="StartBatch"/> at a time, each batch
    /// once the previous one has joined (or <see cref="JoinWait"/> passed): starting a .NET process and an actor system
    /// takes a core for a second or two, and two dozen at once starve each other's heartbeats.
    /// </summary>
    public async Task StartAsync(int nodes, CancellationToken cancellationToken)
    {
        _size = nodes;
        var ports = ChildProcesses.FreePorts(nodes);
        var seed = $"127.0.0.1:{ports[0]}";
        var started = 0;
        while (started < nodes)
        {
            var batch = started == 0 ? 1 : Math.Min(StartBatch, nodes - started);
            var children = Enumerable.Range(started, batch).Select(i => StartChild(ports[i], i == 0 ? [] : [seed])).ToList();
            started += batch;
            if (started < nodes) await WaitJoinedAsync(children, cancellationToken);
        }
    }

    private async Task WaitJoinedAsync(IReadOnlyList<Child> children, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < JoinWait && !children.All(c => c.Last?.SelfStatus is not null || c.HasExited))
            await Task.Delay(50, cancellationToken);
    }

    private Child StartChild(int port, IReadOnlyList<string> seeds)
    {
        var args = new List<string>
        {
            "node", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--detector", Profile.Name,
            "--min-members", _size.ToString(CultureInfo.InvariantCulture), "--report",
        };
        if (seeds.Count > 0) args.AddRange(["--seeds", string.Join(",", seeds)]);
        if (Kind == ClusterKind.Singleton) args.Add("--singleton");
        args.AddRange(_nodeArgs);
        Child? child = null;
        var process = _processes.Start(args, line =>
        {
            Child? c;
            lock (_lock) c = child;
            if (c is null) return;
            switch (ReportLine.Parse(line))
            {
                case NodeReport report:
                    lock (_lock)
                    {
                        c.Last = report;
                        c.PeakWorkingSet = Math.Max(c.PeakWorkingSet, report.PeakWorkingSet);
                    }
                    Changed?.Invoke();
                    break;
                case UnreachableReport unreachable:
                    lock (_lock) _unreachable.Add(unreachable);
                    break;
                case SingletonAnswerReport answer:
                    lock (_lock) _answers.Add(answer);
                    break;
                case SnapshotReport snapshot:
                    lock (_lock) _snapshots[(snapshot.Node, snapshot.Id)] = snapshot;
                    break;
                case NodeSettings settings:
                    lock (_lock) c.Settings = settings;
                    break;
                default:
                    c.Remember(line);
                    break;
            }
        }, NodeEnvironment);
        lock (_lock)
        {
            var number = ++_numbers;
            child = new Child
            {
                Number = number, Port = port, Process = process, StartedAt = ReportLine.Now(),
                LogFile = _logDirectory is null ? null : Path.Combine(_logDirectory, $"{Kind.ToString().ToLowerInvariant()}-n{number}.log"),
            };
            _children.Add(child);
        }
        return child;
    }

    /// <summary>The live node with id <paramref name="id"/>, or null.</summary>
    private Child? LiveById(string? id, IReadOnlyList<Child> live) => id is null ? null : live.FirstOrDefault(c => c.Id == id);

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
            if (masters.Count != 1) return null;
            var master = LiveById(masters[0], live);
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
                && live.All(c => c.Last is { } r && r.Members == live.Count && r.KnownMembers == live.Count && r.Unreachable == 0)
                && Master is not null;
        }
    }

    /// <summary>Tells what the cluster did on its own (a node that exited and was replaced).</summary>
    public event Action<string>? Notice;

    /// <summary>
    /// Waits until <see cref="IsStable"/>; throws <see cref="ClusterNotStableException"/> saying why not when it is not
    /// within <paramref name="timeout"/>. A node that exits meanwhile (the resolver downed it after a false suspicion, say)
    /// is replaced, at most a few times, so the cluster keeps its size; each replacement is told through <see cref="Notice"/>.
    /// </summary>
    public async Task WaitStableAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var replaced = 0;
        while (!IsStable)
        {
            if (clock.Elapsed > timeout) throw new ClusterNotStableException(ClusterDiagnosis.Explain(this, $"not stable within {timeout.TotalSeconds:F0} s"));
            if (Children.FirstOrDefault(c => !c.Killed && c.HasExited) is { } exited)
            {
                if (++replaced > 3) throw new ClusterNotStableException(ClusterDiagnosis.Explain(this, $"{exited.Name} exited, the fourth node to exit while the cluster settled"));
                var why = exited.RecentOutput.LastOrDefault(l => l.Contains("Down", StringComparison.Ordinal) || l.Contains("error", StringComparison.OrdinalIgnoreCase));
                exited.Killed = true;
                var replacement = Replace();
                Notice?.Invoke($"{exited.Name} exited by itself (code {exited.ExitCode}{(why is null ? "" : $", last: {why.Trim()}")}){Load()}; started {replacement.Name} in its place");
            }
            await Task.Delay(50, cancellationToken);
        }
    }

    private static string Load() => ClusterDiagnosis.Load();

    /// <summary>
    /// Takes the master out (<paramref name="failure"/>) and waits until the failover ends, or <paramref name="timeout"/>
    /// (then the round is reported unfinished). The end, for the election: every survivor follows one new master and that
    /// master's <c>WaitForLeadershipAsync</c> has completed (the later of those instants); for the singleton: a survivor's
    /// <c>ClusterSingletonProxy</c> got an answer from the new instance (the first such answer).
    /// </summary>
    /// <param name="loadSince">A sample of the machine's load taken a moment (a second) before, for the load before the failure.</param>
    public async Task<FailoverRound> FailMasterAsync(int round, FailureKind failure, TimeSpan timeout, MachineLoad? loadSince, CancellationToken cancellationToken)
    {
        var victim = Master ?? throw new InvalidOperationException("no master to take out");
        var victimId = victim.Id!;
        var survivors = LiveChildren.Where(c => c != victim).ToList();
        var before = Kind == ClusterKind.Election ? await SnapshotAsync(survivors, cancellationToken) : null;
        victim.Killed = true;
        // The failure's instant is taken just before the one system call that makes it.
        var loadAtFailure = MachineLoad.Sample();
        var failedAt = ReportLine.Now();
        var clock = Stopwatch.StartNew();
        if (failure == FailureKind.Crash) ProcessSignals.Kill(victim.Process);
        else ProcessSignals.Stop(victim.Process);
        (long At, Child Master)? end;
        string? unfinished = null;
        while ((end = FailoverEnd(victimId, survivors, failedAt)) is null)
        {
            if (clock.Elapsed > timeout)
            {
                unfinished = $"no failover within {timeout.TotalSeconds:F0} s: {ClusterDiagnosis.Summary(this)}";
                break;
            }
            if (survivors.FirstOrDefault(c => c.HasExited) is { } exited)
            {
                unfinished = $"{exited.Name} exited during the failover (code {exited.ExitCode})";
                break;
            }
            await Task.Delay(5, cancellationToken);
        }
        var loadAtEnd = MachineLoad.Sample();
        var after = before is not null && end is not null ? await SnapshotAsync(survivors, cancellationToken) : null;
        // When the survivors saw the victim unreachable: Akka's detector may come after the failover (the election need
        // not wait for it), so wait for it a little longer than the detector's bound, while the cluster settles anyway.
        var detection = await DetectionAsync(victimId, survivors, failedAt, cancellationToken);
        if (failure == FailureKind.Partition) ChildProcesses.Kill(victim.Process); // the hung process is dead weight now
        return new FailoverRound
        {
            Round = round,
            Failure = failure,
            Killed = victim.Name,
            KilledId = victimId,
            NewMaster = end?.Master.Name,
            FailoverMs = end is { } e ? e.At - failedAt : null,
            Unfinished = unfinished,
            DetectionFirstMs = detection.First - failedAt,
            DetectionLastMs = detection.Last - failedAt,
            DetectedBy = detection.Count,
            Survivors = survivors.Count,
            AfterDetectionMs = end is { } f && detection.First is { } first ? f.At - first : null,
            Messages = before is not null && after is not null ? after.Values.Sum() - before.Values.Sum() : null,
            CpuBusyBeforePercent = MachineLoad.BusyPercent(loadSince, loadAtFailure),
            CpuBusyDuringPercent = MachineLoad.BusyPercent(loadAtFailure, loadAtEnd),
        };
    }

    private (long At, Child Master)? FailoverEnd(string victimId, IReadOnlyList<Child> survivors, long failedAt)
    {
        if (Kind == ClusterKind.Singleton)
        {
            SingletonAnswerReport? first;
            var ids = survivors.Select(c => c.Id).ToHashSet();
            lock (_lock) first = _answers.Where(a => a.At >= failedAt && a.Host != victimId && ids.Contains(a.Node)).MinBy(a => a.At);
            return first is not null && LiveById(first.Host, survivors) is { } host ? (first.At, host) : null;
        }
        if (survivors.Any(c => c.Last is null)) return null;
        var masters = survivors.Select(c => c.Last!.Master).Distinct().ToList();
        if (masters.Count != 1 || masters[0] is null || masters[0] == victimId) return null;
        var master = LiveById(masters[0], survivors);
        if (master?.Last is not { Status: "Master" } m || m.LeadingSince < failedAt || m.LeadingSession != m.Session) return null;
        return (Math.Max(m.LeadingSince, survivors.Max(c => c.Last!.MasterSince)), master);
    }

    private async Task<(long? First, long? Last, int Count)> DetectionAsync(string victimId, IReadOnlyList<Child> survivors, long failedAt, CancellationToken cancellationToken)
    {
        var bound = DetectionBound();
        var clock = Stopwatch.StartNew();
        var ids = survivors.Select(c => c.Id).ToHashSet();
        List<UnreachableReport> seen;
        while (true)
        {
            lock (_lock)
                seen = _unreachable.Where(u => u.Member == victimId && u.At >= failedAt && ids.Contains(u.Node))
                    .GroupBy(u => u.Node).Select(g => g.MinBy(u => u.At)!).ToList();
            if (seen.Count >= survivors.Count(c => c.Live) || clock.Elapsed > bound) break;
            await Task.Delay(20, cancellationToken);
        }
        return seen.Count == 0 ? (null, null, 0) : (seen.Min(u => u.At), seen.Max(u => u.At), seen.Count);
    }

    /// <summary>How long Akka's failure detector may take with this cluster's settings, with room for a loaded machine.</summary>
    public TimeSpan DetectionBound()
    {
        var settings = Children.Select(c => c.Settings).FirstOrDefault(s => s is not null);
        var pause = ParseDuration(settings is null ? null : NodeSettings.Get(settings.FailureDetector, "acceptable-heartbeat-pause")) ?? TimeSpan.FromSeconds(10);
        var interval = ParseDuration(settings is null ? null : NodeSettings.Get(settings.FailureDetector, "heartbeat-interval")) ?? TimeSpan.FromSeconds(1);
        return 2 * (pause + interval) + TimeSpan.FromSeconds(5);
    }

    private static TimeSpan? ParseDuration(string? text)
    {
        if (text is null) return null;
        try
        {
            return Akka.Configuration.ConfigurationFactory.ParseString($"d = {text}").GetTimeSpan("d");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>
    /// Asks <paramref name="children"/> for a fresh count of the election messages they sent (<c>SNAPSHOT</c>) and waits
    /// for every answer; null when one does not answer within 5 s (the round's messages are then not counted).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>?> SnapshotAsync(IReadOnlyList<Child> children, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _snapshotIds);
        foreach (var c in children)
        {
            try
            {
                c.Process.StandardInput.WriteLine(ControlChannel.Snapshot(id));
                c.Process.StandardInput.Flush();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
            {
                return null;
            }
        }
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            lock (_lock)
            {
                var answers = children.Select(c => c.Id is { } node && _snapshots.TryGetValue((node, id), out var s) ? s : null).ToList();
                if (answers.All(a => a is not null)) return answers.ToDictionary(a => a!.Node, a => a!.MessagesSent);
            }
            await Task.Delay(2, cancellationToken);
        }
        return null;
    }

    /// <summary>Asks the live nodes to down the node <paramref name="id"/> (see <see cref="ControlChannel.Down"/>).</summary>
    public void Down(string id)
    {
        foreach (var c in LiveChildren)
        {
            try
            {
                c.Process.StandardInput.WriteLine(ControlChannel.Down(id));
                c.Process.StandardInput.Flush();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
            {
                // gone meanwhile: the others down it
            }
        }
    }

    /// <summary>Starts a replacement for a node taken out, on a fresh port, joining the survivors.</summary>
    public Child Replace() => StartChild(ChildProcesses.FreePorts(1)[0], LiveChildren.Select(c => c.Address).ToList());

    /// <summary>Kills every node and starts the cluster afresh (after a round that did not finish, so the next one starts clean).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        _processes.KillAll();
        lock (_lock)
        {
            foreach (var c in _children) c.Killed = true;
        }
        await StartAsync(_size, cancellationToken);
    }

    /// <summary>The settings every live node reported, when they all agree; otherwise the differing texts, each with its nodes.</summary>
    public string? SettingsText()
    {
        var reported = LiveChildren.Where(c => c.Settings is not null).GroupBy(c => c.Settings!.Describe()).ToList();
        if (reported.Count == 0) return null;
        if (reported.Count == 1) return reported[0].Key;
        return string.Join("\n", reported.Select(g => $"[{string.Join(" ", g.Select(c => c.Name))}]\n{g.Key}"));
    }

    /// <summary>Every live node's report, as the demo's plain view and the diagnosis print it.</summary>
    public string Describe() => string.Join("\n", Children.Select(c =>
        $"  {c.Name} {c.Id ?? c.Address} {(c.Killed ? "killed" : c.HasExited ? $"exited ({c.ExitCode})" : "live")} {c.Last?.Status ?? "-"} master={NameOf(c.Last?.Master)} session={c.Last?.Session} member={c.Last?.SelfStatus ?? "-"} up={c.Last?.Members}/{c.Last?.KnownMembers} unreachable={c.Last?.Unreachable}"));

    /// <summary>The demo's name (n3) of the node with id <paramref name="id"/>, or the id itself.</summary>
    public string NameOf(string? id) =>
        id is null ? "-" : Children.LastOrDefault(c => c.Id == id)?.Name ?? id;

    public void Dispose() => _processes.Dispose();
}

/// <summary>The cluster did not become stable; the message says why (see <see cref="ClusterDiagnosis"/>).</summary>
internal sealed class ClusterNotStableException(string message) : Exception(message);
