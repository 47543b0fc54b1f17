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
            var r = Simulator.Run(sim, seed, mode);
            bulk.Scenarios++;
            bulk.Actions += r.ActionsApplied;
            bulk.MessageFaults += r.MessageFaults;
            bulk.Faults += r.ActionsApplied + r.MessageFaults;
            bulk.Messages += r.Messages;
            bulk.Steps += r.Steps;
            if (r.ConvergedAfter is { } c && c > bulk.LongestConvergence)
            {
                bulk.LongestConvergence = c;
                bulk.LongestConvergenceSeed = seed;
            }
            if (!r.Failed) continue;
            if (r.Violations.All(v => v.Defect is not null))
            {
                foreach (var defect in r.Violations.Select(v => v.Defect!).Distinct())
                {
                    if (!bulk.Known.TryGetValue(defect, out var seeds)) bulk.Known[defect] = seeds = new();
                    seeds.Add(seed);
                }
            }
            else bulk.Failures.Add(r);
        }
        bulk.Elapsed = sw.Elapsed;
        return bulk;
    }

    public string Summary(QuorumMode mode)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"quorum {mode.ToString().ToLowerInvariant()}: {Scenarios} scenarios in {Elapsed.TotalSeconds:0.0}s " +
                      $"({Scenarios / Math.Max(Elapsed.TotalMinutes, 1e-9):0} per minute), {Steps} steps, {Messages} messages, " +
                      $"longest convergence after healing {LongestConvergence.TotalMilliseconds:0}ms (seed {LongestConvergenceSeed})");
        foreach (var (defect, seeds) in Known)
            sb.AppendLine($"known defect {defect}: {seeds.Count} scenarios, seeds {string.Join(", ", seeds.Take(20))}{(seeds.Count > 20 ? ", ..." : "")}");
        foreach (var f in Failures.Take(20))
            sb.AppendLine($"NEW VIOLATION seed {f.Scenario.Seed}: {f.Violations.First(v => v.Defect is null)}");
        sb.Append($"Simulation summary (quorum {mode.ToString().ToLowerInvariant()}): scenarios run: {Scenarios}, faults injected: {Faults} " +
                  $"({Actions} scheduled, {MessageFaults} message faults), violations found: {Violations} " +
                  $"({Failures.Count} new, {Violations - Failures.Count} from known library defects)");
        return sb.ToString();
    }
}
