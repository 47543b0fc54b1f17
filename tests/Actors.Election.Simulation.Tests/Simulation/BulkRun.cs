using System.Diagnostics;
using System.Text;

namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>Runs many consecutive seeds of one quorum mode and sums them up.</summary>
internal sealed class BulkRun
{
    public int Scenarios { get; private set; }
    public long Faults { get; private set; }
    public long Actions { get; private set; }
    public long MessageFaults { get; private set; }
    public long Messages { get; private set; }
    public long Steps { get; private set; }
    public TimeSpan LongestConvergence { get; private set; }
    public int LongestConvergenceSeed { get; private set; }
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Scenarios whose run went through more than one cluster history (a whole-cluster restart happened).</summary>
    public int Restarted { get; private set; }

    /// <summary>How many actions of each kind took effect over all scenarios.</summary>
    public SortedDictionary<FaultKind, long> Kinds { get; } = new();

    /// <summary>Probe outcomes by kind.</summary>
    public SortedDictionary<(ProbeKind, ProbeOutcome), int> Probes { get; } = new();

    /// <summary>Long pauses: time from the pause's start until the others followed a new master.</summary>
    public List<TimeSpan> Failovers { get; } = new();

    /// <summary>Long pauses: the failover relative to the scenario's failure-timeout (failover / failure-timeout).</summary>
    public List<double> FailoverRatios { get; } = new();

    /// <summary>Failing runs whose every violation is a known defect's symptom, by defect.</summary>
    public SortedDictionary<string, List<int>> Known { get; } = new();

    /// <summary>Failing runs with a violation no known defect explains.</summary>
    public List<RunResult> Failures { get; } = new();

    public int Violations => Failures.Count + Known.Values.Sum(l => l.Count);

    public static BulkRun Execute(SimSystem sim, QuorumMode mode, int firstSeed, int count, TimeSpan? budget = null)
    {
        var bulk = new BulkRun();
        var sw = Stopwatch.StartNew();
        for (var seed = firstSeed; seed < firstSeed + count; seed++)
        {
            if (budget is { } b && sw.Elapsed > b) break;
            bulk.Add(Simulator.Run(sim, seed, mode));
        }
        bulk.Elapsed = sw.Elapsed;
        return bulk;
    }

    private void Add(RunResult r)
    {
        Scenarios++;
        Actions += r.ActionsApplied;
        MessageFaults += r.MessageFaults;
        Faults += r.ActionsApplied + r.MessageFaults;
        Messages += r.Messages;
        Steps += r.Steps;
        if (r.Histories > 1) Restarted++;
        foreach (var (kind, n) in r.AppliedKinds) Kinds[kind] = Kinds.GetValueOrDefault(kind) + n;
        if (r.Probe is { } p)
        {
            Probes[(p.Probe.Kind, p.Outcome)] = Probes.GetValueOrDefault((p.Probe.Kind, p.Outcome)) + 1;
            if (p is { Outcome: ProbeOutcome.FailedOver, FailoverAfter: { } f })
            {
                Failovers.Add(f);
                FailoverRatios.Add(f / r.Scenario.Settings.FailureTimeout);
            }
        }
        if (r.ConvergedAfter is { } c && c > LongestConvergence)
        {
            LongestConvergence = c;
            LongestConvergenceSeed = r.Scenario.Seed;
        }
        if (!r.Failed) return;
        if (r.Violations.All(v => v.Defect is not null))
        {
            foreach (var defect in r.Violations.Select(v => v.Defect!).Distinct())
            {
                if (!Known.TryGetValue(defect, out var seeds)) Known[defect] = seeds = new();
                seeds.Add(r.Scenario.Seed);
            }
        }
        else Failures.Add(r);
    }

    public string Summary(QuorumMode mode)
    {
        var sb = new StringBuilder();
        var name = mode.ToString().ToLowerInvariant();
        sb.AppendLine($"quorum {name}: {Scenarios} scenarios in {Elapsed.TotalSeconds:0.0}s " +
                      $"({Scenarios / Math.Max(Elapsed.TotalMinutes, 1e-9):0} per minute), {Steps} steps, {Messages} messages, " +
                      $"longest convergence after healing {LongestConvergence.TotalMilliseconds:0}ms (seed {LongestConvergenceSeed})");
        sb.AppendLine($"actions that took effect: {string.Join(", ", Kinds.Select(k => $"{k.Key} {k.Value}"))}; " +
                      $"{Restarted} scenarios restarted the whole cluster (a new cluster history)");
        if (Probes.Count > 0)
        {
            sb.AppendLine($"probes: {string.Join(", ", Probes.Select(p => $"{p.Key.Item1}/{p.Key.Item2} {p.Value}"))}");
            if (Failovers.Count > 0)
            {
                var sorted = Failovers.Order().ToList();
                var ratios = FailoverRatios.Order().ToList();
                sb.AppendLine($"failover after a long pause of the master: median {sorted[sorted.Count / 2].TotalMilliseconds:0}ms, " +
                              $"max {sorted[^1].TotalMilliseconds:0}ms; in failure-timeouts: median {ratios[ratios.Count / 2]:0.00}, max {ratios[^1]:0.00} ({sorted.Count} pauses)");
            }
        }
        foreach (var (defect, seeds) in Known)
            sb.AppendLine($"known defect {defect}: {seeds.Count} scenarios, seeds {string.Join(", ", seeds.Take(20))}{(seeds.Count > 20 ? ", ..." : "")}");
        foreach (var f in Failures.Take(20))
            sb.AppendLine($"NEW VIOLATION seed {f.Scenario.Seed}: {f.Violations.First(v => v.Defect is null)}");
        sb.Append($"Simulation summary (quorum {name}): scenarios run: {Scenarios}, faults injected: {Faults} " +
                  $"({Actions} scheduled, {MessageFaults} message faults), violations found: {Violations} " +
                  $"({Failures.Count} new, {Violations - Failures.Count} from known library defects)");
        return sb.ToString();
    }
}
