using Actors.Election.Core;
using Actors.Election.Explorer.Search;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Explorer;

/// <summary>
/// The explorer against the real core (no invariant may break) and against each mutant (two masters of one session
/// must be found, from scratch, with no hint of the scenario: the same search, only the rule swapped). The run ends with
/// the summary line. Seeded and counted, not timed: the same schedules every run. EXPLORER_SCHEDULES,
/// EXPLORER_MUTANT_SCHEDULES and EXPLORER_SEED change the search (build.ps1 explore runs a longer one); EXPLORER_MUTANT
/// runs only the mutants whose name holds it.
/// </summary>
public sealed class ExplorerTests(ITestOutputHelper output)
{
    /// <summary>The invariants that a broken rule must be caught by: the ones the fencing token rests on.</summary>
    private static readonly string[] TokenInvariants = ["at most one master per session", "a node is elected at most once per session"];

    private static int Env(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) ? v : fallback;

    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    [Fact]
    public void The_real_core_breaks_no_invariant_and_every_mutant_is_caught()
    {
        var schedules = Env("EXPLORER_SCHEDULES", 20_000);
        var seed = Env("EXPLORER_SEED", 1);
        var real = new Search.Explorer(new ExplorerOptions(schedules, seed, r => Swarm.Draw(r, Policies.Default))).Run();
        Report($"Real core: {real.Schedules} schedules, {real.Steps} steps, {real.DistinctStates} distinct states in {real.Elapsed.TotalSeconds:0.0} s");
        if (real.Found is { } found) Report(found.Describe());

        var caught = 0;
        var only = Environment.GetEnvironmentVariable("EXPLORER_MUTANT");
        foreach (var (name, policies) in Mutants.All)
        {
            if (only is not null && !name.Contains(only, StringComparison.OrdinalIgnoreCase)) continue;
            var options = new ExplorerOptions(Env("EXPLORER_MUTANT_SCHEDULES", 20_000), seed, r => Swarm.Draw(r, policies) with { CheckVotes = false });
            var result = new Search.Explorer(options).Run();
            if (result.Found is { } counterexample)
            {
                caught++;
                Report($"Mutant '{name}': caught after {result.Schedules} schedules ({result.Steps} steps, {result.Elapsed.TotalSeconds:0.0} s)");
                Report(counterexample.Describe());
                // Either way the fencing token breaks: two masters hold one session, or one master holds a session twice
                // (two leaderships that a store cannot tell apart).
                Assert.Contains(counterexample.Violation.Invariant, TokenInvariants);
                // The broken rule is the cause: the real rules keep every invariant on the very same schedule.
                var realRules = counterexample.Scenario with { Policies = Policies.Default, CheckVotes = true };
                var broken = Counterexample.Replay(realRules, counterexample.Steps).Violation;
                Report($"  the real rules on the same schedule: {(broken is null ? "no violation" : $"VIOLATION {broken.Invariant}: {broken.Detail}")}");
                if (broken is not null) Report(new Counterexample(realRules, counterexample.Steps, broken).Minimize().Describe(withLogs: true));
                Assert.Null(broken);
            }
            else
            {
                Report($"Mutant '{name}': NOT caught in {result.Schedules} schedules ({result.Elapsed.TotalSeconds:0.0} s)");
            }
        }
        var violations = real.Found is null ? 0 : 1;
        Report($"Explorer summary: {real.Schedules} schedules, {real.DistinctStates} distinct states, {violations} violations; mutants caught: {caught}/{Mutants.All.Count}");
        Assert.Null(real.Found);
        if (only is null) Assert.Equal(Mutants.All.Count, caught);
    }
}
