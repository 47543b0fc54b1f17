using System.Diagnostics;
using Actors.Election.Demo.Recording;
using Actors.Election.Nemesis.Tests.Checking;
using Actors.Election.Nemesis.Tests.Nemesis;
using Actors.Election.Nemesis.Tests.Network;
using Actors.Election.Nemesis.Tests.Processes;
using Actors.Election.Nemesis.Tests.Reporting;

namespace Actors.Election.Nemesis.Tests;

/// <summary>How to run the nemesis.</summary>
/// <param name="Seed">Seeds the schedule, the targets and the packet shaper.</param>
/// <param name="Duration">How long faults keep being started (the last one still heals and recovers after it).</param>
/// <param name="Nodes">Node processes (5: the smallest cluster with a 2 | 1 | 2 bridge).</param>
/// <param name="Faults">Only these kinds of fault (null: all of them), for a run aimed at one kind.</param>
internal sealed record NemesisOptions(int Seed, TimeSpan Duration, int Nodes = 5, IReadOnlyCollection<FaultKind>? Faults = null);

/// <summary>What a run produced.</summary>
internal sealed record NemesisOutcome(RunFolder Folder, RunRecord Record, CheckResult Result);

/// <summary>
/// One whole run: sweeps leftovers, builds the testbed, starts the node processes, waits for a master, runs the
/// nemesis for the duration (fault, heal, wait for the cluster to settle or the recovery bound to pass, a quiet
/// pause), stops everything, checks the histories and the store, and writes the report. Whatever happens, every
/// process, namespace and rule it created is removed before it returns.
/// </summary>
internal static class NemesisRun
{
    /// <summary>How long the cluster may take to form and elect its first master (cold starts on 2 cores).</summary>
    private static readonly TimeSpan FormationTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How long the end of the run waits for the cluster to settle: above the recovery bounds of the faults. (With the
    /// formation timeout, the CI run stays well inside build.ps1's 5 minute hang timeout even when the cluster wedges.)
    /// </summary>
    private static readonly TimeSpan FinalSettleTimeout = TimeSpan.FromSeconds(40);

    public static async Task<NemesisOutcome> RunAsync(NemesisOptions options, Action<string> log)
    {
        Prerequisites.Check();
        foreach (var swept in LeftoverSweeper.Sweep()) log($"swept leftover namespace {swept}");
        var folder = RunFolder.Create(options.Seed);
        var output = log;
        log = line =>
        {
            output(line);
            File.AppendAllText(folder.ProgressFile, $"{DateTime.UtcNow:HH:mm:ss} {line}\n"); // to follow a long run: tail -f
        };
        log($"nemesis run, seed {options.Seed}, {options.Duration.TotalSeconds:F0} s of faults ({(options.Faults is null ? "all kinds" : string.Join(", ", options.Faults))}), " +
            $"{options.Nodes} nodes; files in {folder.Root}");
        // Two generators: the schedule (kinds, durations, quiet pauses) depends on the seed alone; targets and netem
        // parameters also depend on who is master when a fault starts, so they draw from their own stream.
        var schedule = new Random(options.Seed);
        var targets = new Random(unchecked(options.Seed * 7919 + 1));
        var names = HarnessNames.ForThisRun();

        Testbed? testbed = null;
        PacketShaper? shaper = null;
        NodeCluster? cluster = null;
        using var journal = new RunJournal(folder.JournalFile);
        void CleanUp()
        {
            cluster?.Dispose();
            shaper?.Dispose();
            testbed?.Dispose();
        }
        using (EmergencyCleanup.Register(CleanUp))
        {
            try
            {
                testbed = Testbed.Create(names, options.Nodes);
                var links = new LinkFaults(testbed);
                shaper = new PacketShaper(testbed.BridgeNamespace, 0, options.Seed);
                FencedStore.Open(folder.StoreFile).Dispose(); // the schema exists before the nodes race to create it
                cluster = new NodeCluster(testbed, folder, journal);
                var live = new LiveView(cluster);
                var injector = new FaultInjector(cluster, links, shaper, live, journal, targets);
                var planner = new FaultPlanner(schedule, options.Faults);

                cluster.StartAll();
                // A node whose process dies while starting gets a new incarnation, as after a fault (journalled): on a
                // starved machine Akka itself can fail its start-up (its event stream's lock timing out).
                if (!await WaitUntilAsync(live.Converged, FormationTimeout, () => injector.RestartExited()))
                    throw new InvalidOperationException($"the cluster did not form with one master within {FormationTimeout.TotalSeconds} s: {live.Describe()}; logs in {folder.NodesDirectory}");
                var settings = live.Settings ?? throw new InvalidOperationException("no node recorded its settings");
                journal.Add(new JournalEntry { At = DateTime.UtcNow, Kind = JournalKinds.NemesisStart });
                log($"cluster formed: {live.Describe()}");

                var clock = Stopwatch.StartNew();
                var wedged = false;
                while (clock.Elapsed < options.Duration)
                {
                    var plan = planner.Next();
                    var fault = injector.Start(plan);
                    log($"{clock.Elapsed.TotalSeconds,6:F1} s  fault #{plan.Id} {plan.Kind} for {plan.Duration.TotalSeconds:F1} s: {fault.Detail}");
                    await Task.Delay(plan.Duration);
                    injector.Heal(fault);
                    var bound = RecoveryBound.For(fault.ToSpan(), settings); // the checker's bound for this fault
                    var settled = await WaitUntilAsync(live.Converged, bound.Total, () => injector.RestartExited());
                    log($"{clock.Elapsed.TotalSeconds,6:F1} s  healed #{plan.Id}{(fault.Shaping is { } s ? $" (shaper: {s})" : "")}; " +
                        (settled ? "settled" : $"NOT settled within the bound {bound.Total.TotalSeconds:F1} s") + $": {live.Describe()}");
                    if (!settled && live.MasterInOffice() is null)
                    {
                        // No master in office a whole bound after the heal: the checker will report it, and the cluster
                        // is wedged (further faults would only pile on). The run ends here.
                        wedged = true;
                        log($"{clock.Elapsed.TotalSeconds,6:F1} s  no master in office a whole recovery bound after the heal: the nemesis stops");
                        break;
                    }
                    var quiet = TimeSpan.FromSeconds(1.5 + 1.5 * schedule.NextDouble());
                    await WaitUntilAsync(() => false, quiet, () => injector.RestartExited());
                }
                if (!wedged && !await WaitUntilAsync(live.Converged, FinalSettleTimeout, () => injector.RestartExited()))
                    log($"the cluster did not settle at the end: {live.Describe()}");
                journal.Add(new JournalEntry { At = DateTime.UtcNow, Kind = JournalKinds.RunEnd });
                log($"{clock.Elapsed.TotalSeconds,6:F1} s  run over: {live.Describe()}");
                if (shaper.Failure is { } failure) throw new InvalidOperationException("the packet shaper failed during the run", failure);
            }
            finally
            {
                CleanUp();
            }
        }

        var record = RunRecord.Load(folder, options.Nodes, journal.Entries);
        var result = Checker.Check(record);
        var remote = RemoteLog.Summarize(folder, record);
        Report.Write(folder, options, record, result, remote);
        log(result.SummaryLine);
        return new NemesisOutcome(folder, record, result);
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms (calling <paramref name="meanwhile"/>) until true or <paramref name="timeout"/>.</summary>
    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Action meanwhile)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (condition()) return true;
            if (clock.Elapsed >= timeout) return false;
            meanwhile();
            await Task.Delay(100);
        }
    }
}
