using Akka.Configuration;
using Xunit;
using static Actors.Election.Tests.Settings.ReferenceConfFile;

namespace Actors.Election.Tests.Settings;

/// <summary>Every invalid value is rejected with a ConfigurationException that names the full key.</summary>
public sealed class SettingsValidationTests
{
    private static void Rejected(string hocon, string key)
    {
        var e = Assert.Throws<ConfigurationException>(() => ElectionSettings.Create(Section(hocon)));
        Assert.Contains($"actors.election.{key}", e.Message);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("0")]
    [InlineData("-1s")]
    [InlineData("-1ms")]
    public void A_zero_or_negative_election_timeout_is_rejected(string value) => Rejected($"election-timeout = {value}", "election-timeout");

    [Theory]
    [InlineData("-1ms")]
    [InlineData("-5s")]
    public void A_negative_connection_delay_is_rejected(string value) => Rejected($"connection-delay = {value}", "connection-delay");

    [Theory]
    [InlineData("0s")]
    [InlineData("-1ms")]
    public void A_zero_or_negative_gather_timeout_is_rejected(string value) => Rejected($"gather-timeout = {value}", "gather-timeout");

    [Theory]
    [InlineData("0s")]
    [InlineData("-1ms")]
    public void A_zero_or_negative_heartbeat_interval_is_rejected(string value) => Rejected($"heartbeat-interval = {value}", "heartbeat-interval");

    [Theory]
    [InlineData("3s")]
    [InlineData("3001ms")]
    [InlineData("1m")]
    public void A_gather_timeout_not_below_the_election_timeout_is_rejected(string value) =>
        Rejected($"election-timeout = 3s\ngather-timeout = {value}", "gather-timeout");

    [Theory]
    [InlineData("3s")]
    [InlineData("10s")]
    public void A_heartbeat_interval_not_below_the_election_timeout_is_rejected(string value) =>
        Rejected($"election-timeout = 3s\nfailure-timeout = 1m\nheartbeat-interval = {value}", "heartbeat-interval");

    [Theory]
    [InlineData("0s")]
    [InlineData("-1ms")]
    public void A_zero_or_negative_failure_timeout_is_rejected(string value) => Rejected($"failure-timeout = {value}", "failure-timeout");

    [Theory]
    [InlineData("heartbeat-interval = 1s", "failure-timeout = 1s")]
    [InlineData("heartbeat-interval = 1s", "failure-timeout = 999ms")]
    [InlineData("heartbeat-interval = 250ms", "failure-timeout = 250ms")]
    [InlineData("heartbeat-interval = 2s", "")] // the default failure-timeout (1s) is below it
    public void A_failure_timeout_not_above_the_heartbeat_interval_is_rejected(string heartbeat, string failure) =>
        Rejected($"{heartbeat}\n{failure}", "failure-timeout");

    [Fact]
    public void A_heartbeat_interval_at_the_default_failure_timeout_is_rejected_saying_what_it_must_stay_below()
    {
        // 1s was the default heartbeat-interval before failure-timeout existed: a configuration that still sets it must
        // learn which key to raise.
        var e = Assert.Throws<ConfigurationException>(() => ElectionSettings.Create(Section("heartbeat-interval = 1s")));
        Assert.Contains("actors.election.failure-timeout", e.Message);
        Assert.Contains("heartbeat-interval", e.Message);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("-1s")]
    [InlineData("3651d")]
    public void A_max_clock_skew_not_positive_or_beyond_ten_years_is_rejected(string value) => Rejected($"max-clock-skew = {value}", "max-clock-skew");

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    [InlineData("\"\"")]
    public void A_non_boolean_trust_downing_is_rejected(string value) => Rejected($"trust-downing = {value}", "trust-downing");

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    [InlineData("\"\"")]
    [InlineData("1")]
    public void An_unknown_wire_format_is_rejected(string value) => Rejected($"wire-format = {value}", "wire-format");

    [Fact]
    public void An_election_timeout_at_or_below_the_default_gather_timeout_is_rejected_naming_gather_timeout() =>
        Rejected("election-timeout = 500ms", "gather-timeout");

    [Theory]
    [InlineData("most")]
    [InlineData("all")]
    [InlineData("\"\"")]
    [InlineData("1")]
    public void An_unknown_quorum_mode_is_rejected(string value) => Rejected($"quorum = {value}", "quorum");

    [Theory]
    [InlineData("maybe")]
    [InlineData("1")]
    [InlineData("\"\"")]
    [InlineData("onn")]
    public void A_non_boolean_candidate_is_rejected(string value) => Rejected($"candidate = {value}", "candidate");

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    public void A_non_boolean_auto_elect_on_peer_loss_is_rejected(string value) => Rejected($"auto-elect-on-peer-loss = {value}", "auto-elect-on-peer-loss");

    [Theory]
    [InlineData("high")]
    [InlineData("1.5")]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    [InlineData("\"\"")]
    [InlineData("1e3")]
    public void A_non_integer_priority_is_rejected(string value) => Rejected($"priority = {value}", "priority");

    public static TheoryData<string> DurationKeys() => new()
    {
        "election-timeout", "connection-delay", "gather-timeout", "heartbeat-interval", "failure-timeout", "max-clock-skew",
    };

    [Theory]
    [MemberData(nameof(DurationKeys))]
    public void An_unparseable_duration_is_rejected(string key)
    {
        Rejected($"{key} = soon", key);
        Rejected($"{key} = \"3 fortnights\"", key);
        Rejected($"{key} = \"\"", key);
        Rejected($"{key} = on", key);
    }

    [Theory]
    [MemberData(nameof(DurationKeys))]
    public void An_infinite_duration_is_rejected(string key) => Rejected($"{key} = infinite", key);

    [Theory]
    [MemberData(nameof(DurationKeys))]
    public void A_duration_given_as_an_object_is_rejected(string key) => Rejected($"{key} {{ a = 1 }}", key);
}
