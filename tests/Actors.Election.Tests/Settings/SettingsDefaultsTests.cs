using Xunit;

namespace Actors.Election.Tests.Settings;

/// <summary>With nothing configured, every setting is the value hocon/reference.conf declares.</summary>
public sealed class SettingsDefaultsTests
{
    private static readonly ElectionSettings Defaults = ElectionSettings.Create(Akka.Configuration.Config.Empty);

    [Fact]
    public void The_reference_conf_file_is_in_the_test_output()
    {
        Assert.True(File.Exists(ReferenceConfFile.Path), $"missing {ReferenceConfFile.Path}");
    }

    [Fact]
    public void Election_timeout_defaults_to_reference_conf() =>
        Assert.Equal(ReferenceConfFile.ElectionSection().GetTimeSpan("election-timeout"), Defaults.ElectionTimeout);

    [Fact]
    public void Connection_delay_defaults_to_reference_conf() =>
        Assert.Equal(ReferenceConfFile.ElectionSection().GetTimeSpan("connection-delay"), Defaults.ConnectionDelay);

    [Fact]
    public void Auto_elect_on_peer_loss_defaults_to_reference_conf() =>
        Assert.Equal(ReferenceConfFile.ElectionSection().GetBoolean("auto-elect-on-peer-loss"), Defaults.AutoElectOnPeerLoss);

    [Fact]
    public void Gather_timeout_defaults_to_reference_conf() =>
        Assert.Equal(ReferenceConfFile.ElectionSection().GetTimeSpan("gather-timeout"), Defaults.GatherTimeout);

    [Fact]
    public void Heartbeat_interval_defaults_to_reference_conf() =>
        Assert.Equal(ReferenceConfFile.ElectionSection().GetTimeSpan("heartbeat-interval"), Defaults.HeartbeatInterval);

    [Fact]
    public void Failure_timeout_defaults_to_reference_conf() =>
        Assert.Equal(ReferenceConfFile.ElectionSection().GetTimeSpan("failure-timeout"), Defaults.FailureTimeout);

    [Fact]
    public void Quorum_defaults_to_reference_conf() =>
        Assert.Equal(ReferenceConfFile.ElectionSection().GetString("quorum"), Defaults.Quorum.ToString().ToLowerInvariant());

    [Fact]
    public void Role_defaults_to_reference_conf()
    {
        var role = ReferenceConfFile.ElectionSection().GetString("role");
        Assert.Equal(role.Length == 0 ? null : role, Defaults.Role);
    }

    [Fact]
    public void Candidate_defaults_to_reference_conf() =>
        Assert.Equal(ReferenceConfFile.ElectionSection().GetBoolean("candidate"), Defaults.Candidate);

    [Fact]
    public void Priority_defaults_to_reference_conf() =>
        Assert.Equal(ReferenceConfFile.ElectionSection().GetInt("priority"), Defaults.Priority);

    [Fact]
    public void Trust_downing_defaults_to_reference_conf_and_is_off() =>
        Assert.False(Defaults.TrustDowning || ReferenceConfFile.ElectionSection().GetBoolean("trust-downing"));

    [Fact]
    public void Max_clock_skew_defaults_to_reference_conf() =>
        Assert.Equal(ReferenceConfFile.ElectionSection().GetTimeSpan("max-clock-skew"), Defaults.MaxClockSkew);

    [Fact]
    public void Wire_format_defaults_to_reference_conf() =>
        Assert.Equal(ReferenceConfFile.ElectionSection().GetString("wire-format"), Defaults.WireFormat.ToString().ToLowerInvariant());

    [Fact]
    public void Every_key_of_reference_conf_is_covered_by_these_tests()
    {
        string[] covered =
        [
            "election-timeout", "connection-delay", "auto-elect-on-peer-loss", "gather-timeout", "heartbeat-interval",
            "failure-timeout", "quorum", "role", "candidate", "priority", "trust-downing", "max-clock-skew", "wire-format",
        ];

        Assert.Equal(covered.Order(), ReferenceConfFile.ElectionSection().AsEnumerable().Select(e => e.Key).Order());
    }

    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        // DESIGN.md section 6: the seed's three, plus the library's own (README's configuration table).
        Assert.Equal(TimeSpan.FromSeconds(3), Defaults.ElectionTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(200), Defaults.ConnectionDelay);
        Assert.True(Defaults.AutoElectOnPeerLoss);
        Assert.Equal(TimeSpan.FromMilliseconds(500), Defaults.GatherTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), Defaults.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), Defaults.FailureTimeout);
        Assert.Equal(QuorumMode.Majority, Defaults.Quorum);
        Assert.Null(Defaults.Role);
        Assert.True(Defaults.Candidate);
        Assert.Equal(0, Defaults.Priority);
        Assert.False(Defaults.TrustDowning);
        Assert.Equal(TimeSpan.FromHours(1), Defaults.MaxClockSkew);
        Assert.Equal(WireFormat.Protobuf, Defaults.WireFormat);
    }

    [Fact]
    public void A_null_section_means_the_defaults()
    {
        Assert.Equal(Defaults, ElectionSettings.Create((Akka.Configuration.Config)null!));
    }

    [Fact]
    public void The_embedded_defaults_are_the_checked_in_file()
    {
        Assert.Equal(ElectionSettings.Create(ReferenceConfFile.ElectionSection()), Defaults);
        Assert.Equal(
            ReferenceConfFile.ElectionSection().AsEnumerable().Select(e => (e.Key, e.Value.GetString())).OrderBy(e => e.Key),
            ElectionSettings.DefaultConfig().GetConfig(ElectionSettings.ConfigPath).AsEnumerable().Select(e => (e.Key, e.Value.GetString())).OrderBy(e => e.Key));
    }
}
