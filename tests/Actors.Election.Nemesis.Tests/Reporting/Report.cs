using System.Globalization;
using System.Text;
using Actors.Election.Demo.Recording;
using Actors.Election.Nemesis.Tests.Checking;
using Actors.Election.Nemesis.Tests.Processes;

namespace Actors.Election.Nemesis.Tests.Reporting;

/// <summary>
/// The run's markdown report (<c>report.md</c>, beside <c>timeline.png</c>): result, settings, every fault and how the
/// cluster came back, masterless windows, sessions, churn, violations with their evidence, the fenced store, what
/// Akka.Remote did, start-up times. Its last line is the summary line, also written alone to <c>summary.txt</c>.
/// </summary>
internal static class Report
{
    public static void Write(RunFolder folder, NemesisOptions options, RunRecord run, CheckResult result, IReadOnlyList<RemoteLogCategory> remote)
    {
        TimelineChart.Write(run, result, folder.ChartFile);
        var s = run.Settings;
        var md = new StringBuilder();
        double T(DateTime t) => (t - run.NemesisStart).TotalSeconds;
        string Sec(DateTime t) => T(t).ToString("F1", CultureInfo.InvariantCulture);
        string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);

        md.AppendLine($"# Nemesis run {Path.GetFileName(folder.Root)}");
        md.AppendLine();
        md.AppendLine($"Seed {options.Seed}, {run.ClusterSize} node processes in their own network namespaces, {options.Duration.TotalSeconds:F0} s of faults " +
                      (options.Faults is null ? "" : $"(only {string.Join(", ", options.Faults)}) ") +
                      $"(nemesis started {run.NemesisStart:yyyy-MM-dd HH:mm:ss} UTC). Times below are seconds since the nemesis started. " +
                      "Files beside this report: `journal.jsonl` (what the harness did), `nodes/nN.I.jsonl` and `.log` (each incarnation's history and log), `store.db` (the fenced store).");
        md.AppendLine();
        md.AppendLine("## Result");
        md.AppendLine();
        var recovered = result.Recoveries.Where(r => r.MasterlessAfterHeal is not null).Select(r => r.MasterlessAfterHeal!.Value).ToList();
        md.AppendLine($"- **Violations: {result.Violations.Count}**{(result.Violations.Count > 0 ? " (see Violations below)" : "")}");
        md.AppendLine($"- Faults: {result.FaultCount}; sessions with a master: {result.SessionsWithMaster}; elections (sessions opened) during the nemesis: {result.Sessions.Count(s => s.ExplainedBy != "startup")}, of which no fault explains (churn): {result.Churn.Count}");
        md.AppendLine($"- Longest masterless window: {Ms(result.LongestMasterless)} ms; no master in office after a heal: median {Ms(Median(recovered))} ms, max {Ms(recovered.DefaultIfEmpty().Max())} ms");
        md.AppendLine($"- Fenced store: {result.Store.Accepted} writes accepted, {result.Store.Refused} refused (a deposed master's late writes), {result.Store.Errors} failed (busy or I/O, not written)");
        md.AppendLine();
        md.AppendLine("![timeline](timeline.png)");
        md.AppendLine();

        md.AppendLine("## Node settings (read back from the running nodes)");
        md.AppendLine();
        md.AppendLine("| setting | value |");
        md.AppendLine("|---|---|");
        md.AppendLine($"| quorum | {s.Quorum} |");
        md.AppendLine($"| election-timeout / gather-timeout / connection-delay / heartbeat-interval | {s.ElectionTimeoutMs} / {s.GatherTimeoutMs} / {s.ConnectionDelayMs} / {s.ElectionHeartbeatMs} ms |");
        md.AppendLine($"| failure detector heartbeat / acceptable pause | {s.DetectorHeartbeatMs} / {s.DetectorPauseMs} ms |");
        md.AppendLine($"| gossip interval | {s.GossipIntervalMs} ms |");
        md.AppendLine($"| split brain resolver | {s.DowningStrategy}, stable-after {s.DowningStableAfterMs} ms |");
        md.AppendLine($"| start-up budget (recovery bound) | {RecoveryBound.StartupBudget.TotalMilliseconds:F0} ms |");
        md.AppendLine();

