using System.Diagnostics.Metrics;
using Akka.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Actors.Election.Tests.Docs;

/// <summary>README.md's Akka.Hosting and OpenTelemetry examples do what the README says.</summary>
public sealed class ReadmeHostingSpec
{
    [Fact]
    public void The_hosting_example_registers_the_election_handle_as_a_singleton()
    {
        var services = new ServiceCollection();
        services.AddOrders(ConfigurationFactory.ParseString("akka.actor.provider = cluster"));
        var election = Assert.Single(services, d => d.ServiceType == typeof(Election));
        Assert.Equal(ServiceLifetime.Singleton, election.Lifetime);
        Assert.Contains(services, d => d.ServiceType == typeof(Akka.Actor.ActorSystem));
    }

    [Fact]
    public void The_opentelemetry_example_listens_to_the_election_meter()
    {
        using var meter = new Meter(ElectionMetrics.MeterName);
        var counter = meter.CreateCounter<long>(ElectionMetrics.ElectionsStarted);
        ReadmeHosting.ExportMetricsWhile(_ => Assert.True(counter.Enabled, "the meter provider does not listen to Actors.Election"));
    }
}
