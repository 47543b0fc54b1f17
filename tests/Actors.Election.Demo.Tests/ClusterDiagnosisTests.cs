using Xunit;

namespace Actors.Election.Demo.Tests;

/// <summary>A cluster that did not form says why, from its nodes' reports.</summary>
public sealed class ClusterDiagnosisTests
{
    private static readonly NodeSettings Settings = new()
    {
        FailureDetector = [new("acceptable-heartbeat-pause", "1s")],
        Cluster = [new("min-nr-of-members", "5")],
    };

    private static NodeSnapshot Node(int n, NodeReport? last, bool exited = false, params string[] output) =>
        new($"n{n}", last?.Node, exited, exited ? 134 : null, 0, last, Settings, output);

    private static NodeReport Report(int n, string status, int? master, int up, int known, int unreachable, string self = "Up") => new()
    {
        Node = $"127.0.0.1:{2550 + n}#{n}", Status = status, Master = master is { } m ? $"127.0.0.1:{2550 + m}#{m}" : null, Session = 1,
        SelfStatus = self, Members = up, KnownMembers = known, Unreachable = unreachable,
    };

    [Fact]
    public void Fragments_with_a_master_each_and_unreachable_members_are_named()
    {
        var reasons = ClusterDiagnosis.Reasons(ClusterKind.Election, DetectorProfile.Tight,
        [
            Node(1, Report(1, "Master", 1, 1, 5, 4)),
            Node(2, Report(2, "Follower", 1, 1, 5, 4)),
            Node(3, Report(3, "Master", 3, 3, 5, 2)),
            Node(4, Report(4, "Follower", 3, 3, 5, 2)),
            Node(5, Report(5, "Follower", 3, 3, 5, 2)),
        ]);
        Assert.Contains(reasons, r => r.StartsWith("not one cluster of 5: the nodes see 3 Up (n3 n4 n5), 1 Up (n1 n2)", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("5 of 5 nodes see members unreachable (up to 4)", StringComparison.Ordinal) && r.Contains("acceptable-heartbeat-pause = 1s"));
        Assert.Contains(reasons, r => r.StartsWith("2 masters: n1 (session 1), n3 (session 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void An_exited_process_a_silent_one_and_members_still_joining_are_named()
    {
        var reasons = ClusterDiagnosis.Reasons(ClusterKind.Election, DetectorProfile.Tight,
        [
            Node(1, Report(1, "Idle", null, 0, 3, 0, self: "Joining")),
            Node(2, Report(2, "Idle", null, 0, 3, 0, self: "Joining")),
            Node(3, null, exited: true, "12:00:00.000 node starting", "Unhandled exception. System.OutOfMemoryException"),
            Node(4, null),
        ]);
        Assert.Equal("n3 exited with code 134 (its last line: Unhandled exception. System.OutOfMemoryException)", reasons[0]);
        Assert.StartsWith("n4 never reported", reasons[1]);
        Assert.Contains(reasons, r => r.StartsWith("n1 n2 still Joining: no member is moved Up before min-nr-of-members = 5 have joined, and at most 3 are known", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("no master: Idle n1 n2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_node_taken_out_and_not_yet_removed_is_told_apart_from_false_suspicions()
    {
        var reasons = ClusterDiagnosis.Reasons(ClusterKind.Election, DetectorProfile.Tight,
        [
            Node(2, Report(2, "Master", 2, 2, 3, 1)),
            Node(3, Report(3, "Follower", 2, 2, 3, 1)),
        ], tookOut: true);
        Assert.Contains(reasons, r => r.StartsWith("2 of 2 nodes still see a member unreachable: a node taken out is not removed yet", StringComparison.Ordinal));
        Assert.DoesNotContain(reasons, r => r.Contains("heartbeats arrived later", StringComparison.Ordinal));
    }

    [Fact]
    public void A_settled_cluster_has_no_reason()
    {
        Assert.Empty(ClusterDiagnosis.Reasons(ClusterKind.Election, DetectorProfile.Tight,
        [
            Node(1, Report(1, "Master", 1, 2, 2, 0)),
            Node(2, Report(2, "Follower", 1, 2, 2, 0)),
        ]));
    }
}
