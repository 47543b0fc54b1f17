using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Xunit;

namespace Actors.Election.Tests.Docs;

/// <summary>
/// Runs README.md's embedding example for real: its HOCON (on a free loopback port) on a one-node cluster, the
/// start-up code, and the job that runs only while the node leads, through a hand-over. Its waits are TestKit's
/// AwaitAssert with a generous bound (real sockets, real time).
/// </summary>
public sealed class ReadmeExampleSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_embedding_example_elects_a_lone_node_and_its_job_runs_only_while_it_leads()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var hocon = Markdown.CodeBlocks(Repository.Readme).First(b => b.Language == "hocon").Text;
        var port = FreeLoopbackPort();
        var config = ConfigurationFactory.ParseString($$"""
            akka.remote.dot-netty.tcp.port = {{port}}
            akka.cluster.seed-nodes = ["akka.tcp://orders@127.0.0.1:{{port}}"]
            akka.loglevel = WARNING
            actors.election {
              election-timeout = 1s
              heartbeat-interval = 300ms
            }
            """).WithFallback(ConfigurationFactory.ParseString(hocon));

        var (system, election, master) = await ReadmeEmbedding.StartAsync(config, timeout.Token);
        try
        {
            Assert.Equal(Cluster.Get(system).SelfUniqueAddress, master);

            var log = new FencedLog();
            using var stopJob = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            var job = ReadmeEmbedding.RunWhileLeadingAsync(election, log, stopJob.Token);

            var first = await election.WaitForLeadershipAsync(timeout.Token);
            Assert.Equal(master, first.Master);
            Assert.False(first.Lost.IsCancellationRequested);
            await Until(() => Written(log, first.Session) > 0);

            // Hand over. Alone, the node sits the hand-over session out, then is elected again in a later session.
            var stepDown = await election.StepDownAsync();
            Assert.True(stepDown.SteppedDown);
            Assert.Equal(first.Session, stepDown.Session);
            await Until(() => first.Lost.IsCancellationRequested);

            var second = await election.WaitForLeadershipAsync(timeout.Token);
            Assert.True(second.Session > first.Session, $"re-elected in session {second.Session}, after {first.Session}");
            await Until(() => Written(log, second.Session) > 0);
            Assert.False(log.Append(first.Session, first.Master, "a late write of the old session"), "fencing let a stale write in");

            stopJob.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static int Written(FencedLog log, long session) => log.Entries.Count(e => e.Session == session);

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