        md.AppendLine("## Faults and recovery");
        md.AppendLine();
        md.AppendLine("\"Elections\": sessions opened while the fault was in force or within its bound after the heal (and not under a later fault). \"Masterless after heal\": from the heal until a master is in office (a node that is master by its own history and that a majority of the nodes follow); 0 when one already was. The bound is docs/nemesis.md's.");
        md.AppendLine();
        md.AppendLine("| # | fault | what | start | lasted | elections | masterless after heal | bound | within |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in result.Recoveries)
        {
            var heal = run.Journal.FirstOrDefault(e => e.Kind == JournalKinds.FaultHeal && e.FaultId == r.Fault.Id)?.Detail ?? r.Fault.Detail;
            var after = r.MasterlessAfterHeal is { } t ? $"{Ms(t)} ms" : $"> {Ms(r.Observed)} ms";
            var elections = result.Sessions.Count(x => x.ExplainedBy == $"#{r.Fault.Id}");
            md.AppendLine($"| {r.Fault.Id} | {r.Fault.Kind} | {Escape(heal)} | {Sec(r.Fault.Start)} | {r.Fault.Duration.TotalSeconds:F1} s | {elections} | {after} | {Ms(r.Bound.Total)} ms | {(r.ExceedsBound ? "**no**" : r.WithinBound ? "yes" : "n/a")} |");
        }
        md.AppendLine();
        md.AppendLine("| fault kind | faults | masterless after heal: median | max | bound (largest) |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var kind in result.Recoveries.GroupBy(r => r.Fault.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var times = kind.Where(r => r.MasterlessAfterHeal is not null).Select(r => r.MasterlessAfterHeal!.Value).ToList();
            md.AppendLine($"| {kind.Key} | {kind.Count()} | {Ms(Median(times))} ms | {Ms(times.DefaultIfEmpty().Max())} ms | {Ms(kind.Max(r => r.Bound.Total))} ms |");
        }
        md.AppendLine();

        md.AppendLine("## Masterless windows (longest first, at most 25)");
        md.AppendLine();
        md.AppendLine("| start | length | during |");
        md.AppendLine("|---|---|---|");
        foreach (var w in result.MasterlessWindows.OrderByDescending(w => w.Duration).Take(25))
        {
            var during = run.Faults.Where(f => f.Start < w.End && f.Heal > w.Start).Select(f => $"#{f.Id} {f.Kind}").ToList();
            md.AppendLine($"| {Sec(w.Start)} | {Ms(w.Duration)} ms | {(during.Count > 0 ? string.Join(", ", during) : "after a heal / no fault")} |");
        }
        md.AppendLine();

        md.AppendLine("## Sessions");
        md.AppendLine();
        md.AppendLine("| s# | session | master(s) | opened | master from | explained by |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var x in result.Sessions.Take(300))
            md.AppendLine($"| s{x.Ordinal} | {x.Session} | {(x.Masters.Count == 0 ? "none" : string.Join(", ", x.Masters))} | {Sec(x.Opened)} | {(x.Elected is { } e ? Sec(e) : "-")} | {x.ExplainedBy ?? "**nothing (churn)**"} |");
        if (result.Sessions.Count > 300) md.AppendLine($"| … | {result.Sessions.Count - 300} more | | | | |");
        md.AppendLine();

        md.AppendLine("## Churn: elections no fault explains");
        md.AppendLine();
        if (result.Churn.Count == 0) md.AppendLine("None: every election opened during a fault or within its recovery bound after the heal.");
        foreach (var c in result.Churn)
            md.AppendLine($"- s{c.Ordinal} (session {c.Session}) opened at {Sec(c.Opened)} s, master {(c.Masters.Count == 0 ? "none" : string.Join(", ", c.Masters))}");
        md.AppendLine();

        md.AppendLine("## Violations");
        md.AppendLine();
        if (result.Violations.Count == 0) md.AppendLine("None.");
        foreach (var v in result.Violations)
        {
            md.AppendLine($"### {v.Kind}: {Escape(v.Summary)}");
            md.AppendLine();
            md.AppendLine("```");
            foreach (var line in v.Evidence) md.AppendLine(line);
            md.AppendLine("```");
            md.AppendLine();
        }

        md.AppendLine("## Fenced store");
        md.AppendLine();
        md.AppendLine($"{result.Store.Accepted} accepted, {result.Store.Refused} refused, {result.Store.Errors} failed. Refused writes (at most 20):");
        md.AppendLine();
        foreach (var w in result.Store.RefusedWrites.Take(20))
            md.AppendLine($"- row {w.Seq} at {Sec(w.At)} s: {w.Node} wrote with {w.Token}, the store held {w.Held}");
        md.AppendLine();

        md.AppendLine("## Akka.Remote and Akka.Cluster under the faults (node logs)");
        md.AppendLine();
        md.AppendLine("| what | lines | incarnations | when (fault in force, or healed < 10 s before) |");
        md.AppendLine("|---|---|---|---|");
        foreach (var c in remote)
            md.AppendLine($"| {c.Category} | {c.Count} | {c.Nodes.Count} | {string.Join(", ", c.DuringFaults.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"))} |");
        md.AppendLine();
        foreach (var c in remote.Where(c => c.Samples.Count > 0))
        {
            md.AppendLine($"{c.Category}:");
            md.AppendLine("```");
            foreach (var line in c.Samples) md.AppendLine(line);
            md.AppendLine("```");
        }
        md.AppendLine();

        md.AppendLine("## Start-up times");
        md.AppendLine();
        var startups = run.Incarnations
            .Select(i => (i.Name, First: i.Records.FirstOrDefault(r => r.Kind == HistoryKinds.State && r.Master is not null)?.At - i.Start))
            .ToList();
        var measured = startups.Where(x => x.First is not null).Select(x => x.First!.Value).ToList();
        md.AppendLine($"From process start to knowing a master: median {Ms(Median(measured))} ms, max {Ms(measured.DefaultIfEmpty().Max())} ms over {measured.Count} incarnations " +
                      $"({startups.Count - measured.Count} never knew one); the recovery bound allows {RecoveryBound.StartupBudget.TotalMilliseconds:F0} ms.");
        md.AppendLine();
        md.AppendLine(result.SummaryLine);

        File.WriteAllText(folder.ReportFile, md.ToString());
        File.WriteAllText(folder.SummaryFile, result.SummaryLine + "\n");
    }

    private static TimeSpan Median(IReadOnlyList<TimeSpan> values)
    {
        if (values.Count == 0) return TimeSpan.Zero;
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
