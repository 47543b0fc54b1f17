using Xunit;

namespace Actors.Election.Demo.Tests;

public sealed class CliTests
{
    [Fact]
    public void Demo_defaults_are_five_nodes_and_three_rounds()
    {
        var result = Cli.Parse("demo");
        Assert.Empty(result.Errors);
        var options = Cli.ToDemo(result);
        Assert.Equal(5, options.Nodes);
        Assert.Equal(3, options.Rounds);
        Assert.False(options.Plain);
    }

    [Fact]
    public void No_arguments_runs_the_demo()
    {
        var result = Cli.Parse();
        Assert.Empty(result.Errors);
        Assert.Same(result.RootCommandResult.Command, result.CommandResult.Command);
        Assert.NotNull(result.CommandResult.Command.Action);
    }

    [Fact]
    public void Demo_options_parse()
    {
        var options = Cli.ToDemo(Cli.Parse("demo", "--nodes", "3", "--rounds", "0", "--interval", "1.5", "--plain"));
        Assert.Equal(3, options.Nodes);
        Assert.Equal(0, options.Rounds);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.Interval);
        Assert.True(options.Plain);
    }

    [Theory]
    [InlineData("demo", "--nodes", "0")]
    [InlineData("demo", "--rounds", "-1")]
    [InlineData("demo", "--nodes", "three")]
    [InlineData("bench", "failover", "--nodes", "3,x")]
    [InlineData("bench", "failover", "--nodes", "1")]
    [InlineData("bench", "failover", "--rounds", "0")]
    [InlineData("node", "--quorum", "everyone")]
    [InlineData("node", "--unknown")]
    [InlineData("node", "--log-level", "LOUD")]
    public void Bad_arguments_are_errors(params string[] args) => Assert.NotEmpty(Cli.Parse(args).Errors);

    [Fact]
    public void A_node_logs_at_the_level_asked_for_and_a_bench_writes_every_nodes_log_where_asked()
    {
        var node = Cli.ToNode(Cli.Parse("node", "--log-level", "INFO"));
        Assert.Equal("INFO", node.LogLevel);
        var config = NodeHost.BuildConfig(node);
        Assert.Equal("INFO", config.GetString("akka.loglevel"));
        Assert.Equal("INFO", config.GetString("akka.stdout-loglevel"));
        Assert.Equal("WARNING", NodeHost.BuildConfig(Cli.ToNode(Cli.Parse("node"))).GetString("akka.loglevel"));

        var bench = Cli.ToBench(Cli.Parse("bench", "failover", "--node-logs", "logs"));
        Assert.Equal(Path.GetFullPath("logs"), bench.NodeLogs);
        Assert.Null(Cli.ToBench(Cli.Parse("bench", "failover")).NodeLogs);
    }

    [Fact]
    public void Node_options_parse()
    {
        var result = Cli.Parse("node", "--host", "10.0.0.5", "--port", "2551", "--seeds", "10.0.0.5:2551, 10.0.0.6:2551", "--seeds", "akka.tcp://election@10.0.0.7:2551",
            "--role", "backend", "--quorum", "reachable", "--config", "hocon/samples/majority-cluster.conf", "--fast", "--singleton", "--parent-pid", "42");
        Assert.Empty(result.Errors);
        var options = Cli.ToNode(result);
        Assert.Equal("10.0.0.5", options.Host);
        Assert.Equal(2551, options.Port);
        Assert.Equal(["10.0.0.5:2551", "10.0.0.6:2551", "akka.tcp://election@10.0.0.7:2551"], options.Seeds);
        Assert.Equal("backend", options.Role);
        Assert.Equal(QuorumMode.Reachable, options.Quorum);
        Assert.EndsWith("majority-cluster.conf", options.ConfigFile);
        Assert.True(options.Fast);
        Assert.True(options.Singleton);
        Assert.Equal(42, options.ParentPid);
    }

    [Fact]
    public void Node_defaults_leave_everything_to_the_config()
    {
        var options = Cli.ToNode(Cli.Parse("node"));
        Assert.Null(options.Host);
        Assert.Null(options.Port);
        Assert.Empty(options.Seeds);
        Assert.Null(options.Quorum);
        Assert.Null(options.ParentPid);
        Assert.False(options.Singleton);
    }

    [Fact]
    public void Node_config_puts_options_over_the_file_over_the_defaults()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "akka.remote.dot-netty.tcp.port = 2599\nakka.remote.dot-netty.tcp.hostname = filehost\nactors.election.election-timeout = 7s\n");
            var config = NodeHost.BuildConfig(Cli.ToNode(Cli.Parse("node", "--config", file, "--host", "clihost", "--seeds", "a:1,akka.tcp://x@b:2", "--quorum", "reachable", "--fast")));
            Assert.Equal("clihost", config.GetString("akka.remote.dot-netty.tcp.hostname"));
            Assert.Equal(2599, config.GetInt("akka.remote.dot-netty.tcp.port"));
            Assert.Equal(TimeSpan.FromSeconds(7), config.GetTimeSpan("actors.election.election-timeout"));
            Assert.Equal(TimeSpan.FromMilliseconds(100), config.GetTimeSpan("actors.election.connection-delay"));
            Assert.Equal("reachable", config.GetString("actors.election.quorum"));
            Assert.Equal(["akka.tcp://election@a:1", "akka.tcp://x@b:2"], config.GetStringList("akka.cluster.seed-nodes"));
            Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Bench_options_parse()
    {
        var options = Cli.ToBench(Cli.Parse("bench", "failover", "--nodes", "3, 5", "--rounds", "2", "--output", "out"));
        Assert.Equal([3, 5], options.Sizes);
        Assert.Equal(2, options.Rounds);
        Assert.EndsWith("out", options.Output);
        var defaults = Cli.ToBench(Cli.Parse("bench", "failover"));
        Assert.Equal([3, 5, 9], defaults.Sizes);
        Assert.Equal(3, defaults.Rounds); // the full default sweep takes about an hour on 2 cores (printed up front)
        Assert.Equal(1, defaults.PartitionRounds);
        Assert.Equal(["akka-default", "tight"], defaults.Detectors);
        Assert.Equal(["2s", "7s", "20s"], defaults.StableAfters);
        Assert.False(defaults.ElectionOnly);
        Assert.Equal("20s", NodeHost.AkkaDefaultStableAfter); // Akka's own default split brain resolver, as read from Akka.Cluster
        var one = Cli.ToBench(Cli.Parse("bench", "failover", "--nodes", "5", "--rounds", "3", "--detector", "tight", "--sbr-stable-after", "2s"));
        Assert.Equal(["tight"], one.Detectors);
        Assert.Equal(["2s"], one.StableAfters);
        Assert.Equal([5], one.Sizes);
        Assert.Equal(3, one.Rounds);
        Assert.True(Cli.ToBench(Cli.Parse("bench", "failover", "--election-only")).ElectionOnly);
    }

    [Fact]
    public void The_resolver_stable_after_option_overrides_the_fast_detector()
    {
        var fast = NodeHost.BuildConfig(Cli.ToNode(Cli.Parse("node", "--fast")));
        Assert.Equal(TimeSpan.FromSeconds(2), fast.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        var slow = NodeHost.BuildConfig(Cli.ToNode(Cli.Parse("node", "--fast", "--sbr-stable-after", "20s")));
        Assert.Equal(TimeSpan.FromSeconds(20), slow.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(TimeSpan.FromSeconds(1), slow.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
    }

    [Fact]
    public void Percentiles()
    {
        Assert.Equal(2, Stats.Median([3, 1, 2]));
        Assert.Equal(2.5, Stats.Median([4, 1, 2, 3]));
        Assert.Equal(9.1, Stats.Percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), 6);
        Assert.True(double.IsNaN(Stats.Median([])));
        Assert.Equal(2, Stats.MedianOfRounds([1, 2, null]));
        Assert.True(double.IsPositiveInfinity(Stats.MedianOfRounds([1, null, null])));
        Assert.True(double.IsPositiveInfinity(Stats.PercentileOfRounds([1, 2, null, null], 90)));
    }

    [Fact]
    public void Demo_and_node_detector_options_parse()
    {
        Assert.Equal("auto", Cli.ToDemo(Cli.Parse("demo")).Detector);
        Assert.Equal("loaded", Cli.ToDemo(Cli.Parse("demo", "--detector", "loaded")).Detector);
        Assert.NotEmpty(Cli.Parse("demo", "--detector", "fast").Errors);
        var node = Cli.ToNode(Cli.Parse("node", "--detector", "akka-default", "--min-members", "9"));
        Assert.Equal("akka-default", node.Detector);
        Assert.Equal(9, node.MinMembers);
        Assert.Equal(DetectorProfile.Loaded, DemoCommand.Resolve("auto", 25 * Environment.ProcessorCount));
        Assert.Equal(DetectorProfile.AkkaDefault, DemoCommand.Resolve("akka-default", 3));
    }
}
