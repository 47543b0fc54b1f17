using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Actors.Election.Hosting.Tests;

/// <summary>What <c>WithElection</c> puts into the builder and the services, without starting a system.</summary>
public sealed class WithElectionBuilderTests
{
    private static (AkkaConfigurationBuilder Builder, ServiceCollection Services) NewBuilder()
    {
        var services = new ServiceCollection();
        return (new AkkaConfigurationBuilder(services, "test"), services);
    }

    private static ElectionSettings SettingsOf(AkkaConfigurationBuilder builder) =>
        ElectionSettings.Create(builder.Configuration.Value.GetConfig(ElectionSettings.ConfigPath));

    [Fact]
    public void Options_set_only_their_keys_and_the_reference_config_is_the_fallback()
    {
        var (builder, _) = NewBuilder();
        builder.AddHocon(ConfigurationFactory.ParseString("actors.election.priority = 4"), HoconAddMode.Append);
        builder.WithElection(o =>
        {
            o.ConnectionDelay = TimeSpan.FromMilliseconds(350);
            o.Quorum = QuorumMode.Reachable;
            o.Role = "backend \"eu\"";
            o.Candidate = false;
            o.AutoElectOnPeerLoss = false;
            o.ElectionTimeout = TimeSpan.FromTicks(25_000_001); // not whole milliseconds
        });

        var settings = SettingsOf(builder);
        Assert.Equal(TimeSpan.FromMilliseconds(350), settings.ConnectionDelay);
        Assert.Equal(QuorumMode.Reachable, settings.Quorum);
        Assert.Equal("backend \"eu\"", settings.Role);
        Assert.False(settings.Candidate);
        Assert.False(settings.AutoElectOnPeerLoss);
        Assert.Equal(TimeSpan.FromTicks(25_000_001), settings.ElectionTimeout);
        Assert.Equal(4, settings.Priority); // from the application's HOCON
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.GatherTimeout); // reference.conf
        // The serializer binding of reference.conf is there too.
        Assert.True(builder.Configuration.Value.HasPath("akka.actor.serializers.actors-election"));
    }

    [Fact]
    public void No_options_set_means_no_section_of_its_own()
    {
        Assert.Equal("", new ElectionOptions().ToHocon());
        var (builder, _) = NewBuilder();
        builder.WithElection(new ElectionOptions());
        Assert.Equal(ElectionSettings.Create(ElectionSettings.DefaultConfig().GetConfig(ElectionSettings.ConfigPath)), SettingsOf(builder));
    }

    [Fact]
    public void Complete_settings_are_taken_as_they_are()
    {
        var given = ElectionSettings.Create(Config.Empty).WithPriority(9).WithQuorum(QuorumMode.Reachable).WithRole("core");
        var (builder, _) = NewBuilder();
        builder.WithElection(given);
        Assert.Equal(given, SettingsOf(builder));
    }

    [Fact]
    public void A_bad_hocon_value_fails_at_once_naming_the_key()
    {
        var (builder, _) = NewBuilder();
        var e = Assert.Throws<ConfigurationException>(() => builder.WithElection("quorum = everyone"));
        Assert.Contains("actors.election.quorum", e.Message);
    }

    [Fact]
    public void The_handle_is_registered_once_however_often_it_is_added()
    {
        var (builder, services) = NewBuilder();
        services.AddElection().AddElection();
        builder.WithElection().WithElection(o => o.Priority = 1);
        Assert.Single(services, d => d.ServiceType == typeof(Election));
        Assert.Equal(1, SettingsOf(builder).Priority);
    }
}
