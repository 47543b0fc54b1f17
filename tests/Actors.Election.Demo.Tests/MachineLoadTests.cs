using Xunit;

namespace Actors.Election.Demo.Tests;

public sealed class MachineLoadTests
{
    [Fact]
    public void Busy_time_is_everything_but_idle_and_iowait_and_guest_time_is_not_counted_twice()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice
        var load = MachineLoad.Parse("cpu  100 5 50 800 20 3 2 0 40 0");

        Assert.Equal(new MachineLoad(160, 980), load);
    }

    [Theory]
    [InlineData("cpu0 1 2 3 4 5 6 7 8")]
    [InlineData("intr 1 2 3 4 5 6 7 8")]
    [InlineData("cpu 1 2 x 4 5 6 7 8")]
    [InlineData("cpu 1 2")]
    public void A_line_that_is_not_the_machines_cpu_total_gives_no_sample(string line) => Assert.Null(MachineLoad.Parse(line));

    [Fact]
    public void The_busy_share_is_taken_between_two_samples()
    {
        var before = new MachineLoad(1_000, 4_000);
        var after = new MachineLoad(1_150, 4_200);

        Assert.Equal(75.0, MachineLoad.BusyPercent(before, after));
        Assert.Null(MachineLoad.BusyPercent(before, null));
        Assert.Null(MachineLoad.BusyPercent(after, after)); // no time between them
    }

    [Fact]
    public void On_linux_a_sample_of_this_machine_is_taken()
    {
        if (!OperatingSystem.IsLinux()) return;
        var sample = MachineLoad.Sample();
        Assert.NotNull(sample);
        Assert.InRange(sample.Value.Busy, 0, sample.Value.Total);
    }
}
