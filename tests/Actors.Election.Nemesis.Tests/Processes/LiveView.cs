using Actors.Election.Demo.Recording;
using Actors.Election.Nemesis.Tests.Network;

namespace Actors.Election.Nemesis.Tests.Processes;

/// <summary>
/// The harness's own view of the running cluster, from the histories as they grow: each running incarnation's
/// latest state. The nemesis uses it to aim at the master and to wait until the cluster has settled; the checker
/// never uses it (it reads the finished files).
/// </summary>
internal sealed class LiveView(NodeCluster cluster)
{
    private readonly Dictionary<NodeProcess, (HistoryTail Tail, HistoryRecord? State, string? Id, RecordedSettings? Settings)> _followed = new();

    /// <summary>The settings the first node recorded (null until one has started).</summary>
    public RecordedSettings? Settings { get; private set; }

    /// <summary>Reads what the histories added; returns each running node's latest state (null before its first).</summary>
    public IReadOnlyDictionary<TestbedNode, (NodeProcess Process, HistoryRecord? State, string? Id)> Refresh()
    {
        var states = new Dictionary<TestbedNode, (NodeProcess, HistoryRecord?, string?)>();
        foreach (var node in cluster.Nodes)
        {
            if (cluster.Current(node) is not { HasExited: false } process) continue;
            if (!_followed.TryGetValue(process, out var followed)) followed = (new HistoryTail(process.HistoryFile), null, null, null);
            foreach (var r in followed.Tail.ReadNew())
            {
                followed.Id ??= r.Node;
                if (r.Kind == HistoryKinds.State) followed.State = r;
                if (r.Settings is { } s) Settings ??= s;
            }
            _followed[process] = followed;
            states[node] = (process, followed.State, followed.Id);
        }
        return states;
    }

    /// <summary>The node whose latest state is Master and that most others follow, or null.</summary>
    public TestbedNode? Master()
    {
        var states = Refresh();
        return states
            .Where(s => s.Value.State is { Status: nameof(ElectionStatus.Master) } && !s.Value.Process.Paused)
            .OrderByDescending(s => states.Values.Count(o => o.State?.Master == s.Value.Id))
            .Select(s => (TestbedNode?)s.Key)
            .FirstOrDefault();
    }

    /// <summary>
    /// A node whose latest state is Master and that a majority of the nodes (itself included, none frozen) follow, as
    /// the checker's master in office; null when there is none.
    /// </summary>
    public TestbedNode? MasterInOffice()
    {
        var states = Refresh().Where(s => !s.Value.Process.Paused && s.Value.State is not null).ToList();
        foreach (var (node, (_, state, id)) in states)
        {
            if (state!.Status != nameof(ElectionStatus.Master) || state.Master != id) continue;
            var following = states.Count(s => s.Value.State!.Master == id && (s.Key == node || s.Value.State.Status == nameof(ElectionStatus.Follower)));
            if (following > cluster.Nodes.Count / 2) return node;
        }
        return null;
    }

    /// <summary>Every node runs (none frozen) and all follow one master, which knows itself as master.</summary>
    public bool Converged()
    {
        var states = Refresh();
        if (states.Count != cluster.Nodes.Count || states.Values.Any(s => s.Process.Paused || s.State is null)) return false;
        var masters = states.Values.Select(s => s.State!.Master).Distinct().ToList();
        if (masters is not [{ } master]) return false;
        return states.Values.Any(s => s.Id == master && s.State!.Status == nameof(ElectionStatus.Master))
            && states.Values.All(s => s.Id == master || s.State!.Status == nameof(ElectionStatus.Follower));
    }

    /// <summary>One line per node for progress output.</summary>
    public string Describe()
    {
        var states = Refresh();
        return string.Join("  ", cluster.Nodes.Select(n => states.TryGetValue(n, out var s)
            ? $"{n.Name}:{s.State?.Status ?? "?"}{(s.Process.Paused ? "(paused)" : "")}"
            : $"{n.Name}:down"));
    }
}
