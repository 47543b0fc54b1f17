using Akka.Configuration;
using Xunit;

namespace Actors.Election.Tests.Settings;

/// <summary><c>With…</c> returns a copy that differs in that one setting, and validates it like <c>Create</c> does.</summary>
public sealed class SettingsCopyTests
{
    private static readonly ElectionSettings Defaults = ElectionSettings.Create(Config.Empty);

    private static void Rejected(Func<ElectionSettings> copy, string key)
    {
        var e = Assert.Throws<ConfigurationException>(copy);
        Assert.Contains($"actors.election.{key}", e.Message);
    }

    [Fact]
    public void Each_copy_changes_only_its_own_setting()
    {
        Assert.Equal(SettingsValues.Defaults with { ElectionTimeout = TimeSpan.FromSeconds(9) }, SettingsValues.Of(Defaults.WithElectionTimeout(TimeSpan.FromSeconds(9))));
        Assert.Equal(SettingsValues.Defaults with { ConnectionDelay = TimeSpan.FromSeconds(1) }, SettingsValues.Of(Defaults.WithConnectionDelay(TimeSpan.FromSeconds(1))));
        Assert.Equal(SettingsValues.Defaults with { AutoElectOnPeerLoss = false }, SettingsValues.Of(Defaults.WithAutoElectOnPeerLoss(false)));
        Assert.Equal(SettingsValues.Defaults with { GatherTimeout = TimeSpan.FromMilliseconds(50) }, SettingsValues.Of(Defaults.WithGatherTimeout(TimeSpan.FromMilliseconds(50))));
        Assert.Equal(SettingsValues.Defaults with { HeartbeatInterval = TimeSpan.FromMilliseconds(70) }, SettingsValues.Of(Defaults.WithHeartbeatInterval(TimeSpan.FromMilliseconds(70))));
        Assert.Equal(SettingsValues.Defaults with { FailureTimeout = TimeSpan.FromSeconds(4) }, SettingsValues.Of(Defaults.WithFailureTimeout(TimeSpan.FromSeconds(4))));
        Assert.Equal(SettingsValues.Defaults with { Quorum = QuorumMode.Reachable }, SettingsValues.Of(Defaults.WithQuorum(QuorumMode.Reachable)));
        Assert.Equal(SettingsValues.Defaults with { Role = "r" }, SettingsValues.Of(Defaults.WithRole("r")));
        Assert.Equal(SettingsValues.Defaults with { Candidate = false }, SettingsValues.Of(Defaults.WithCandidate(false)));
        Assert.Equal(SettingsValues.Defaults with { Priority = -4 }, SettingsValues.Of(Defaults.WithPriority(-4)));
        Assert.Equal(SettingsValues.Defaults with { TrustDowning = true }, SettingsValues.Of(Defaults.WithTrustDowning(true)));
        Assert.Equal(SettingsValues.Defaults with { MaxClockSkew = TimeSpan.FromMinutes(5) }, SettingsValues.Of(Defaults.WithMaxClockSkew(TimeSpan.FromMinutes(5))));
        Assert.Equal(SettingsValues.Defaults with { WireFormat = WireFormat.Legacy }, SettingsValues.Of(Defaults.WithWireFormat(WireFormat.Legacy)));
    }

