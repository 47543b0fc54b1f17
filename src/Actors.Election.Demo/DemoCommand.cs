using System.Globalization;
using Spectre.Console;

namespace Actors.Election.Demo;

internal sealed record DemoOptions
{
    public int Nodes { get; init; } = 5;
    /// <summary>Master crashes; 0 = until Ctrl+C.</summary>
    public int Rounds { get; init; } = 3;
    /// <summary>How long the cluster stays stable before the next crash.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>Plain lines even on a terminal.</summary>
    public bool Plain { get; init; }
    /// <summary>A <see cref="DetectorProfile"/> name, or <see cref="DetectorProfile.AutoName"/> (by nodes per core).</summary>
    public string Detector { get; init; } = DetectorProfile.AutoName;
}

/// <summary><c>demo</c>: a local cluster of node processes, its master crashed every few seconds.</summary>
internal static class DemoCommand
{
    public static bool UsePlainOutput(bool forced) =>
        forced || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>The profile <paramref name="name"/> names, or for auto the one <paramref name="nodes"/> processes on this machine's cores can hold.</summary>
    public static DetectorProfile Resolve(string name, int nodes) =>
        name == DetectorProfile.AutoName ? DetectorProfile.ForLocalCluster(nodes, Environment.ProcessorCount) : DetectorProfile.Find(name) ?? DetectorProfile.Tight;

    /// <summary>
    /// How long a cluster of <paramref name="nodes"/> may take to settle: the staggered start (a few seconds per batch of
    /// <see cref="LocalCluster.StartBatch"/>), the failure detector's bound, and a minute of room for a busy machine.
    /// </summary>
    public static TimeSpan SettleTimeout(int nodes, LocalCluster cluster) =>
        TimeSpan.FromSeconds(60 + 8.0 * Math.Ceiling((double)nodes / LocalCluster.StartBatch)) + cluster.DetectionBound();

    public static async Task<int> RunAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        var plain = UsePlainOutput(options.Plain);
        var profile = Resolve(options.Detector, options.Nodes);
        using var cluster = new LocalCluster(ClusterKind.Election, profile);
        var rounds = new List<FailoverRound>();
        var log = new List<string>();
        void Say(string line)
        {
            var stamped = $"{NodeHost.Stamp} {line}";
            lock (log) log.Add(stamped);
            if (plain) Console.WriteLine(stamped);
        }

        cluster.Notice += Say;
        var plainView = plain ? new PlainView(cluster) : null;
        if (plainView is not null) cluster.Changed += plainView.OnChanged;
        var exit = 0;
        string? failure = null;
        var settings = new List<string>();
        try
        {
            Say($"starting {options.Nodes} node processes on 127.0.0.1, {LocalCluster.StartBatch} at a time ({(options.Rounds == 0 ? "until Ctrl+C" : $"{options.Rounds} rounds")}); " +
                $"detector profile {profile.Name}{(options.Detector == DetectorProfile.AutoName ? $" (auto: {options.Nodes} nodes on {Environment.ProcessorCount} cores)" : "")}: {profile.Description}; " +
                $"no member is Up before all {options.Nodes} have joined (min-nr-of-members)");
            // The settings the nodes read back: lines among the others in plain output; below the summary under the live table.
            var work = RunClusterAsync(cluster, options, rounds, Say, plain ? Say : settings.Add, cancellationToken);
            if (plain) await work;
            else await LiveView.RunAsync(cluster, log, work, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Say("interrupted");
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            Say("interrupted"); // Ctrl+C: the children may have gone first
        }
        catch (Exception e) when (e is ClusterNotStableException or TimeoutException or InvalidOperationException)
        {
            failure = e.Message;
            Say($"failed: {e.Message}");
            exit = 1;
        }
        finally
        {
            cluster.Dispose();
        }

        PrintSummary(rounds, failure);
        foreach (var line in settings) Console.WriteLine(line);
        return exit;
    }

