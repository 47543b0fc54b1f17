using Actors.Election.Benchmarks.InMemory;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Actors.Election.Benchmarks;

/// <summary>
/// One step of the protocol core (<c>ElectionCore.Step</c>: state and input in, new state and effects out) on the inputs
/// a running cluster feeds it most, taken from a real in-memory run (<see cref="CoreSteps"/>) of a 5-node and a 25-node
/// cluster with default settings. Each operation replays the same step from the same state: the core never changes the
/// state it is given. The Steps/s column is 1 s divided by the median.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StepsPerSecondConfig))]
public class CoreStepBenchmarks
{
    private CoreStep _heartbeat = null!;
    private CoreStep _ack = null!;
    private CoreStep _campaign = null!;
    private CoreStep _timer = null!;

    /// <summary>Cluster size (the electorate every message carries, the members a heartbeat goes to).</summary>
    [Params(5, 25)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _heartbeat = CoreSteps.FollowerTakesHeartbeat(Nodes);
        _ack = CoreSteps.MasterTakesAck(Nodes);
        _campaign = CoreSteps.VoterTakesCampaign(Nodes);
        _timer = CoreSteps.MasterHeartbeatTimer(Nodes);
    }

    /// <summary>A follower takes its master's heartbeat: restarts its failure timer, acknowledges with a Reply.</summary>
    [Benchmark]
    public object FollowerTakesHeartbeat() => _heartbeat.Run().State;

    /// <summary>A master takes a follower's acknowledgement (records the electorate version it acknowledged).</summary>
    [Benchmark]
    public object MasterTakesAck() => _ack.Run().State;

    /// <summary>A voter, campaigning itself, takes another candidate's campaign message (candidacy and vote) during a failover.</summary>
    [Benchmark]
    public object VoterTakesCampaign() => _campaign.Run().State;

    /// <summary>A master's heartbeat timer fires: it announces itself to every other member and restarts the timer.</summary>
    [Benchmark]
    public object MasterHeartbeatTimer() => _timer.Run().State;

    /// <summary>Adds the median (what the results report) and the <see cref="StepsPerSecondColumn"/>.</summary>
    private sealed class StepsPerSecondConfig : ManualConfig
    {
        public StepsPerSecondConfig() => AddColumn(StatisticColumn.Median, new StepsPerSecondColumn());
    }
}
