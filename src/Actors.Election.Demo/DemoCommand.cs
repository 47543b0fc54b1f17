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
}

/// <summary><c>demo</c>: a local cluster of node processes, its master crashed every few seconds.</summary>
internal static class DemoCommand
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(90);

    public static bool UsePlainOutput(bool forced) =>
        forced || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task<int> RunAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        var plain = UsePlainOutput(options.Plain);
        using var cluster = new LocalCluster(ClusterKind.Election);
        var rounds = new List<FailoverRound>();
        var log = new List<string>();
        void Say(string line)
        {
            var stamped = $"{NodeHost.Stamp} {line}";
            lock (log) log.Add(stamped);
            if (plain) Console.WriteLine(stamped);
        }

        var plainView = plain ? new PlainView(cluster) : null;
        if (plainView is not null) cluster.Changed += plainView.OnChanged;
        var exit = 0;
        try
        {
            Say($"starting {options.Nodes} node processes on 127.0.0.1 ({(options.Rounds == 0 ? "until Ctrl+C" : $"{options.Rounds} rounds")})");
            cluster.Start(options.Nodes);
            var work = RoundsAsync(cluster, options, rounds, Say, cancellationToken);
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
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            Say($"failed: {e.Message}");
            exit = 1;
        }
        finally
        {
            cluster.Dispose();
        }

        PrintSummary(rounds);
        return exit;
    }

    private static async Task RoundsAsync(LocalCluster cluster, DemoOptions options, List<FailoverRound> rounds, Action<string> say, CancellationToken cancellationToken)
    {
        for (var round = 1; options.Rounds == 0 || round <= options.Rounds; round++)
        {
            await cluster.WaitStableAsync(SettleTimeout, cancellationToken);
            var master = cluster.Master!;
            say($"stable: {cluster.LiveChildren.Count} nodes, master {master.Name} ({master.Address}) session {master.Last!.Session}");
            await Task.Delay(options.Interval, cancellationToken);
            master = cluster.Master ?? master;
            say($"round {round}: killing the master {master.Name} (pid {master.Process.Id}, SIGKILL)");
            var result = await cluster.KillMasterAsync(round, SettleTimeout, cancellationToken);
            rounds.Add(result);
            say($"round {round}: failover {result.FailoverMs.ToString("F0", CultureInfo.InvariantCulture)} ms: every survivor follows {result.NewMaster}" +
                (result.ElectionMs is { } e ? $" (election after detection: {e.ToString("F0", CultureInfo.InvariantCulture)} ms)" : ""));
            if (options.Rounds == 0 || round < options.Rounds)
            {
                var replacement = cluster.Replace();
                say($"starting a replacement node {replacement.Name} ({replacement.Address})");
            }
        }
    }

    private static void PrintSummary(IReadOnlyList<FailoverRound> rounds)
    {
        if (rounds.Count == 0)
        {
            Console.WriteLine("no failover measured");
            return;
        }
        foreach (var r in rounds)
            Console.WriteLine(FormattableString.Invariant(
                $"round {r.Round}: killed {r.Killed}, new master {r.NewMaster}, failover {r.FailoverMs:F0} ms{(r.ElectionMs is { } e ? $", election {e:F0} ms" : "")}{(r.Messages is { } n ? $", {n} election messages" : "")}"));
        var electionMs = rounds.Where(r => r.ElectionMs is not null).Select(r => r.ElectionMs!.Value).ToList();
        var election = electionMs.Count > 0 ? FormattableString.Invariant($", election after detection median {Stats.Median(electionMs):F0} ms") : "";
        Console.WriteLine(FormattableString.Invariant(
            $"summary: {rounds.Count} failovers, median {Stats.Median(rounds.Select(r => r.FailoverMs)):F0} ms, max {rounds.Max(r => r.FailoverMs):F0} ms{election}"));
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
                    var text = $"{r.Status} master={cluster.NameOf(r.Master)} session={r.Session}";
                    if (_shown.TryGetValue(c.Name, out var old) && old == text) continue;
                    _shown[c.Name] = text;
                    Console.WriteLine($"{NodeHost.Stamp}   {c.Name} ({c.Address}): {text}");
                }
            }
        }
    }
}
