using System.Globalization;

namespace Actors.Election.Demo;

/// <summary>What the diagnosis knows of one node process: its name, whether it exited (and how), and its last report.</summary>
internal sealed record NodeSnapshot(string Name, string? Id, bool Exited, int? ExitCode, long StartedAt, NodeReport? Last, NodeSettings? Settings, IReadOnlyList<string> RecentOutput)
{
    public static NodeSnapshot Of(LocalCluster.Child c) => new(c.Name, c.Id, c.HasExited, c.ExitCode, c.StartedAt, c.Last, c.Settings, c.RecentOutput);
}

/// <summary>
/// Says why a local cluster is not (yet) one stable cluster with one master, from what its nodes last reported: node
/// processes that exited or never reported, members still joining, nodes that see different clusters, members flagged
/// unreachable (with the machine's load), and how many masters there are.
/// </summary>
internal static class ClusterDiagnosis
{
    /// <summary>One paragraph: <paramref name="headline"/>, then each reason on its own line, then every node's last report.</summary>
    public static string Explain(LocalCluster cluster, string headline)
    {
        var reasons = Reasons(cluster);
        var lines = new List<string> { $"{headline}: {(reasons.Count == 0 ? "no reason found in the nodes' reports" : reasons[0])}" };
        lines.AddRange(reasons.Skip(1).Select(r => $"  - {r}"));
        if (Hint(cluster) is { } hint) lines.Add($"  hint: {hint}");
        lines.Add("nodes:");
        lines.Add(cluster.Describe());
        return string.Join("\n", lines);
    }

    /// <summary>The reasons on one line (for a round that did not finish).</summary>
    public static string Summary(LocalCluster cluster) => string.Join("; ", Reasons(cluster));

    /// <summary>Each thing that keeps the cluster from being one stable cluster with one master, most fundamental first.</summary>
    public static IReadOnlyList<string> Reasons(LocalCluster cluster) =>
        Reasons(cluster.Kind, cluster.Profile, cluster.Children.Where(c => !c.Killed).Select(NodeSnapshot.Of).ToList(), cluster.Children.Any(c => c.Killed));

    /// <summary>
    /// The reasons for the nodes not taken out on purpose, <paramref name="children"/>; <paramref name="tookOut"/> when
    /// some node was (its unreachability is then expected until it is removed).
    /// </summary>
    public static IReadOnlyList<string> Reasons(ClusterKind kind, DetectorProfile profile, IReadOnlyList<NodeSnapshot> children, bool tookOut = false)
    {
        var reasons = new List<string>();
        foreach (var c in children.Where(c => c.Exited))
        {
            var last = c.RecentOutput.LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.Contains("exception", StringComparison.OrdinalIgnoreCase))
                       ?? c.RecentOutput.LastOrDefault();
            reasons.Add($"{c.Name} exited with code {c.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "?"}{(last is null ? "" : $" (its last line: {last.Trim()})")}");
        }
        var live = children.Where(c => !c.Exited).ToList();
        var silent = live.Where(c => c.Last is null).ToList();
        if (silent.Count > 0)
            reasons.Add($"{Names(silent)} never reported (still starting {Age(silent)}: the machine may be too busy to start them)");
        var reporting = live.Where(c => c.Last is not null).ToList();
        if (reporting.Count == 0) return reasons;

        // Members flagged unreachable although nothing was taken out explain most of what follows (joins stall, views split).
        var flagging = reporting.Where(c => c.Last!.Unreachable > 0).ToList();
        if (flagging.Count > 0)
        {
            var settings = reporting.Select(c => c.Settings).FirstOrDefault(s => s is not null);
            var pause = settings is null ? "?" : NodeSettings.Get(settings.FailureDetector, "acceptable-heartbeat-pause") ?? "?";
            var most = flagging.Max(c => c.Last!.Unreachable);
            reasons.Add(tookOut && most <= 1
                ? $"{flagging.Count} of {reporting.Count} nodes still see a member unreachable: a node taken out is not removed yet (downing: the split brain resolver's stable-after, or the benchmark's Cluster.Down)"
                : $"{flagging.Count} of {reporting.Count} nodes see members unreachable (up to {most}){(tookOut ? "" : " although none was taken out")}: " +
                  $"heartbeats arrived later than the failure detector accepts (acceptable-heartbeat-pause = {pause}, profile {profile.Name}){Load()}");
        }

        var notJoined = reporting.Where(c => c.Last!.SelfStatus is null).ToList();
        if (notJoined.Count > 0) reasons.Add($"{Names(notJoined)} not joined yet (no contact with the seed)");
        var joining = reporting.Where(c => c.Last!.SelfStatus is "Joining" or "WeaklyUp").ToList();
        if (joining.Count > 0)
        {
            var known = reporting.Max(c => c.Last!.KnownMembers);
            var min = reporting.Select(c => c.Settings is null ? null : NodeSettings.Get(c.Settings.Cluster, "min-nr-of-members")).FirstOrDefault(v => v is not null);
            reasons.Add($"{Names(joining)} still Joining: no member is moved Up before min-nr-of-members = {min ?? "?"} have joined, and at most {known} are known to any node");
        }

        var views = reporting.GroupBy(c => c.Last!.Members).OrderByDescending(g => g.Key).ToList();
        if (views.Count > 1 || views[0].Key != live.Count)
            reasons.Add($"not one cluster of {live.Count}: the nodes see {string.Join(", ", views.Select(g => $"{g.Key} Up ({Names(g)})"))}");

        if (kind == ClusterKind.Election)
        {
            var masters = reporting.Where(c => c.Last!.Status == "Master").ToList();
            if (masters.Count > 1)
                reasons.Add($"{masters.Count} masters: {string.Join(", ", masters.Select(m => $"{m.Name} (session {m.Last!.Session})"))}, each elected by the part of the cluster it saw");
            else if (masters.Count == 0)
                reasons.Add($"no master: {string.Join(", ", reporting.GroupBy(c => c.Last!.Status).Select(g => $"{g.Key} {Names(g)}"))}");
            var followed = reporting.Select(c => c.Last!.Master).Distinct().ToList();
            if (masters.Count == 1 && followed.Count > 1)
                reasons.Add($"not every node follows {masters[0].Name}: {string.Join(", ", reporting.Where(c => c.Last!.Master != masters[0].Id).Select(c => $"{c.Name} → {NameOf(children, c.Last!.Master)}"))}");
        }
        else
        {
            var hosts = reporting.Where(c => c.Last!.Status == "Master").ToList();
            if (hosts.Count != 1) reasons.Add($"{hosts.Count} nodes host the singleton{(hosts.Count > 0 ? $": {Names(hosts)}" : "")}");
        }
        return reasons;
    }

