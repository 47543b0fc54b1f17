using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Xunit;

namespace Actors.Election.Tests.Docs;

/// <summary>The sample node configurations in hocon/samples parse, and the library and Akka.Cluster accept them.</summary>
public sealed class SampleConfigSpec
{
    private const string SamplesFolder = "hocon/samples";

    private static IReadOnlyList<string> SampleFiles() =>
        Directory.GetFiles(Repository.Path(SamplesFolder), "*.conf").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> Samples() => new(SampleFiles());

    private static Config Load(string sample) => ConfigurationFactory.ParseString(Repository.Read($"{SamplesFolder}/{sample}"));

    [Fact]
    public void The_documented_samples_are_there()
    {
        var samples = SampleFiles();
        Assert.Contains("majority-cluster.conf", samples);
        Assert.Contains("reachable-edge.conf", samples);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_sample_parses_and_its_election_section_is_accepted(string sample)
    {
        var config = Load(sample);
        Assert.Equal("cluster", config.GetString("akka.actor.provider"));
        Assert.Equal("127.0.0.1", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.NotEmpty(config.GetStringList("akka.cluster.seed-nodes"));

        var section = config.GetConfig(ElectionSettings.ConfigPath);
        Assert.False(section.IsEmpty, $"{sample} has no actors.election section");
        var settings = ElectionSettings.Create(section);
        Assert.NotNull(settings);

        // Unknown keys would be silently ignored: every key must be one the library reads.
        var known = ReadmeConfigTableSpec.ReferenceDefaults().Keys.ToHashSet();
        foreach (var (key, _) in section.AsEnumerable())
            Assert.True(known.Contains(key), $"{sample}: actors.election.{key} is not a setting of the library");

        // A node only takes part when it carries the election's role.
        if (settings.Role is { } role)
            Assert.Contains(role, config.GetStringList("akka.cluster.roles"));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_sample_loses_a_master_only_after_a_silence_its_failure_detector_would_not_ride_out_either(string sample)
    {
        var config = Load(sample);
        var settings = ElectionSettings.Create(config.GetConfig(ElectionSettings.ConfigPath));
        const string pauseKey = "akka.cluster.failure-detector.acceptable-heartbeat-pause";
        Assert.True(config.HasPath(pauseKey), $"{sample} does not say what silence its failure detector tolerates");

        // A follower loses a master it has not heard for failure-timeout, whatever the failure detector says: a pause the
        // cluster rides out (a GC, a network hiccup) must cost no election either.
        var pause = config.GetTimeSpan(pauseKey);
        Assert.True(settings.FailureTimeout >= pause, $"{sample}: failure-timeout {settings.FailureTimeout} is below acceptable-heartbeat-pause {pause}");
        // Two announcements lost in a row cost no election.
        Assert.True(settings.FailureTimeout >= settings.HeartbeatInterval * 3,
            $"{sample}: failure-timeout {settings.FailureTimeout} leaves no room for lost heartbeats ({settings.HeartbeatInterval})");
    }

    [Fact]
    public void The_majority_sample_is_safe_and_detects_failures_faster_than_the_defaults()
    {
        var config = Load("majority-cluster.conf");
        var settings = ElectionSettings.Create(config.GetConfig(ElectionSettings.ConfigPath));
        Assert.Equal(QuorumMode.Majority, settings.Quorum);
        Assert.Null(settings.Role);
        Assert.Equal(3, config.GetStringList("akka.cluster.seed-nodes").Count);
        Assert.True(config.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval") < TimeSpan.FromSeconds(1));
        Assert.True(config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause") < TimeSpan.FromSeconds(3));
        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        // The election keeps time with its tuned detector: it announces as often as the detector heartbeats, and loses a
        // silent master after the silence the detector tolerates (so also sooner than Akka's default detector would).
        Assert.Equal(config.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval"), settings.HeartbeatInterval);
        Assert.Equal(config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"), settings.FailureTimeout);
    }

    [Fact]
    public void The_edge_sample_keeps_a_master_on_each_side_and_elects_among_its_role()
    {
        var config = Load("reachable-edge.conf");
        var settings = ElectionSettings.Create(config.GetConfig(ElectionSettings.ConfigPath));
        Assert.Equal(QuorumMode.Reachable, settings.Quorum);
        Assert.Equal("election", settings.Role);
        Assert.Contains("election", config.GetStringList("akka.cluster.roles"));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Each_sample_starts_an_ActorSystem_whose_election_and_cluster_take_its_settings(string sample)
    {
        var sampleConfig = Load(sample);
        var config = ConfigurationFactory.ParseString("""
            akka.remote.dot-netty.tcp.port = 0
            akka.cluster.seed-nodes = []
            akka.loglevel = WARNING
            """).WithFallback(sampleConfig);
        var system = ActorSystem.Create("sample", config);
        try
        {
            var election = Election.Get(system);
            Assert.Equal(ElectionSettings.Create(sampleConfig.GetConfig(ElectionSettings.ConfigPath)), election.Settings);

            var cluster = Cluster.Get(system).Settings;
            Assert.Equal(sampleConfig.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval"), cluster.HeartbeatInterval);
            Assert.Equal(sampleConfig.GetStringList("akka.cluster.roles").ToHashSet(), cluster.Roles.ToHashSet());
            var downing = sampleConfig.GetString("akka.cluster.downing-provider-class");
            if (string.IsNullOrEmpty(downing))
                Assert.Equal(typeof(NoDowning), cluster.DowningProviderType);
            else
                Assert.Equal(Type.GetType(downing, throwOnError: true), cluster.DowningProviderType);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
