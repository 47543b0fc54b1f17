using Xunit;
using static Actors.Election.Tests.Settings.ReferenceConfFile;

namespace Actors.Election.Tests.Settings;

/// <summary>Each key of the <c>actors.election</c> section is read into its setting, and only into it.</summary>
public sealed class SettingsFromHoconTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("2500ms", 2_500)]
    [InlineData("1 minute", 60_000)]
    [InlineData("4000", 4_000)]
    public void Election_timeout_is_read(string value, int expectedMs)
        => ReadsOnly("election-timeout", value, d => d with { ElectionTimeout = TimeSpan.FromMilliseconds(expectedMs) });

    [Theory]
    [InlineData("0ms", 0)]
    [InlineData("750ms", 750)]
    [InlineData("2s", 2_000)]
    public void Connection_delay_is_read(string value, int expectedMs)
        => ReadsOnly("connection-delay", value, d => d with { ConnectionDelay = TimeSpan.FromMilliseconds(expectedMs) });

    [Theory]
    [InlineData("on", true)]
    [InlineData("off", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    public void Auto_elect_on_peer_loss_is_read(string value, bool expected)
        => ReadsOnly("auto-elect-on-peer-loss", value, d => d with { AutoElectOnPeerLoss = expected });

    [Theory]
    [InlineData("1ms", 1)]
    [InlineData("250ms", 250)]
    [InlineData("2999ms", 2_999)]
    public void Gather_timeout_is_read(string value, int expectedMs)
        => ReadsOnly("gather-timeout", value, d => d with { GatherTimeout = TimeSpan.FromMilliseconds(expectedMs) });

    [Theory]
    [InlineData("100ms", 100)]
    [InlineData("999ms", 999)]
    [InlineData("1", 1)]
    public void Heartbeat_interval_is_read(string value, int expectedMs)
        => ReadsOnly("heartbeat-interval", value, d => d with { HeartbeatInterval = TimeSpan.FromMilliseconds(expectedMs) });

    [Fact]
    public void A_heartbeat_interval_above_the_default_failure_timeout_is_read_with_a_failure_timeout_above_it()
    {
        var settings = ElectionSettings.Create(Section("heartbeat-interval = 2s\nfailure-timeout = 8s"));

        Assert.Equal(SettingsValues.Defaults with { HeartbeatInterval = TimeSpan.FromSeconds(2), FailureTimeout = TimeSpan.FromSeconds(8) },
            SettingsValues.Of(settings));
    }

    [Theory]
    [InlineData("251ms", 251)]
    [InlineData("1500ms", 1_500)]
    [InlineData("10s", 10_000)]
    [InlineData("1 minute", 60_000)]
    public void Failure_timeout_is_read(string value, int expectedMs)
        => ReadsOnly("failure-timeout", value, d => d with { FailureTimeout = TimeSpan.FromMilliseconds(expectedMs) });

    [Theory]
    [InlineData("majority", QuorumMode.Majority)]
    [InlineData("reachable", QuorumMode.Reachable)]
    [InlineData("Reachable", QuorumMode.Reachable)]
    [InlineData("\"majority\"", QuorumMode.Majority)]
    public void Quorum_is_read(string value, QuorumMode expected)
        => ReadsOnly("quorum", value, d => d with { Quorum = expected });

    [Theory]
    [InlineData("backend", "backend")]
    [InlineData("\"with space\"", "with space")]
    [InlineData("\"\"", null)]
    public void Role_is_read_and_empty_means_every_member(string value, string? expected)
        => ReadsOnly("role", value, d => d with { Role = expected });

    [Theory]
    [InlineData("on", true)]
    [InlineData("off", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Candidate_is_read(string value, bool expected)
        => ReadsOnly("candidate", value, d => d with { Candidate = expected });

    [Theory]
    [InlineData("0", 0)]
    [InlineData("5", 5)]
    [InlineData("-3", -3)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void Priority_is_read(string value, int expected)
        => ReadsOnly("priority", value, d => d with { Priority = expected });

    [Theory]
    [InlineData("on", true)]
    [InlineData("off", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    public void Trust_downing_is_read(string value, bool expected)
        => ReadsOnly("trust-downing", value, d => d with { TrustDowning = expected });

    [Theory]
    [InlineData("1ms", 1)]
    [InlineData("30s", 30_000)]
    [InlineData("10m", 600_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("3650d", 315_360_000_000)]
    public void Max_clock_skew_is_read(string value, long expectedMs)
        => ReadsOnly("max-clock-skew", value, d => d with { MaxClockSkew = TimeSpan.FromMilliseconds(expectedMs) });

    [Theory]
    [InlineData("protobuf", WireFormat.Protobuf)]
    [InlineData("legacy", WireFormat.Legacy)]
    [InlineData("Legacy", WireFormat.Legacy)]
    [InlineData("\"legacy\"", WireFormat.Legacy)]
    public void Wire_format_is_read(string value, WireFormat expected)
        => ReadsOnly("wire-format", value, d => d with { WireFormat = expected });

    [Fact]
    public void All_keys_are_read_together()
    {
        var settings = ElectionSettings.Create(Section("""
            election-timeout = 5s
            connection-delay = 300ms
            auto-elect-on-peer-loss = off
            gather-timeout = 800ms
            heartbeat-interval = 2s
            failure-timeout = 7s
            quorum = reachable
            role = voters
            candidate = off
            priority = 9
            trust-downing = on
            max-clock-skew = 90s
            wire-format = legacy
            """));

        Assert.Equal(TimeSpan.FromSeconds(5), settings.ElectionTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(300), settings.ConnectionDelay);
        Assert.False(settings.AutoElectOnPeerLoss);
        Assert.Equal(TimeSpan.FromMilliseconds(800), settings.GatherTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(7), settings.FailureTimeout);
        Assert.Equal(QuorumMode.Reachable, settings.Quorum);
        Assert.Equal("voters", settings.Role);
        Assert.False(settings.Candidate);
        Assert.Equal(9, settings.Priority);
        Assert.True(settings.TrustDowning);
        Assert.Equal(TimeSpan.FromSeconds(90), settings.MaxClockSkew);
        Assert.Equal(WireFormat.Legacy, settings.WireFormat);
    }

    /// <summary>Reads <paramref name="key"/> = <paramref name="value"/> alone and expects every other setting at its default.</summary>
    private static void ReadsOnly(string key, string value, Func<SettingsValues, SettingsValues> expected)
    {
        var settings = ElectionSettings.Create(Section($"{key} = {value}"));

        Assert.Equal(expected(SettingsValues.Defaults), SettingsValues.Of(settings));
    }
}
