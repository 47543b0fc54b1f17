using Actors.Election.Logic;
using Xunit;

namespace Actors.Election.Tests.Logic;

/// <summary><c>MasterLiveness</c>: live while in view, connected, and heard within failure-timeout; the failure detector has no say.</summary>
public sealed class MasterLivenessTests
{
    private static readonly DateTimeOffset Heard = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FailureTimeout = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1000, false)]  // exactly failure-timeout: still within
    [InlineData(1001, true)]
    [InlineData(-500, false)]  // a clock that went back: not silent
    public void A_master_is_silent_once_it_missed_failure_timeout(int afterMs, bool silent)
    {
        Assert.Equal(silent, MasterLiveness.IsSilent(Heard, Heard.AddMilliseconds(afterMs), FailureTimeout));
    }

    [Theory]
    [InlineData(true, false, false, true)]
    [InlineData(false, false, false, false)]
    [InlineData(true, true, false, false)]
    [InlineData(true, false, true, false)]
    public void A_master_is_live_only_when_in_view_connected_and_not_silent(bool inView, bool disconnected, bool silent, bool live)
    {
        Assert.Equal(live, MasterLiveness.IsLive(inView, disconnected, silent));
    }
}
