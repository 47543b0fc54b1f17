using Actors.Election.Benchmarks.InMemory;

namespace Actors.Election.Benchmarks;

/// <summary>
/// <c>--costs</c>: runs each <see cref="ElectionBenchmarks"/> scenario once outside BenchmarkDotNet and prints how it
/// ended (the master every running node follows, its session) and what it cost (core steps, messages of each kind,
/// virtual time); then the thread CPU time (<see cref="ThreadCpuTime"/>) of the very operations the benchmark classes
/// time, a measure that a busy machine inflates far less than BenchmarkDotNet's wall-clock time. A scenario that does not
/// reach its end state throws, as it does under the benchmark.
/// </summary>
internal static class CostReport
{
    public const string Option = "--costs";

    private const int Rounds = 21;

    private static readonly int[] Sizes = [5, 25];

    private static readonly TimeSpan Round = TimeSpan.FromMilliseconds(20);

    /// <summary>CPU time each operation runs before it is measured (BenchmarkDotNet's warm-up, in effect).</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(500);

    public static void Print(TextWriter output)
    {
        var kinds = Enum.GetValues<ElectionMessageKind>();
        output.WriteLine($"| Scenario | Nodes | Master (session) | Steps | Messages | Messages / n² | {string.Join(" | ", kinds)} | Virtual time (ms) |");
        output.WriteLine($"|---|---:|---|---:|---:|---:|{string.Concat(kinds.Select(_ => "---:|"))}---:|");
        foreach (var nodes in Sizes)
        {
            Row(output, nameof(ElectionBenchmarks.Election), nodes, ElectionScenario.ElectionCost(nodes), kinds);
            Row(output, nameof(ElectionBenchmarks.Failover), nodes, ElectionScenario.FailoverCost(nodes), kinds);
        }

        output.WriteLine();
        output.WriteLine($"Thread CPU time, median of {Rounds} rounds of about {Round.TotalMilliseconds} ms each (every round kept) after {WarmUp.TotalMilliseconds} ms of warm-up:");
        output.WriteLine();
        output.WriteLine("| Operation | Nodes | CPU per operation | CPU per core step | Core steps per CPU second |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var nodes in Sizes)
        {
            var steps = new CoreStepBenchmarks { Nodes = nodes };
            steps.Setup();
            CpuRow(output, nameof(CoreStepBenchmarks.FollowerTakesHeartbeat), nodes, steps.FollowerTakesHeartbeat, 1);
            CpuRow(output, nameof(CoreStepBenchmarks.MasterTakesAck), nodes, steps.MasterTakesAck, 1);
            CpuRow(output, nameof(CoreStepBenchmarks.VoterTakesCampaign), nodes, steps.VoterTakesCampaign, 1);
            CpuRow(output, nameof(CoreStepBenchmarks.MasterHeartbeatTimer), nodes, steps.MasterHeartbeatTimer, 1);
        }
        foreach (var nodes in Sizes)
        {
            var elections = new ElectionBenchmarks { Nodes = nodes };
            elections.Setup();
            CpuRow(output, nameof(ElectionBenchmarks.Election), nodes, elections.Election, ElectionScenario.ElectionCost(nodes).Steps);
            CpuRow(output, nameof(ElectionBenchmarks.Failover), nodes, elections.Failover, ElectionScenario.FailoverCost(nodes).Steps);
        }
    }

    private static void Row(TextWriter output, string scenario, int nodes, ElectionScenario.Cost cost, ElectionMessageKind[] kinds) =>
        output.WriteLine(
            $"| {scenario} | {nodes} | {cost.Master.ToShortId()} ({cost.Session}) | {cost.Steps:N0} | {cost.Messages:N0} | {(double)cost.Messages / (nodes * nodes):0.00} | " +
            $"{string.Join(" | ", kinds.Select(kind => cost.MessagesByKind[kind].ToString("N0")))} | {cost.VirtualTime.TotalMilliseconds:0.0} |");

    /// <summary>One operation's median CPU time, and per core step of it (<paramref name="steps"/> steps per operation).</summary>
    private static void CpuRow(TextWriter output, string operation, int nodes, Func<object> run, long steps)
    {
        var nanoseconds = ThreadCpuTime.MedianNanosecondsPerCall(run, Rounds, Round, WarmUp);
        var perStep = nanoseconds / steps;
        output.WriteLine($"| {operation} | {nodes} | {Format(nanoseconds)} | {Format(perStep)} | {1e9 / perStep:N0} |");
        output.Flush();
    }

    private static string Format(double nanoseconds) =>
        nanoseconds >= 1_000_000 ? $"{nanoseconds / 1_000_000:N2} ms" : nanoseconds >= 1_000 ? $"{nanoseconds / 1_000:N2} µs" : $"{nanoseconds:N0} ns";
}
