using Actors.Election.Nemesis.Tests.Checking;
using Actors.Election.Nemesis.Tests.Processes;
using Actors.Election.Nemesis.Tests.Reporting;
using Xunit;
using static Actors.Election.Nemesis.Tests.Checking.SyntheticRun;

namespace Actors.Election.Nemesis.Tests;

/// <summary>The report's reading of node logs: stamps a skewed node wrote are put back on the harness's time line.</summary>
public sealed class RemoteLogTests
{
    [Fact]
    public void A_node_s_log_stamps_lose_the_clock_offset_it_had_when_it_wrote_them()
    {
        // n4 starts on the real clock, steps 3 s back at 70 s; its next incarnation starts at 100 s 2 s ahead. n5 never moves.
        JournalEntry Entry(double at, string kind, int node, long offsetMs) => new() { At = At(at), Kind = kind, Node = node, OffsetMs = offsetMs };
        var journal = new List<JournalEntry>
        {
            Entry(0, JournalKinds.ProcessStart, 4, 0),
            Entry(0, JournalKinds.ProcessStart, 5, 0),
            Entry(70, JournalKinds.Clock, 4, -3000),
            Entry(100, JournalKinds.ProcessStart, 4, 2000),
        };
        var run = new RunRecord(5, journal, [], [], [], At(0), At(200));
        var n4 = RemoteLog.ClockOffsets(run, 4);
        var n5 = RemoteLog.ClockOffsets(run, 5);

        Assert.Equal(TimeSpan.Zero, n4(At(50)));
        Assert.Equal(TimeSpan.FromSeconds(-3), n4(At(80))); // written at 83 s by the harness's clock
        Assert.Equal(TimeSpan.FromSeconds(2), n4(At(110))); // written at 108 s
        Assert.Equal(TimeSpan.Zero, n5(At(80)));
    }
}
