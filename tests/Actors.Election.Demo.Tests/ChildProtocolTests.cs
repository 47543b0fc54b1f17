using Xunit;

namespace Actors.Election.Demo.Tests;

/// <summary>The lines a child node prints for its parent and the commands it reads.</summary>
public sealed class ChildProtocolTests
{
    [Fact]
    public void Every_report_line_round_trips()
    {
        var state = new NodeReport
        {
            Node = "127.0.0.1:1#5", Status = "Master", Master = "127.0.0.1:1#5", Session = 1_796_500_000_000_000, Priority = 2, SeniorityStartMs = 7,
            SeniorityExact = true, SelfStatus = "Up", Members = 3, KnownMembers = 3, LeadingSince = 9, LeadingSession = 1_796_500_000_000_000, At = 10,
        };
        Assert.Equal(state, ReportLine.Parse(ReportLine.Format(state)));
        var unreachable = new UnreachableReport("127.0.0.1:1#5", "127.0.0.1:2#6", 7);
        Assert.Equal(unreachable, ReportLine.Parse(ReportLine.Format(unreachable)));
        var snapshot = new SnapshotReport("127.0.0.1:1#5", 3, 42, 8);
        Assert.Equal(snapshot, ReportLine.Parse(ReportLine.Format(snapshot)));
        var answer = new SingletonAnswerReport("127.0.0.1:1#5", "abc", "127.0.0.1:2#6", 9);
        Assert.Equal(answer, ReportLine.Parse(ReportLine.Format(answer)));
        var settings = new NodeSettings { Node = "n", Implementation = "Actors.Election", FailureDetector = [new("heartbeat-interval", "1s")] };
        var parsed = Assert.IsType<NodeSettings>(ReportLine.Parse(ReportLine.Format(settings)));
        Assert.Equal(settings.Describe(), parsed.Describe());
        Assert.Null(ReportLine.Parse("14:00:00.000 a log line"));
        Assert.Null(ReportLine.Parse("STATE {not json"));
    }

    [Fact]
    public void Control_commands_parse()
    {
        Assert.Equal(12, ControlChannel.ParseSnapshot(ControlChannel.Snapshot(12)));
        Assert.Null(ControlChannel.ParseSnapshot("SNAPSHOT x"));
        Assert.Null(ControlChannel.ParseSnapshot("DOWN 127.0.0.1:1#2"));
        Assert.Equal("127.0.0.1:1#2", ControlChannel.ParseDown(ControlChannel.Down("127.0.0.1:1#2")));
        Assert.Null(ControlChannel.ParseDown("SNAPSHOT 1"));
    }

    [Fact]
    public async Task The_control_channel_answers_snapshots_and_downs_in_order_until_its_input_closes()
    {
        var seen = new List<string>();
        var input = new StringReader("SNAPSHOT 1\nnoise\nDOWN 127.0.0.1:1#2\nSNAPSHOT 2\n");
        await ControlChannel.RunAsync(input, id =>
        {
            seen.Add($"snapshot {id}");
            return Task.CompletedTask;
        }, node => seen.Add($"down {node}"), CancellationToken.None);
        Assert.Equal(["snapshot 1", "down 127.0.0.1:1#2", "snapshot 2"], seen);
    }

    [Fact]
    public void Singleton_pongs_carry_instance_host_and_sequence()
    {
        Assert.Equal(("i1", "127.0.0.1:1#2", 7L), SingletonProbe.ParsePong(SingletonProbe.Pong("i1", "127.0.0.1:1#2", 7)));
        Assert.Null(SingletonProbe.ParsePong("ping:1"));
        Assert.Null(SingletonProbe.ParsePong("pong:a|b"));
    }
}
