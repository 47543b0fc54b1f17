using Actors.Election.Benchmarks.InMemory;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Actors.Election.Benchmarks;

/// <summary>
/// What one <see cref="ElectionBenchmarks"/> operation costs besides time: the run is deterministic, so this column
/// runs it once more and reads its counters (<see cref="ElectionScenario.ElectionCost"/>, <see cref="ElectionScenario.FailoverCost"/>).
/// </summary>
public sealed class ElectionCostColumn : IColumn
{
    /// <summary>Election messages sent; for <c>Election</c>, from the first membership news (the hellos count).</summary>
    public static readonly ElectionCostColumn Messages = new("Messages", "Election messages sent (Election: from the first membership news, hellos included; Failover: from the crash)",
        cost => cost.Messages.ToString("N0"));

    /// <summary>Core steps of the timed run.</summary>
    public static readonly ElectionCostColumn Steps = new("Steps", "Core steps of the timed run (messages taken, timers fired, connection losses)",
        cost => cost.Steps.ToString("N0"));

    /// <summary>Virtual time from start to agreement.</summary>
    public static readonly ElectionCostColumn VirtualTime = new("Virtual time (ms)", "Virtual time from the start of the run to agreement (timeouts and 100 µs per hop), not CPU time",
        cost => cost.VirtualTime.TotalMilliseconds.ToString("0.0"));

    private readonly Func<ElectionScenario.Cost, string> _value;

    private ElectionCostColumn(string name, string legend, Func<ElectionScenario.Cost, string> value)
    {
        ColumnName = name;
        Legend = legend;
        _value = value;
    }

    public string Id => nameof(ElectionCostColumn) + "." + ColumnName;
    public string ColumnName { get; }
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend { get; }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters["Nodes"] is not int nodes) return "-";
        return benchmarkCase.Descriptor.WorkloadMethod.Name switch
        {
            nameof(ElectionBenchmarks.Election) => _value(ElectionScenario.ElectionCost(nodes)),
            nameof(ElectionBenchmarks.Failover) => _value(ElectionScenario.FailoverCost(nodes)),
            _ => "-",
        };
    }

    public override string ToString() => ColumnName;
}
