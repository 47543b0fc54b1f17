using System.Collections.Immutable;
using System.Text;
using Actors.Election.Explorer.Model;

namespace Actors.Election.Explorer.Search;

/// <summary>A schedule that breaks an invariant: the scenario it ran in, its steps from the start, and what broke.</summary>
internal sealed record Counterexample(Scenario Scenario, ImmutableList<Choice> Steps, Violation Violation)
{
    /// <summary>Replays <paramref name="steps"/> from the start of <paramref name="scenario"/>; steps no longer possible are skipped.</summary>
    public static World Replay(Scenario scenario, IEnumerable<Choice> steps, Action<int, World, Choice>? before = null, Action<string>? log = null)
    {
        var w = World.Initial(scenario);
        w.Log = log;
        var i = 0;
        foreach (var step in steps)
        {
            before?.Invoke(++i, w, step);
            w.Apply(step);
            if (w.Violation is not null) break;
        }
        return w;
    }

    /// <summary>
    /// The shortest schedule this one shrinks to that still breaks the same invariant (delta debugging: drop ever
    /// smaller chunks of steps while the violation stays).
    /// </summary>
    public Counterexample Minimize()
    {
        var steps = Steps;
        var chunk = Math.Max(1, steps.Count / 2);
        while (chunk >= 1)
        {
            var shrunk = false;
            for (var start = 0; start < steps.Count;)
            {
                var candidate = steps.RemoveRange(start, Math.Min(chunk, steps.Count - start));
                if (Replay(Scenario, candidate).Violation is { } v && v.Invariant == Violation.Invariant)
                {
                    steps = candidate;
                    shrunk = true;
                }
                else
                {
                    start += chunk;
                }
            }
            if (!shrunk) chunk /= 2;
        }
        var final = Replay(Scenario, steps);
        return this with { Steps = steps, Violation = final.Violation ?? Violation };
    }

    /// <summary>The counterexample as a numbered list of steps, ending with what broke.</summary>
    public string Describe(bool withLogs = false)
    {
        var text = new StringBuilder();
        text.AppendLine($"Counterexample: {Violation.Invariant}");
        text.AppendLine($"  {Scenario.Nodes} nodes ({Scenario.Initial} at the start{(Scenario.Prelude ? ", told the same membership" : "")}), " +
                        $"clock offsets [{string.Join(", ", Enumerable.Range(0, Scenario.Nodes).Select(i => Scenario.ClockOffset(i).TotalMilliseconds + "ms"))}]");
        var world = Replay(Scenario, Steps, (i, w, step) => text.AppendLine($"  {i,3}. {step.Describe(w)}"), withLogs ? line => text.AppendLine(line) : null);
        text.AppendLine($"  => {world.Violation ?? Violation}");
        return text.ToString();
    }
}
