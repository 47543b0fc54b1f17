using Actors.Election.Nemesis.Tests.Nemesis;
using Actors.Election.Nemesis.Tests.Network;
using Actors.Election.Nemesis.Tests.Processes;
using Xunit;

namespace Actors.Election.Nemesis.Tests;

/// <summary>The harness's own guarantees: a seed fixes the schedule, and leftovers of a killed run are swept.</summary>
public sealed class HarnessTests
{
    [Fact]
    public void A_seed_fixes_the_schedule()
    {
        static IReadOnlyList<PlannedFault> Plan(int seed)
        {
            var planner = new FaultPlanner(new Random(seed));
            return Enumerable.Range(0, 50).Select(_ => planner.Next()).ToList();
        }

        Assert.Equal(Plan(13), Plan(13));
        Assert.NotEqual(Plan(13), Plan(14));
        Assert.Equal(Enum.GetValues<FaultKind>().Order(), FaultPlanner.Weights.Keys.Order()); // every kind is scheduled
        Assert.Contains(Plan(13), f => f.Kind is FaultKind.ClockOffset or FaultKind.ClockJump);
        Assert.All(Plan(13), f => Assert.InRange(f.Duration, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(9)));
    }

    [Fact]
    public void A_node_process_recognises_lines_about_itself_by_its_id()
    {
        const string up = "23:44:29.770 MemberUp 10.213.0.2:2551#1396057095";
        Assert.True(NodeProcess.EndsWithMember(up, "10.213.0.2:2551", null)); // its uid not known yet: any incarnation at its address
        Assert.True(NodeProcess.EndsWithMember(up, "10.213.0.2:2551", "10.213.0.2:2551#1396057095"));
        Assert.False(NodeProcess.EndsWithMember(up, "10.213.0.2:2551", "10.213.0.2:2551#7")); // an earlier incarnation's line
        Assert.False(NodeProcess.EndsWithMember(up, "10.213.0.22:2551", null));
        Assert.False(NodeProcess.EndsWithMember("23:44:29.770 MemberUp 10.213.0.22:2551#5", "10.213.0.2:2551", null));
        Assert.True(NodeProcess.EndsWithMember("23:44:29.770 MemberUp 10.213.0.2:2551", "10.213.0.2:2551", null)); // older builds
        Assert.True(NodeProcess.EndsWithMember("12:00:00.000 MemberDowned 10.213.0.2:2551#-5", "10.213.0.2:2551", "10.213.0.2:2551#-5"));
    }

    [Fact]
    public void A_run_can_be_aimed_at_some_kinds_of_fault()
    {
        var only = FaultPlanner.Parse("loss, Delay")!;
        var planner = new FaultPlanner(new Random(1), only);

        Assert.Equal([FaultKind.Loss, FaultKind.Delay], only.Order());
        Assert.All(Enumerable.Range(0, 50), _ => Assert.Contains(planner.Next().Kind, only));
        Assert.Null(FaultPlanner.Parse(""));
        Assert.Throws<ArgumentException>(() => new FaultPlanner(new Random(1), []));
    }

    [Fact]
    public void Namespaces_of_a_dead_run_are_swept_with_their_processes_and_a_live_run_is_left_alone()
    {
        Prerequisites.Check();
        var dead = $"{HarnessNames.Prefix}{DeadPid()}-test-n1";
        var live = new HarnessNames(Environment.ProcessId, "live").NodeNamespace(1);
        Shell.Run("ip", "netns", "add", dead);
        Shell.Run("ip", "netns", "add", live);
        using var sleeper = System.Diagnostics.Process.Start("ip", ["netns", "exec", dead, "sleep", "60"]);
        try
        {
            Assert.True(SpinWait.SpinUntil(() => LeftoverSweeper.PidsIn(dead).Count == 1, TimeSpan.FromSeconds(10)), "the sleeper runs in the namespace");

            var swept = LeftoverSweeper.Sweep();

            Assert.Contains(dead, swept);
            Assert.DoesNotContain(live, swept);
            Assert.DoesNotContain(dead, LeftoverSweeper.ListNamespaces());
            Assert.Contains(live, LeftoverSweeper.ListNamespaces());
            Assert.True(sleeper.WaitForExit(TimeSpan.FromSeconds(10)), "the process inside was killed");
        }
        finally
        {
            if (!sleeper.HasExited) sleeper.Kill();
            LeftoverSweeper.RemoveNamespace(dead);
            LeftoverSweeper.RemoveNamespace(live);
        }
    }

    /// <summary>A process id no process has now.</summary>
    private static int DeadPid()
    {
        var max = int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        for (var pid = max - 1; pid > 1; pid--)
            if (!Directory.Exists($"/proc/{pid}")) return pid;
        throw new InvalidOperationException("no free process id");
    }
}
