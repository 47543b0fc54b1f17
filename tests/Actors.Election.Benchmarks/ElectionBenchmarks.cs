using Actors.Election.Benchmarks.InMemory;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace Actors.Election.Benchmarks;

/// <summary>
/// A whole election and a whole failover of 5 and 25 nodes on the in-memory network of <see cref="InMemoryCluster"/>
/// (every core step and message of the protocol; no actors, sockets or real time), with default settings:
/// <list type="bullet">
/// <item><c>Election</c>: from every node just told the whole membership to one master followed by all;</item>
/// <item><c>Failover</c>: from a steady cluster whose master's process dies (the others get <c>ConnectionLost</c> for
/// it) to a new master followed by every survivor.</item>
/// </list>
/// Each operation copies a prepared snapshot and runs it to agreement, so every operation runs the same steps
/// (deterministic, seeded). Messages, Steps and Virtual time are those of that run (<see cref="ElectionCostColumn"/>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CostConfig))]
public class ElectionBenchmarks
{
    private InMemoryCluster _told = null!;
    private InMemoryCluster _steady = null!;

    /// <summary>Cluster size.</summary>
    [Params(5, 25)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _told = ElectionScenario.Told(Nodes);
        _steady = ElectionScenario.Steady(Nodes);
    }

    [Benchmark]
    public object Election() => ElectionScenario.Elect(_told.Clone());

    [Benchmark]
    public object Failover() => ElectionScenario.Failover(_steady.Clone());

    /// <summary>Times in microseconds, the median (what the results report), and the cost columns.</summary>
    private sealed class CostConfig : ManualConfig
    {
        public CostConfig()
        {
            SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Microsecond);
            AddColumn(StatisticColumn.Median, ElectionCostColumn.Messages, ElectionCostColumn.Steps, ElectionCostColumn.VirtualTime);
        }
    }
}
