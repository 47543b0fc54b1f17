using System.Globalization;
using Akka.Configuration;
using Xunit;

namespace Actors.Election.Tests.Settings;

/// <summary><c>ToHocon()</c> writes an <c>actors.election</c> section that <c>Create</c> reads back into equal settings.</summary>
public sealed class SettingsToHoconTests
{
    private static readonly ElectionSettings Defaults = ElectionSettings.Create(Config.Empty);

    private static ElectionSettings ReadBack(ElectionSettings settings) =>
        ElectionSettings.Create(ConfigurationFactory.ParseString(settings.ToHocon()).GetConfig(ElectionSettings.ConfigPath));

    public static TheoryData<string, ElectionSettings> Variants() => new()
    {
        { "defaults", Defaults },
        {
            "every setting changed", Defaults
                .WithElectionTimeout(TimeSpan.FromMilliseconds(12_345))
                .WithConnectionDelay(TimeSpan.Zero)
                .WithAutoElectOnPeerLoss(false)
                .WithGatherTimeout(TimeSpan.FromMilliseconds(1))
                .WithFailureTimeout(TimeSpan.FromMilliseconds(4_321))
                .WithHeartbeatInterval(TimeSpan.FromMilliseconds(999))
                .WithQuorum(QuorumMode.Reachable)
                .WithRole("backend")
                .WithCandidate(false)
                .WithPriority(int.MinValue)
                .WithTrustDowning(true)
                .WithMaxClockSkew(TimeSpan.FromMinutes(7))
                .WithWireFormat(WireFormat.Legacy)
        },
        { "maximal priority", Defaults.WithPriority(int.MaxValue) },
        {
            "long timeouts", Defaults.WithElectionTimeout(TimeSpan.FromDays(3)).WithFailureTimeout(TimeSpan.FromDays(1))
                .WithHeartbeatInterval(TimeSpan.FromHours(5)).WithMaxClockSkew(TimeSpan.FromDays(3650))
        },
        { "role with spaces and punctuation", Defaults.WithRole("a role: with {braces}, = and #") },
        { "role with a quote and a backslash", Defaults.WithRole("say \"hi\" \\ bye") },
        { "unicode role", Defaults.WithRole("rôle-选举") },
        {
            "sub-millisecond durations", Defaults.WithElectionTimeout(TimeSpan.FromTicks(30_000_001)).WithGatherTimeout(TimeSpan.FromTicks(5_000_005))
                .WithFailureTimeout(TimeSpan.FromTicks(12_345_678)).WithMaxClockSkew(TimeSpan.FromTicks(36_000_000_001))
        },
    };

    [Fact]
    public void The_every_setting_variant_changes_every_setting()
    {
        // So the round trip covers every key, including keys added later.
        var changed = (ElectionSettings)Variants().Single(v => (string)v[0] == "every setting changed")[1];
        foreach (var property in typeof(ElectionSettings).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            Assert.False(Equals(property.GetValue(Defaults), property.GetValue(changed)), $"{property.Name} is the default in the variant");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void ToHocon_round_trips_through_Create(string name, ElectionSettings settings)
    {
        var back = ReadBack(settings);

        Assert.True(settings.Equals(back), $"{name}: {settings} came back as {back}\n{settings.ToHocon()}");
    }

    [Fact]
    public void ToHocon_parses_as_a_whole_config_that_Create_of_a_system_section_would_read()
    {
        var config = ConfigurationFactory.ParseString(Defaults.WithPriority(3).ToHocon());

        Assert.True(config.HasPath("actors.election.priority"));
        Assert.Equal(3, config.GetInt("actors.election.priority"));
    }

    [Fact]
    public void ToHocon_writes_numbers_the_same_in_every_culture()
    {
        // Some cultures format a negative number with U+2212 MINUS SIGN, which HOCON does not read as a number.
        var settings = Defaults.WithPriority(-3).WithElectionTimeout(TimeSpan.FromMilliseconds(1_234_567));
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("sv-SE");
            var hocon = settings.ToHocon();
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

            Assert.Contains("priority = -3", hocon);
            Assert.Equal(settings, ElectionSettings.Create(ConfigurationFactory.ParseString(hocon).GetConfig(ElectionSettings.ConfigPath)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
