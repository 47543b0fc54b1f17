using System.Reflection;
using Akka.Actor;
using Akka.Cluster;
using Xunit;

namespace Actors.Election.Demo.Tests;

/// <summary>The settings a node reports are read from its running actor system, not copied from what the demo meant.</summary>
public sealed class NodeSettingsTests
{
    private static async Task<NodeSettings> ReadAsync(bool election, params string[] nodeArgs)
    {
        var config = NodeHost.BuildConfig(Cli.ToNode(Cli.Parse(["node", "--port", "0", .. nodeArgs])));
        var system = ActorSystem.Create(NodeHost.SystemName, config);
        try
        {
            var handle = election ? Election.Get(system) : null;
            return NodeSettings.Read(system, handle, Cluster.Get(system).SelfUniqueAddress.ToShortId());
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task The_tight_profile_reads_back_as_configured_and_the_removal_margin_follows_stable_after()
    {
        var settings = await ReadAsync(true, "--detector", "tight", "--sbr-stable-after", "7s", "--min-members", "3");
        Assert.Equal("200ms", NodeSettings.Get(settings.FailureDetector, "heartbeat-interval"));
        Assert.Equal("1s", NodeSettings.Get(settings.FailureDetector, "acceptable-heartbeat-pause"));
        Assert.Equal("3", NodeSettings.Get(settings.Cluster, "min-nr-of-members"));
        Assert.Equal("7s", NodeSettings.Get(settings.Downing, "stable-after"));
        // The resolver sets down-removal-margin to stable-after (down-removal-margin = off), and the singleton takes it.
        Assert.Equal("7s", NodeSettings.Get(settings.Downing, "down-removal-margin (effective)"));
        Assert.Equal("7s", NodeSettings.Get(settings.Singleton, "removal-margin (effective)"));
        Assert.Equal("200ms", NodeSettings.Get(settings.Singleton, "proxy singleton-identification-interval"));
        Assert.Equal("100ms", NodeSettings.Get(settings.Election, "connection-delay"));
        Assert.Equal("Actors.Election", settings.Implementation);
    }

    [Fact]
    public async Task Akka_default_reads_back_akkas_own_values_and_the_loaded_versions()
    {
        var settings = await ReadAsync(false, "--detector", "akka-default");
        var reference = DetectorProfile.AkkaClusterReference;
        Assert.Equal(NodeSettings.Duration(reference.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval")), NodeSettings.Get(settings.FailureDetector, "heartbeat-interval"));
        Assert.Equal(NodeSettings.Duration(reference.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause")), NodeSettings.Get(settings.FailureDetector, "acceptable-heartbeat-pause"));
        Assert.Equal(reference.GetString("akka.cluster.split-brain-resolver.stable-after").Replace(" ", ""), NodeSettings.Get(settings.Downing, "stable-after"));
        Assert.Empty(settings.Election); // a singleton node runs no election
        Assert.Equal("ClusterSingleton", settings.Implementation);
        var akka = typeof(ActorSystem).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.Equal(akka, NodeSettings.Get(settings.Versions, "Akka"));
        Assert.NotNull(NodeSettings.Get(settings.Versions, "Akka.Cluster.Tools"));
        Assert.NotNull(NodeSettings.Get(settings.Versions, "Actors.Election"));
    }

    [Theory]
    [InlineData(200, "200ms")]
    [InlineData(1000, "1s")]
    [InlineData(20000, "20s")]
    [InlineData(1500, "1500ms")]
    [InlineData(0.5, "0.5ms")]
    public void Durations_read_as_hocon(double ms, string expected) => Assert.Equal(expected, NodeSettings.Duration(TimeSpan.FromMilliseconds(ms)));
}