    private static async Task RunClusterAsync(LocalCluster cluster, DemoOptions options, List<FailoverRound> rounds, Action<string> say, Action<string> saySettings,
        CancellationToken cancellationToken)
    {
        await cluster.StartAsync(options.Nodes, cancellationToken);
        var settings = false;
        for (var round = 1; options.Rounds == 0 || round <= options.Rounds; round++)
        {
            await cluster.WaitStableAsync(SettleTimeout(cluster.LiveChildren.Count, cluster), cancellationToken);
            var master = cluster.Master!;
            if (!settings && cluster.SettingsText() is { } text)
            {
                settings = true;
                foreach (var line in text.Split('\n')) saySettings($"settings (read back from the nodes): {line}");
            }
            say($"stable: {cluster.LiveChildren.Count} nodes, master {master.Name} ({master.Id}) session {master.Last!.Session}; " +
                $"ranking: {Ranking(cluster)}");
            await Task.Delay(options.Interval, cancellationToken);
            master = cluster.Master ?? master;
            say($"round {round}: killing the master {master.Name} (pid {master.Process.Id}, SIGKILL)");
            var result = await cluster.FailMasterAsync(round, FailureKind.Crash, SettleTimeout(cluster.LiveChildren.Count, cluster), loadSince: null, cancellationToken);
            rounds.Add(result);
            if (!result.Finished) throw new ClusterNotStableException(ClusterDiagnosis.Explain(cluster, $"round {round}: {result.Unfinished}"));
            say(FormattableString.Invariant($"round {round}: failover {result.FailoverMs:F0} ms: every survivor follows {result.NewMaster}") +
                (result.DetectionFirstMs is { } d ? FormattableString.Invariant($" (Akka's failure detector flagged {master.Name} after {d:F0} ms)") : ""));
            if (options.Rounds == 0 || round < options.Rounds)
            {
                var replacement = cluster.Replace();
                say($"starting a replacement node {replacement.Name} ({replacement.Address})");
            }
        }
    }

    /// <summary>The live nodes best first, with the values the election compares.</summary>
    private static string Ranking(LocalCluster cluster) =>
        string.Join("; ", cluster.LiveChildren.Where(c => c.Last is not null).OrderBy(c => c.Last!, CandidateOrder.Instance)
            .Select(c => $"{c.Name} ({LiveView.RankValues(c.Last!)}, id {c.Id})"));

    private static void PrintSummary(IReadOnlyList<FailoverRound> rounds, string? failure)
    {
        var finished = rounds.Where(r => r.Finished).ToList();
        if (finished.Count == 0)
        {
            // Say why: the failure's first line is its reason (the details were printed with it).
            Console.WriteLine(failure is null ? "no failover measured" : $"no failover measured: {NodeInput.OneLine(failure)}");
            return;
        }
        foreach (var r in rounds)
            Console.WriteLine(r.Finished
                ? FormattableString.Invariant(
                    $"round {r.Round}: killed {r.Killed}, new master {r.NewMaster}, failover {r.FailoverMs:F0} ms{(r.DetectionFirstMs is { } d ? $", detected after {d:F0} ms" : "")}{(r.Messages is { } n ? $", {n} election messages" : "")}")
                : $"round {r.Round}: killed {r.Killed}, did not finish: {r.Unfinished}");
        Console.WriteLine(
            $"summary: {finished.Count} failovers, median {Stats.Median(finished.Select(r => r.FailoverMs!.Value)):F0} ms, max {finished.Max(r => r.FailoverMs!.Value):F0} ms" +
            (rounds.Count > finished.Count ? $", {rounds.Count - finished.Count} did not finish" : ""));
    }

    /// <summary>Plain output: one line whenever a node's status, master or session changes.</summary>
    private sealed class PlainView(LocalCluster cluster)
    {
        private readonly Dictionary<string, string> _shown = new();

        public void OnChanged()
        {
            lock (_shown)
            {
                foreach (var c in cluster.Children)
                {
                    if (c.Last is not { } r) continue;
                    var text = $"{r.Status} master={cluster.NameOf(r.Master)} session={r.Session.ToString(CultureInfo.InvariantCulture)} member={r.SelfStatus ?? "-"}";
                    if (_shown.TryGetValue(c.Name, out var old) && old == text) continue;
                    _shown[c.Name] = text;
                    Console.WriteLine($"{NodeHost.Stamp}   {c.Name} ({c.Id}): {text}");
                }
            }
        }
    }
}
