using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Actors.Election.Hosting.Tests;

/// <summary>
/// <c>WithElection(hocon)</c> under Akka.Hosting: the section's keys win over the application's HOCON, the keys it
/// leaves out keep the application's values, and the rest fall back to the library's reference.conf.
/// </summary>
public sealed class WithElectionHoconSpec(ITestOutputHelper output) : Akka.Hosting.TestKit.TestKit(nameof(WithElectionHoconSpec), output)
{
    protected override void ConfigureServices(HostBuilderContext context, IServiceCollection services)
    {
        base.ConfigureServices(context, services);
        services.AddElection();
    }

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder
            .AddHocon(ConfigurationFactory.ParseString("actors.election { priority = 5, quorum = majority }"), HoconAddMode.Append)
            .AsOneNodeCluster()
            .WithElection("quorum = reachable\ngather-timeout = 250ms");

    [Fact]
    public async Task The_hocon_section_is_layered_over_the_application_config_and_the_defaults()
    {
        var election = Host.Services.GetRequiredService<Election>();
        Assert.Equal(QuorumMode.Reachable, election.Settings.Quorum);
        Assert.Equal(TimeSpan.FromMilliseconds(250), election.Settings.GatherTimeout);
        Assert.Equal(5, election.Settings.Priority);
        Assert.Equal(TimeSpan.FromMilliseconds(200), election.Settings.ConnectionDelay); // reference.conf

        using var cts = new CancellationTokenSource(OneNodeCluster.Generous);
        Assert.Equal(Akka.Cluster.Cluster.Get(Sys).SelfUniqueAddress, await election.WaitForMasterAsync(cts.Token));
    }
}
