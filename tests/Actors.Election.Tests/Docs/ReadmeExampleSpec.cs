using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Actors.Election.Sample;
using Akka.Configuration;
using Xunit;

namespace Actors.Election.Tests.Docs;

/// <summary>
/// Runs README.md's embedding example for real: its HOCON (on a free loopback port) on a one-node cluster, the
/// start-up code, and the job that runs only while the node leads, through a hand-over and through a shutdown, writing
/// to README's fenced store on SQLite. Its waits are TestKit's AwaitAssert with a generous bound (real sockets, real time).
/// </summary>
public sealed class ReadmeExampleSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_embedding_example_elects_a_lone_node_and_its_job_runs_only_while_it_leads()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var store = new TempStore();
        var (system, election, master) = await ReadmeEmbedding.StartAsync(OneNodeConfig(), timeout.Token);
        try
        {
            Assert.Equal(Cluster.Get(system).SelfUniqueAddress, master);

            var log = new FencedLog(store.ConnectionString);
            using var stopJob = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            var job = ReadmeEmbedding.RunWhileLeadingAsync(election, log, stopJob.Token);

            var first = await election.WaitForLeadershipAsync(timeout.Token);
            Assert.Equal(master, first.Master);
            Assert.False(first.Lost.IsCancellationRequested);
            await Until(() => store.Written(first.Token) > 0);

            // Hand over. Alone, the node sits the hand-over session out, then is elected again in a later session.
            var stepDown = await election.StepDownAsync();
            Assert.True(stepDown.SteppedDown);
            Assert.Equal(first.Session, stepDown.Session);
            await Until(() => first.Lost.IsCancellationRequested);

            var second = await election.WaitForLeadershipAsync(timeout.Token);
            Assert.True(second.Session > first.Session, $"re-elected in session {second.Session}, after {first.Session}");
            await Until(() => store.Written(second.Token) > 0);
            Assert.False(log.Append(first.Token, "a late write of the old session"), "fencing let a stale write in");
            Assert.DoesNotContain(store.Entries(), e => e.Entry == "a late write of the old session");

            stopJob.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task The_job_of_the_embedding_example_ends_when_the_node_shuts_down_before_its_stop_token_fires()
    {
        // On SIGTERM Akka's exit hook runs the coordinated shutdown (and so Lost) before the host cancels the stop token:
        // the job must end instead of waiting for leadership again. Here the shutdown starts and the token never fires.
        using var timeout = new CancellationTokenSource(Patience);
        using var store = new TempStore();
        var (system, election, _) = await ReadmeEmbedding.StartAsync(OneNodeConfig(), timeout.Token);
        try
        {
            using var stopping = new CancellationTokenSource(); // the host's stop token, never cancelled here
            var job = ReadmeEmbedding.RunWhileLeadingAsync(election, new FencedLog(store.ConnectionString), stopping.Token);
            var leadership = await election.WaitForLeadershipAsync(timeout.Token);
            await Until(() => store.Written(leadership.Token) > 0);

            var shutdown = CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
            await Until(() => leadership.Lost.IsCancellationRequested);
            await job.WaitAsync(timeout.Token); // ends, without an exception and without the stop token
            Assert.False(stopping.IsCancellationRequested);
            await shutdown.WaitAsync(timeout.Token);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>README's first HOCON block, on a free loopback port, as a one-node cluster with quick timeouts.</summary>
    private static Config OneNodeConfig()
    {
        var hocon = Markdown.CodeBlocks(Repository.Readme).First(b => b.Language == "hocon").Text;
        var port = FreeLoopbackPort();
        return ConfigurationFactory.ParseString($$"""
            akka.remote.dot-netty.tcp.port = {{port}}
            akka.cluster.seed-nodes = ["akka.tcp://orders@127.0.0.1:{{port}}"]
            akka.loglevel = WARNING
            akka.coordinated-shutdown.exit-clr = off
            actors.election {
              election-timeout = 1s
              heartbeat-interval = 300ms
            }
            """).WithFallback(ConfigurationFactory.ParseString(hocon));
    }

    private Task Until(Func<bool> condition) => AwaitAssertAsync(() => Assert.True(condition()), Patience, TimeSpan.FromMilliseconds(20));

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
