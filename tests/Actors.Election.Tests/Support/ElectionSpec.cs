using Actors.Election.Membership;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.TestKit;
using Xunit.Abstractions;

namespace Actors.Election.Tests.Support;

/// <summary>
/// Base of the unit tests: an ActorSystem on Akka.TestKit's <see cref="TestScheduler"/> (time moves only by
/// <see cref="Advance"/>), every <see cref="ElectionMessage"/> checked through the real serializer
/// (serialize-messages), and helpers to run one real <see cref="ElectionActor"/> against TestProbe peers.
/// </summary>
public abstract class ElectionSpec : Akka.TestKit.Xunit2.TestKit
{
    public static readonly Config SpecConfig = ConfigurationFactory.ParseString("""
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.actor.serialize-messages = on
        akka.loglevel = DEBUG
        akka.test.single-expect-default = 5s
        """).WithFallback(ElectionSettings.DefaultConfig());

    /// <summary>Settings with round numbers, so tests read clearly.</summary>
    public static readonly ElectionSettings Defaults = ElectionSettings.Create(ConfigurationFactory.ParseString("""
        election-timeout = 3s
        connection-delay = 200ms
        gather-timeout = 500ms
        heartbeat-interval = 1s
        failure-timeout = 1200ms
        """));

    protected ElectionSpec(ITestOutputHelper output, Config? extra = null)
        : base(extra is null ? SpecConfig : extra.WithFallback(SpecConfig), output: output)
    {
    }

    protected TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    /// <summary>Moves virtual time forward, firing every timer that falls due.</summary>
    protected void Advance(TimeSpan by) => Scheduler.Advance(by);

    protected void Advance(int milliseconds) => Advance(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>
    /// Lets <paramref name="duration"/> pass in steps of <paramref name="step"/> (100 ms by default), waiting after each
    /// until <paramref name="node"/> handled everything due: timers started by a timer then fire in turn too.
    /// </summary>
    protected void AdvanceInSteps(NodeUnderTest node, TimeSpan duration, TimeSpan? step = null)
    {
        var by = step ?? TimeSpan.FromMilliseconds(100);
        for (var passed = TimeSpan.Zero; passed < duration; passed += by)
        {
            Advance(by);
            node.State();
        }
    }

    /// <summary>A node id: <c>akka.tcp://sys@n{n}:{2550+n}</c>, incarnation <paramref name="uid"/> (default n).</summary>
    public static UniqueAddress Node(int n, int? uid = null) => new(new Address("akka.tcp", "sys", $"n{n}", 2550 + n), uid ?? n);

    /// <summary>A start instant <paramref name="minutesAgo"/> before the scheduler's now (more minutes: more senior).</summary>
    protected DateTimeOffset StartedMinutesAgo(int minutesAgo) => Scheduler.Now - TimeSpan.FromMinutes(minutesAgo);

    /// <summary>
    /// The node under test's wall clock runs this far behind the scheduler's: before the Unix epoch, where the session
    /// floor (<c>SessionClock</c>) is zero, so sessions count 1, 2, 3… and the protocol tests read clearly. The floor
    /// itself has its own tests (SessionClockSpec), which run on the scheduler's clock.
    /// </summary>
    protected TimeSpan PreEpochClock => -(Scheduler.Now - DateTimeOffset.UnixEpoch) - TimeSpan.FromDays(365);

    /// <summary>Runs the node under test with probe peers; membership is told (peers first, then itself).</summary>
    protected NodeUnderTest StartNode(UniqueAddress self, ElectionSettings? settings = null, DateTimeOffset? startedAt = null,
        params PeerProbe[] peers)
    {
        var actor = Sys.ActorOf(ElectionActor.PropsWithCore(settings ?? Defaults, self, startedAt ?? StartedMinutesAgo(10), randomSeed: 1,
            Core.Policies.Default, now => now + PreEpochClock));
        var node = new NodeUnderTest(this, self, actor);
        foreach (var peer in peers) node.AddPeer(peer);
        return node;
    }

    /// <summary>Starts node 1 with the given peers (for the scenario helpers).</summary>
    public NodeUnderTest StartNodeFor(ElectionSettings? settings, PeerProbe[] peers) => StartNode(Node(1), settings, null, peers);

    /// <summary>The scheduler's time (public, for the scenario helpers).</summary>
    public DateTimeOffset SchedulerNow => Scheduler.Now;

    /// <summary>Advances virtual time (public, for the scenario helpers).</summary>
    public void AdvanceBy(TimeSpan by) => Advance(by);

    /// <summary>A probe standing in for node <paramref name="n"/>.</summary>
    protected PeerProbe Peer(int n, int minutesAgo = 5, int priority = 0, bool candidate = true, long commands = 0, int? uid = null) =>
        new(CreateTestProbe($"peer-{n}"), Node(n, uid), Seniority.StartedAt(StartedMinutesAgo(minutesAgo)), priority, candidate, commands);
}
