using System.Diagnostics;
using Actors.Election.Sample;
using Actors.Election.Tests.Docs;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Cluster.Tests;

/// <summary>
/// README's fenced store (the sample's <see cref="FencedLog"/>, on a real SQLite file) across a whole-cluster restart,
/// over real sockets (issue 10): every node runs README's leading loop (<see cref="LeadingWriter"/>); the cluster writes,
/// hands over, every node leaves, and a new cluster starts on fresh ports against the same store. Nobody resets the
/// fence: the new master's writes must be taken on their own, and every token of the cluster before refused.
/// </summary>
public sealed class FencedRestartSpec(ITestOutputHelper output)
{
    private const int Size = 3;
    private const int WritesToWaitFor = 3;
    private static readonly TimeSpan WriteInterval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task After_a_whole_cluster_restart_the_store_refuses_the_old_masters_and_takes_the_new_masters_writes()
    {
        using var store = new TempStore();
        var log = new FencedLog(store.ConnectionString);
        await using var cluster = new TestCluster(output);
        var writers = new List<LeadingWriter>();
        IReadOnlyList<(FencingToken Token, string Entry)> entriesBefore;
        IReadOnlyList<Node> after;
        FencingToken newToken;
        try
        {
            // The cluster before: its first master writes, hands over, and the next one writes.
            var before = await cluster.StartSequentiallyAsync(Size);
            writers.AddRange(before.Select(n => new LeadingWriter(n, log, WriteInterval)));
            var master = await ClusterSteps.AwaitMasterFollowedByAllAsync(cluster, "the cluster before");
            await AwaitWrittenAsync(cluster, store, master, "the first master writes");
            master = await ClusterSteps.HandOverAsync(cluster, master, "the cluster before, hand-over");
            await AwaitWrittenAsync(cluster, store, master, "the next master writes");

            // Every node leaves gracefully, one after another, as a deploy stops them (a master hands over on its way out).
            foreach (var node in before) await node.StopAsync(graceful: true);
            await StopAsync(writers);
            entriesBefore = store.Entries();
            var tokensBefore = entriesBefore.Select(e => e.Token).Distinct().ToList();
            var fenceBefore = store.Fence() ?? throw new InvalidOperationException("the cluster before wrote nothing");
            cluster.Log($"the whole cluster stopped; {entriesBefore.Count} entries written with {tokensBefore.Count} tokens, the fence holds {fenceBefore}");

            // The cluster after: fresh ports, the same store, nothing else carried over.
            var clock = Stopwatch.StartNew();
            after = await cluster.StartSequentiallyAsync(Size);
            writers.AddRange(after.Select(n => new LeadingWriter(n, log, WriteInterval)));
            var newMaster = await ClusterSteps.AwaitMasterFollowedByAllAsync(cluster, "the cluster after");
            var elected = clock.Elapsed;
            newToken = await AwaitWrittenAsync(cluster, store, newMaster, "the new master's writes are taken, with no manual step");
            cluster.Log($"the cluster after: master {newMaster} with token {newToken} after {elected.TotalMilliseconds:0} ms, " +
                        $"{WritesToWaitFor} of its writes taken after {clock.Elapsed.TotalMilliseconds:0} ms from the first start; " +
                        $"its session is {newToken.Session - fenceBefore.Session} above the fence's before");

            // A late write of the cluster before (its last master's token, or any token it wrote with) is refused now.
            Assert.False(log.Append(fenceBefore, "a late write of the last master before the restart"));
            Assert.All(tokensBefore, token => Assert.False(log.Append(token, "a late write from before the restart"), $"{token} was taken after the restart"));
            Assert.Equal(newToken, store.Fence());
            Assert.True(newToken.CompareTo(fenceBefore) > 0, $"{newToken} is not above {fenceBefore}");
        }
        finally
        {
            await StopAsync(writers);
        }

        // The new master's writer was never refused (no manual step, no wait for sessions to climb), and the log holds
        // what the cluster before wrote, then only entries of the cluster after, above them: no late write got in.
        var newMasterAppends = writers.SelectMany(w => w.Appends).Where(a => a.Token.Equals(newToken)).ToList();
        Assert.True(newMasterAppends.Count >= WritesToWaitFor);
        Assert.All(newMasterAppends, append => Assert.True(append.Accepted, $"the store refused a write of the new master ({append.Token})"));
        var entries = store.Entries();
        Assert.Equal(entriesBefore, entries.Take(entriesBefore.Count));
        var highestBefore = entriesBefore.Max(e => e.Token)!;
        Assert.All(entries.Skip(entriesBefore.Count), e =>
        {
            Assert.Contains(after, n => n.Self.Equals(e.Token.Master));
            Assert.True(e.Token.CompareTo(highestBefore) > 0, $"{e.Token} written after the restart is not above {highestBefore}");
        });
        Assert.True(entries.Count > entriesBefore.Count);
        for (var i = 1; i < entries.Count; i++)
            Assert.True(entries[i].Token.CompareTo(entries[i - 1].Token) >= 0, $"the log went back from {entries[i - 1].Token} to {entries[i].Token}");
        SessionChecks.AssertAtMostOneMasterPerSession(cluster.Nodes);
    }

    /// <summary>Waits until the store holds <see cref="WritesToWaitFor"/> entries of <paramref name="master"/>'s current token.</summary>
    private static async Task<FencingToken> AwaitWrittenAsync(TestCluster cluster, TempStore store, Node master, string what)
    {
        var token = new FencingToken(master.Election.Session, master.Self);
        await cluster.AwaitAsync(() => store.Written(token) >= WritesToWaitFor,
            $"{what}: {WritesToWaitFor} entries with {token} (the store's fence when the wait began: {store.Fence()})");
        return token;
    }

    private static async Task StopAsync(IEnumerable<LeadingWriter> writers) =>
        await Task.WhenAll(writers.Select(w => w.DisposeAsync().AsTask()));
}
