using System.Collections.Immutable;
using System.Diagnostics;
using Actors.Election.Explorer.Model;

namespace Actors.Election.Explorer.Search;

/// <summary>
/// Searches the schedules of the pure core for a broken invariant. Each schedule draws its own scenario (swarm
/// testing: cluster size, which faults and how many, clock skew, depth) and walks it with random choices weighted towards
/// progress. A schedule that reaches a world of a shape not seen before (<see cref="Fingerprint.ShapeOf"/>) adds that
/// world to a corpus, and later schedules may continue from a corpus world instead of the start, with a fresh budget of
/// faults: the search goes deep where it found something new, as coverage-guided fuzzers do. Every world visited is
/// fingerprinted, which counts distinct states. Seeded: the same options always search the same schedules.
/// </summary>
internal sealed class Explorer(ExplorerOptions options)
{
    public ExplorerResult Run()
    {
        var clock = Stopwatch.StartNew();
        var distinct = new HashSet<ulong>();
        var shapes = new HashSet<ulong>();
        var corpus = new List<(World World, ImmutableList<Choice> Trace)>();
        var dangerous = new List<(World World, ImmutableList<Choice> Trace, int Danger)>();
        var decisions = new HashSet<int>();
        var novel = new List<(World World, ImmutableList<Choice> Trace)>();
        long steps = 0;
        var schedules = 0;
        for (; schedules < options.Schedules; schedules++)
        {
            var random = new Random(unchecked(options.Seed * 1_000_003 + schedules));
            var fresh = options.Scenarios(random);
            fresh = fresh with { Policies = PolicyCoverage.Instrument(fresh.Policies) };
            World world;
            ImmutableList<Choice> trace;
            var start = random.NextDouble();
            if (dangerous.Count > 0 && start < options.ContinueFromDanger)
            {
                // The most dangerous worlds first: a quarter of the time the very top ones, else any kept.
                var pick = random.NextDouble() < 0.25 ? random.Next(Math.Min(8, dangerous.Count)) : random.Next(dangerous.Count);
                var (saved, savedTrace, _) = dangerous[pick];
                world = saved.Clone().Continue(fresh);
                trace = savedTrace;
            }
            else if (novel.Count > 0 && start < options.ContinueFromDanger + options.ContinueFromNovel)
            {
                // The worlds where a rule decided in a new way, the newest ones most often.
                var pick = random.NextDouble() < 0.5 ? novel.Count - 1 - random.Next(Math.Min(16, novel.Count)) : random.Next(novel.Count);
                var (saved, savedTrace) = novel[pick];
                world = saved.Clone().Continue(fresh);
                trace = savedTrace;
            }
            else if (corpus.Count > 0 && start < options.ContinueFromDanger + options.ContinueFromNovel + options.ContinueFromCorpus)
            {
                var (saved, savedTrace) = corpus[random.Next(corpus.Count)];
                world = saved.Clone().Continue(fresh);
                trace = savedTrace;
            }
            else
            {
                world = World.Initial(fresh);
                trace = ImmutableList<Choice>.Empty;
            }
            for (var depth = 0; depth < world.Scenario.Depth; depth++)
            {
                var choices = world.Choices();
                if (choices.Count == 0) break;
                var choice = Pick(choices, random);
                PolicyCoverage.Begin();
                world.Apply(choice);
                trace = trace.Add(choice);
                steps++;
                if (world.Violation is { } violation)
                {
                    var found = new Counterexample(world.Scenario, trace, violation);
                    return new ExplorerResult(schedules + 1, steps, distinct.Count, options.Minimize ? found.Minimize() : found, clock.Elapsed);
                }
                var newDecision = false;
                foreach (var hit in PolicyCoverage.Hits) newDecision |= decisions.Add(hit);
                if (newDecision && novel.Count < options.CorpusLimit) novel.Add((world.Clone(), trace));
                if (!distinct.Add(Fingerprint.Of(world))) continue;
                if (shapes.Add(Fingerprint.ShapeOf(world)) && corpus.Count < options.CorpusLimit)
                    corpus.Add((world.Clone(), trace));
                if (world.Danger() is > 0 and var danger && (dangerous.Count < options.DangerLimit || danger >= dangerous[^1].Danger))
                {
                    var at = dangerous.FindIndex(d => d.Danger < danger);
                    dangerous.Insert(at < 0 ? dangerous.Count : at, (world.Clone(), trace, danger));
                    if (dangerous.Count > options.DangerLimit) dangerous.RemoveAt(dangerous.Count - 1);
                }
            }
        }
        return new ExplorerResult(schedules, steps, distinct.Count, null, clock.Elapsed);
    }

    private static Choice Pick(List<(Choice Choice, double Weight)> choices, Random random)
    {
        var total = 0.0;
        foreach (var (_, weight) in choices) total += weight;
        var target = random.NextDouble() * total;
        foreach (var (choice, weight) in choices)
        {
            target -= weight;
            if (target <= 0) return choice;
        }
        return choices[^1].Choice;
    }
}

/// <summary>What to search.</summary>
/// <param name="Schedules">How many schedules to run (at most: the search stops at the first violation).</param>
/// <param name="Seed">Seeds every schedule.</param>
/// <param name="Scenarios">Draws a schedule's scenario.</param>
internal sealed record ExplorerOptions(int Schedules, int Seed, Func<Random, Scenario> Scenarios)
{
    /// <summary>How likely a schedule continues from one of the most dangerous worlds found (<see cref="World.Danger"/>).</summary>
    public double ContinueFromDanger { get; init; } = 0.3;

    /// <summary>How likely a schedule continues from a world where a rule decided in a new way (<see cref="PolicyCoverage"/>).</summary>
    public double ContinueFromNovel { get; init; } = 0.2;

    /// <summary>How likely a schedule continues from a corpus world of a new shape (else it starts afresh).</summary>
    public double ContinueFromCorpus { get; init; } = 0.3;

    /// <summary>The most dangerous worlds kept.</summary>
    public int DangerLimit { get; init; } = 200;

    /// <summary>The most corpus worlds kept.</summary>
    public int CorpusLimit { get; init; } = 5000;

    /// <summary>Whether a counterexample found is shrunk before it is returned.</summary>
    public bool Minimize { get; init; } = true;
}

/// <summary>What a search did and found.</summary>
internal sealed record ExplorerResult(int Schedules, long Steps, int DistinctStates, Counterexample? Found, TimeSpan Elapsed);
