using Akka.Configuration;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Tests.Settings;

/// <summary>A system that configures nothing for the election gets the defaults.</summary>
public sealed class SettingsFromUnconfiguredActorSystemTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString("akka.loglevel = INFO"), output: output)
{
    [Fact]
    public void A_system_without_an_election_section_gets_the_defaults()
    {
        Assert.Equal(ElectionSettings.Create(Config.Empty), ElectionSettings.Create(Sys));
    }
}
