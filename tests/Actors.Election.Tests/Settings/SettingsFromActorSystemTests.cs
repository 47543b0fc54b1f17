using Akka.Configuration;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Tests.Settings;

/// <summary><c>Create(ActorSystem)</c> reads the system's <c>actors.election</c> section over the embedded defaults.</summary>
public sealed class SettingsFromActorSystemTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(
    ConfigurationFactory.ParseString("""
        actors.election {
          priority = 7
          role = "backend"
          quorum = reachable
        }
        """), output: output)
{
    [Fact]
    public void The_systems_section_is_read()
    {
        var settings = ElectionSettings.Create(Sys);

        Assert.Equal(7, settings.Priority);
        Assert.Equal("backend", settings.Role);
        Assert.Equal(QuorumMode.Reachable, settings.Quorum);
    }

    [Fact]
    public void Keys_the_system_leaves_out_fall_back_to_the_embedded_defaults()
    {
        var settings = ElectionSettings.Create(Sys);

        Assert.Equal(
            ElectionSettings.Create(Config.Empty).WithPriority(7).WithRole("backend").WithQuorum(QuorumMode.Reachable),
            settings);
    }

    [Fact]
    public void A_null_system_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => ElectionSettings.Create((Akka.Actor.ActorSystem)null!));
    }
}
