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
    {
        var settings = ElectionSettings.Create(Section($"election-timeout = {value}"));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), settings.ElectionTimeout);
        Assert.Equal(SettingsValues.Defaults with { ElectionTimeout = settings.ElectionTimeout }, SettingsValues.Of(settings));
    }

    [Theory]
    [InlineData("0ms", 0)]
    [InlineData("750ms", 750)]
    [InlineData("2s", 2_000)]
    public void Connection_delay_is_read(string value, int expectedMs)
    {
        var settings = ElectionSettings.Create(Section($"connection-delay = {value}"));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), settings.ConnectionDelay);
        Assert.Equal(SettingsValues.Defaults with { ConnectionDelay = settings.ConnectionDelay }, SettingsValues.Of(settings));
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("off", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    public void Auto_elect_on_peer_loss_is_read(string value, bool expected)
    {
        var settings = ElectionSettings.Create(Section($"auto-elect-on-peer-loss = {value}"));

        Assert.Equal(expected, settings.AutoElectOnPeerLoss);
        Assert.Equal(SettingsValues.Defaults with { AutoElectOnPeerLoss = expected }, SettingsValues.Of(settings));
    }

    [Theory]
    [InlineData("1ms", 1)]
    [InlineData("250ms", 250)]
    [InlineData("2999ms", 2_999)]
    public void Gather_timeout_is_read(string value, int expectedMs)
    {
        var settings = ElectionSettings.Create(Section($"gather-timeout = {value}"));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), settings.GatherTimeout);
        Assert.Equal(SettingsValues.Defaults with { GatherTimeout = settings.GatherTimeout }, SettingsValues.Of(settings));
    }

    [Theory]
    [InlineData("100ms", 100)]
    [InlineData("2s", 2_000)]
    public void Heartbeat_interval_is_read(string value, int expectedMs)
    {
        var settings = ElectionSettings.Create(Section($"heartbeat-interval = {value}"));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), settings.HeartbeatInterval);
        Assert.Equal(SettingsValues.Defaults with { HeartbeatInterval = settings.HeartbeatInterval }, SettingsValues.Of(settings));
    }

    [Theory]
    [InlineData("majority", QuorumMode.Majority)]
    [InlineData("reachable", QuorumMode.Reachable)]
    [InlineData("Reachable", QuorumMode.Reachable)]
    [InlineData("\"majority\"", QuorumMode.Majority)]
    public void Quorum_is_read(string value, QuorumMode expected)
    {
        var settings = ElectionSettings.Create(Section($"quorum = {value}"));

        Assert.Equal(expected, settings.Quorum);
        Assert.Equal(SettingsValues.Defaults with { Quorum = expected }, SettingsValues.Of(settings));
    }

    [Theory]
    [InlineData("backend", "backend")]
    [InlineData("\"with space\"", "with space")]
    [InlineData("\"\"", null)]
    public void Role_is_read_and_empty_means_every_member(string value, string? expected)
    {
        var settings = ElectionSettings.Create(Section($"role = {value}"));

        Assert.Equal(expected, settings.Role);
        Assert.Equal(SettingsValues.Defaults with { Role = expected }, SettingsValues.Of(settings));
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("off", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Candidate_is_read(string value, bool expected)
    {
        var settings = ElectionSettings.Create(Section($"candidate = {value}"));

        Assert.Equal(expected, settings.Candidate);
        Assert.Equal(SettingsValues.Defaults with { Candidate = expected }, SettingsValues.Of(settings));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("5", 5)]
    [InlineData("-3", -3)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void Priority_is_read(string value, int expected)
    {
        var settings = ElectionSettings.Create(Section($"priority = {value}"));

        Assert.Equal(expected, settings.Priority);
        Assert.Equal(SettingsValues.Defaults with { Priority = expected }, SettingsValues.Of(settings));
    }

    [Fact]
    public void All_keys_are_read_together()
    {
        var settings = ElectionSettings.Create(Section("""
            election-timeout = 5s
            connection-delay = 300ms
            auto-elect-on-peer-loss = off
            gather-timeout = 800ms
            heartbeat-interval = 2s
            quorum = reachable
            role = voters
            candidate = off
            priority = 9
            """));

        Assert.Equal(TimeSpan.FromSeconds(5), settings.ElectionTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(300), settings.ConnectionDelay);
        Assert.False(settings.AutoElectOnPeerLoss);
        Assert.Equal(TimeSpan.FromMilliseconds(800), settings.GatherTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.HeartbeatInterval);
        Assert.Equal(QuorumMode.Reachable, settings.Quorum);
        Assert.Equal("voters", settings.Role);
        Assert.False(settings.Candidate);
        Assert.Equal(9, settings.Priority);
    }
}
