using Actors.Election.Logic;
using Xunit;

namespace Actors.Election.Tests.Logic;

/// <summary><c>MasterLiveness</c>: live while in view, not marked unreachable, and heard within heartbeat-interval + connection-delay.</summary>
public sealed class MasterLivenessTests
{
    private static readonly DateTimeOffset Heard = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1), Delay = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1200, false)]  // exactly heartbeat + connection-delay: still within
    [InlineData(1201, true)]
    [InlineData(-500, false)]  // a clock that went back: not silent
    public void A_master_is_silent_once_it_missed_its_heartbeats_and_the_connection_delay(int afterMs, bool silent)
    {
        Assert.Equal(silent, MasterLiveness.IsSilent(Heard, Heard.AddMilliseconds(afterMs), Heartbeat, Delay));
    }

    [Theory]
    [InlineData(true, false, false, true)]
    [InlineData(false, false, false, false)]
    [InlineData(true, true, false, false)]
    [InlineData(true, false, true, false)]
    public void A_master_is_live_only_when_in_view_reachable_and_not_silent(bool inView, bool unreachable, bool silent, bool live)
    {
        Assert.Equal(live, MasterLiveness.IsLive(inView, unreachable, silent));
    }
}
