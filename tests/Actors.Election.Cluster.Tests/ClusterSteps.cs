using Xunit;

namespace Actors.Election.Cluster.Tests;

/// <summary>
/// The steps the restart specs take on a <see cref="TestCluster"/>: wait for one master that every live node follows,
/// hand over with a step-down, and restart a node on its own port as a new incarnation. Each step waits with
/// <see cref="TestCluster.Generous"/> bounds and fails with every live node's view.
/// </summary>
internal static class ClusterSteps
{
    /// <summary>Waits until one live node is master and every live node follows it in its session.</summary>
    public static async Task<Node> AwaitMasterFollowedByAllAsync(TestCluster cluster, string what)
    {
        Node? master = null;
        await cluster.AwaitAsync(() =>
        {
            var live = cluster.Live.ToList();
            master = live.SingleOrDefault(n => n.Election.IsMaster);
            return master is not null && live.All(n => master.Self.Equals(n.Election.Master) && n.Election.Session == master.Election.Session);
        }, $"{what}: one master followed by every live node");
        cluster.Log($"{what}: {master} is master of session {master!.Election.Session}, followed by {string.Join(", ", cluster.Live)}");
        return master;
    }

    /// <summary>
    /// Waits until every live node holds the same electorate of exactly the live nodes (so a step-down ranks them all),
    /// has <paramref name="master"/> step down, and waits for another master of a higher session that every live node follows.
    /// </summary>
    public static async Task<Node> HandOverAsync(TestCluster cluster, Node master, string what)
    {
        await AwaitSettledElectorateAsync(cluster, what);
        var session = master.Election.Session;
        var result = await master.Election.StepDownAsync(TestCluster.Generous);
        Assert.True(result.SteppedDown, $"{what}: {master} did not step down");
        Node? next = null;
        await cluster.AwaitAsync(() =>
        {
            var live = cluster.Live.ToList();
            next = live.SingleOrDefault(n => n.Election.IsMaster);
            return next is not null && next != master && next.Election.Session > session
                   && live.All(n => next.Self.Equals(n.Election.Master) && n.Election.Session == next.Election.Session);
        }, $"{what}: a new master after {master} stepped down from session {session}, followed by every live node");
        cluster.Log($"{what}: {master} stepped down from session {session}, {next} is master of session {next!.Election.Session}");
        return next;
    }

    /// <summary>Waits until every live node holds one electorate version whose members are exactly the live nodes.</summary>
    public static async Task AwaitSettledElectorateAsync(TestCluster cluster, string what)
    {
        var deadline = DateTime.UtcNow + TestCluster.Generous;
        while (true)
        {
            var live = cluster.Live.ToList();
            var states = await Task.WhenAll(live.Select(n => n.Election.GetStateAsync()));
            var selves = live.Select(n => n.Self).ToHashSet();
            if (states.All(s => s.ElectorateVersion == states[0].ElectorateVersion && s.Electorate.SetEquals(selves) && s.Outgoing.IsEmpty)) return;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{what}: the electorate did not settle on the live nodes: {string.Join("; ", states.Select(s => $"{s.Self} {s.ElectorateVersion} [{string.Join(", ", s.Electorate)}]"))}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Stops <paramref name="node"/> gracefully (a master hands over on its way out) and starts a new incarnation on its
    /// port, once every live node has removed the old one (a new incarnation's join is only accepted then; otherwise
    /// Akka retries it 10 s later).
    /// </summary>
    public static async Task<Node> RestartOnSamePortAsync(TestCluster cluster, Node node)
    {
        var address = node.Address;
        var port = address.Port ?? throw new InvalidOperationException($"{node} has no port");
        var self = node.Self;
        await node.StopAsync(graceful: true);
        cluster.Log($"{node} stopped (graceful)");
        await cluster.AwaitAsync(() => cluster.Live.All(n => Akka.Cluster.Cluster.Get(n.System).State.Members.All(m => !m.Address.Equals(address))),
            $"{node} removed from every live node's membership");
        var restarted = await cluster.StartAsync(port: port);
        Assert.Equal(address, restarted.Address);
        Assert.NotEqual(self, restarted.Self); // the same address, another incarnation
        cluster.Log($"{node} restarted as {restarted} on port {port}");
        return restarted;
    }
}
