using Akka.Actor;
using Akka.Configuration;
using Xunit;

namespace Actors.Election.Demo.Tests;

public sealed class DetectorProfileTests
{
    [Fact]
    public void Akka_default_overrides_nothing_and_its_values_come_from_akka_clusters_reference_configuration()
    {
        Assert.Equal("", DetectorProfile.AkkaDefault.Hocon);
        var reference = DetectorProfile.AkkaClusterReference;
        var detection = SweepPlan.DetectionEstimate(DetectorProfile.AkkaDefault);
        Assert.Equal(reference.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval")
                     + reference.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause") + TimeSpan.FromSeconds(1), detection);
        Assert.Equal(TimeSpan.FromSeconds(1.2 + 1), SweepPlan.DetectionEstimate(DetectorProfile.Tight));
    }

    [Theory]
    [InlineData(3, 2, "tight")]
    [InlineData(10, 2, "tight")]
    [InlineData(11, 2, "loaded")]
    [InlineData(25, 2, "loaded")]
    [InlineData(25, 8, "tight")]
    public void Auto_picks_the_profile_by_nodes_per_core(int nodes, int cores, string expected) =>
        Assert.Equal(expected, DetectorProfile.ForLocalCluster(nodes, cores).Name);

    [Fact]
    public void Profiles_are_found_by_name_and_fast_is_tight()
    {
        Assert.Same(DetectorProfile.Tight, DetectorProfile.Find(" TIGHT "));
        Assert.Same(DetectorProfile.AkkaDefault, DetectorProfile.Find("akka-default"));
        Assert.Null(DetectorProfile.Find("auto"));
        Assert.Null(DetectorProfile.Find("fast"));
        Assert.Same(DetectorProfile.Tight, NodeHost.Profile(new NodeOptions { Fast = true }));
        Assert.Same(DetectorProfile.Loaded, NodeHost.Profile(new NodeOptions { Fast = true, Detector = "loaded" }));
        Assert.Null(NodeHost.Profile(new NodeOptions()));
    }

    [Fact]
    public void The_node_config_takes_the_profile_and_min_members()
    {
        var config = NodeHost.BuildConfig(Cli.ToNode(Cli.Parse("node", "--detector", "loaded", "--min-members", "25")));
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        Assert.Equal(25, config.GetInt("akka.cluster.min-nr-of-members"));
        var defaults = NodeHost.BuildConfig(Cli.ToNode(Cli.Parse("node")));
        Assert.False(defaults.HasPath("akka.cluster.failure-detector.acceptable-heartbeat-pause")); // Akka's own default applies
    }

    [Fact]
    public void Descriptions_take_their_numbers_from_the_settings()
    {
        Assert.EndsWith("(heartbeat-interval 200ms, acceptable-heartbeat-pause 1s)", DetectorProfile.Tight.Description);
        Assert.EndsWith("(heartbeat-interval 1s, acceptable-heartbeat-pause 10s)", DetectorProfile.Loaded.Description);
        var reference = DetectorProfile.AkkaClusterReference;
        Assert.Contains($"acceptable-heartbeat-pause {NodeSettings.Duration(reference.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"))}", DetectorProfile.AkkaDefault.Description);
        Assert.All(DetectorProfile.All, p => Assert.DoesNotMatch(@"\d", p.Purpose)); // numbers only from the settings
    }

    [Fact]
    public void Every_profile_holds_valid_election_settings()
    {
        foreach (var profile in DetectorProfile.All)
            ElectionSettings.Create(profile.Config.GetConfig(ElectionSettings.ConfigPath) ?? Config.Empty);
    }
}
