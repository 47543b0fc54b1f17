using Akka.Actor;
using Akka.Cluster;
using Xunit;

namespace Actors.Election.Demo.Tests;

/// <summary>The live table's rank and start instants: the values the election compares, in its order.</summary>
public sealed class RankingTests
{
    private static NodeReport Node(int port, int uid = 1, int priority = 0, long started = 1_000, long commands = 0, bool candidate = true) =>
        new() { Node = $"127.0.0.1:{port}#{uid}", Priority = priority, SeniorityStartMs = started, Commands = commands, Candidate = candidate };

    [Fact]
    public void Priority_then_the_earlier_start_then_commands_then_the_greater_node_id()
    {
        var older = Node(2551, started: 1_000);
        var newerBy1Ms = Node(2552, started: 1_001);
        Assert.True(CandidateOrder.Instance.Compare(older, newerBy1Ms) < 0); // one millisecond decides
        var prioritized = Node(2553, priority: 1, started: 9_000);
        Assert.True(CandidateOrder.Instance.Compare(prioritized, older) < 0);
        var busier = Node(2554, started: 1_000, commands: 5);
        Assert.True(CandidateOrder.Instance.Compare(busier, older) < 0);
        var greaterId = Node(2555, started: 1_000);
        Assert.True(CandidateOrder.Instance.Compare(greaterId, older) < 0); // same start and commands: the greater id
        var notCandidate = Node(2556, priority: 9, started: 1, candidate: false);
        Assert.True(CandidateOrder.Instance.Compare(older, notCandidate) < 0);

        var ranks = CandidateOrder.Ranks([older, newerBy1Ms, prioritized, busier, greaterId, notCandidate]);
        Assert.Equal(1, ranks[prioritized.Node]);
        Assert.Equal(2, ranks[busier.Node]);
        Assert.Equal(3, ranks[greaterId.Node]);
        Assert.Equal(4, ranks[older.Node]);
        Assert.Equal(5, ranks[newerBy1Ms.Node]);
        Assert.Equal(6, ranks[notCandidate.Node]);
    }

    [Fact]
    public void The_node_id_tie_break_is_the_libraries_node_ordering()
    {
        var a = new UniqueAddress(new Address("akka.tcp", NodeHost.SystemName, "127.0.0.1", 2551), 7);
        var b = new UniqueAddress(new Address("akka.tcp", NodeHost.SystemName, "127.0.0.1", 2551), 9);
        Assert.Equal(a, CandidateOrder.ParseId(a.ToShortId()));
        var x = new NodeReport { Node = a.ToShortId() };
        var y = new NodeReport { Node = b.ToShortId() };
        Assert.Equal(Math.Sign(NodeOrdering.Instance.Compare(b, a)), Math.Sign(CandidateOrder.Instance.Compare(x, y)));
        Assert.Null(CandidateOrder.ParseId("127.0.0.1:2551"));
        Assert.Null(CandidateOrder.ParseId("host#1"));
    }

    [Fact]
    public void The_seniority_clock_narrows_to_the_millisecond()
    {
        var clock = new SeniorityClock();
        Assert.Equal(0, clock.StartMs);
        clock.Observe(askedMs: 10_000, answeredMs: 10_004, age: TimeSpan.FromMilliseconds(2_000)); // start in [8000, 8004]
        Assert.Equal(8_004, clock.StartMs);
        Assert.False(clock.Exact);
        clock.Observe(askedMs: 12_003, answeredMs: 12_005, age: TimeSpan.FromMilliseconds(4_001)); // [8002, 8004]
        Assert.False(clock.Exact);
        clock.Observe(askedMs: 13_000, answeredMs: 13_000, age: TimeSpan.FromMilliseconds(4_997)); // exactly 8003
        Assert.True(clock.Exact);
        Assert.Equal(8_003, clock.StartMs);
        clock.Observe(askedMs: 20_000, answeredMs: 20_000, age: TimeSpan.FromMilliseconds(2_000)); // the wall clock stepped: start over
        Assert.Equal(18_000, clock.StartMs);
    }

    [Fact]
    public void Rank_values_show_the_start_with_milliseconds()
    {
        var started = new DateTimeOffset(2026, 11, 29, 12, 0, 1, 234, TimeSpan.Zero);
        var report = new NodeReport { Node = "127.0.0.1:1#1", Priority = 2, SeniorityStartMs = started.ToUnixTimeMilliseconds(), SeniorityExact = true, Commands = 3 };
        Assert.Equal($"priority 2, started {started.ToLocalTime().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)}, 3 commands", LiveView.RankValues(report));
        Assert.StartsWith("~", LiveView.Started(report with { SeniorityExact = false }));
    }
}