    [Fact]
    public void A_copy_leaves_the_original_unchanged()
    {
        var original = ElectionSettings.Create(Config.Empty);

        _ = original.WithPriority(5).WithRole("x").WithElectionTimeout(TimeSpan.FromSeconds(8));

        Assert.Equal(Defaults, original);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_empty_role_means_every_member(string? role)
    {
        Assert.Null(Defaults.WithRole("backend").WithRole(role).Role);
    }

    [Fact]
    public void A_zero_election_timeout_is_rejected() => Rejected(() => Defaults.WithElectionTimeout(TimeSpan.Zero), "election-timeout");

    [Fact]
    public void A_negative_election_timeout_is_rejected() => Rejected(() => Defaults.WithElectionTimeout(TimeSpan.FromSeconds(-1)), "election-timeout");

    [Fact]
    public void An_election_timeout_below_the_gather_timeout_is_rejected_naming_gather_timeout() =>
        Rejected(() => Defaults.WithElectionTimeout(Defaults.GatherTimeout), "gather-timeout");

    [Fact]
    public void An_election_timeout_below_the_heartbeat_interval_is_rejected_naming_heartbeat_interval() =>
        Rejected(() => Defaults.WithGatherTimeout(TimeSpan.FromMilliseconds(10)).WithElectionTimeout(Defaults.HeartbeatInterval), "heartbeat-interval");

    [Fact]
    public void A_negative_connection_delay_is_rejected() => Rejected(() => Defaults.WithConnectionDelay(TimeSpan.FromTicks(-1)), "connection-delay");

    [Fact]
    public void A_zero_connection_delay_is_allowed() => Assert.Equal(TimeSpan.Zero, Defaults.WithConnectionDelay(TimeSpan.Zero).ConnectionDelay);

    [Fact]
    public void A_zero_gather_timeout_is_rejected() => Rejected(() => Defaults.WithGatherTimeout(TimeSpan.Zero), "gather-timeout");

    [Fact]
    public void A_gather_timeout_equal_to_the_election_timeout_is_rejected() =>
        Rejected(() => Defaults.WithGatherTimeout(Defaults.ElectionTimeout), "gather-timeout");

    [Fact]
    public void A_zero_heartbeat_interval_is_rejected() => Rejected(() => Defaults.WithHeartbeatInterval(TimeSpan.Zero), "heartbeat-interval");

    [Fact]
    public void A_heartbeat_interval_equal_to_the_election_timeout_is_rejected() =>
        Rejected(() => Defaults.WithFailureTimeout(Defaults.ElectionTimeout * 2).WithHeartbeatInterval(Defaults.ElectionTimeout), "heartbeat-interval");

    [Fact]
    public void A_failure_timeout_equal_to_the_heartbeat_interval_is_rejected() =>
        Rejected(() => Defaults.WithFailureTimeout(Defaults.HeartbeatInterval), "failure-timeout");

    [Fact]
    public void A_failure_timeout_below_the_heartbeat_interval_is_rejected() =>
        Rejected(() => Defaults.WithFailureTimeout(Defaults.HeartbeatInterval - TimeSpan.FromTicks(1)), "failure-timeout");

    [Fact]
    public void A_zero_failure_timeout_is_rejected() => Rejected(() => Defaults.WithFailureTimeout(TimeSpan.Zero), "failure-timeout");

    [Fact]
    public void A_failure_timeout_just_above_the_heartbeat_interval_is_allowed() =>
        Assert.Equal(Defaults.HeartbeatInterval + TimeSpan.FromTicks(1), Defaults.WithFailureTimeout(Defaults.HeartbeatInterval + TimeSpan.FromTicks(1)).FailureTimeout);

    [Fact]
    public void A_heartbeat_interval_raised_to_the_failure_timeout_is_rejected_naming_failure_timeout() =>
        Rejected(() => Defaults.WithHeartbeatInterval(Defaults.FailureTimeout), "failure-timeout");

    [Fact]
    public void A_zero_max_clock_skew_is_rejected() => Rejected(() => Defaults.WithMaxClockSkew(TimeSpan.Zero), "max-clock-skew");

    [Fact]
    public void A_negative_max_clock_skew_is_rejected() => Rejected(() => Defaults.WithMaxClockSkew(TimeSpan.FromSeconds(-1)), "max-clock-skew");

    [Fact]
    public void A_max_clock_skew_beyond_ten_years_is_rejected() =>
        Rejected(() => Defaults.WithMaxClockSkew(TimeSpan.FromDays(3650) + TimeSpan.FromTicks(1)), "max-clock-skew");

    [Fact]
    public void A_max_clock_skew_of_ten_years_is_allowed() =>
        Assert.Equal(TimeSpan.FromDays(3650), Defaults.WithMaxClockSkew(TimeSpan.FromDays(3650)).MaxClockSkew);

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void An_undefined_wire_format_is_rejected(int format) => Rejected(() => Defaults.WithWireFormat((WireFormat)format), "wire-format");

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(99)]
    public void An_undefined_quorum_mode_is_rejected(int mode) => Rejected(() => Defaults.WithQuorum((QuorumMode)mode), "quorum");
}