    private static string? Hint(LocalCluster cluster)
    {
        var perCore = (double)cluster.LiveChildren.Count / Environment.ProcessorCount;
        if (cluster.Profile != DetectorProfile.Loaded && perCore > DetectorProfile.TightNodesPerCore)
            return $"{cluster.LiveChildren.Count} node processes on {Environment.ProcessorCount} cores: try --detector {DetectorProfile.Loaded.Name} (or fewer nodes)";
        return null;
    }

    private static string NameOf(IReadOnlyList<NodeSnapshot> children, string? id) =>
        id is null ? "none" : children.LastOrDefault(c => c.Id == id)?.Name ?? id;

    private static string Names(IEnumerable<NodeSnapshot> children)
    {
        var names = children.Select(c => c.Name).ToList();
        return names.Count <= 8 ? string.Join(" ", names) : $"{string.Join(" ", names.Take(6))} and {names.Count - 6} more";
    }

    private static string Age(IReadOnlyList<NodeSnapshot> children)
    {
        var oldest = (ReportLine.Now() - children.Min(c => c.StartedAt)) / 1000.0;
        return string.Create(CultureInfo.InvariantCulture, $"after {oldest:F0} s");
    }

    /// <summary>"; load average 12.3 on 2 cores" where the OS tells it.</summary>
    public static string Load()
    {
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/loadavg"))
                return $"; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores";
        }
        catch (IOException)
        {
        }
        return "";
    }
}
