using System.Collections.Immutable;
using Actors.Election.Internal;
using Actors.Election.Tests.Support;
using Akka.Cluster;
using Xunit;

namespace Actors.Election.Tests.Extension;

/// <summary>The handle's state cache: waits for a master and leadership, and the leadership's lost token.</summary>
public sealed class ElectionStateTrackerSpec
{
    private static readonly UniqueAddress Self = ElectionSpec.Node(1);
    private static readonly UniqueAddress Other = ElectionSpec.Node(2);

    private static ElectionState State(ElectionStatus status, UniqueAddress? master, long session) =>
        new(status, master, session, TimeSpan.Zero, 0, 0, ImmutableSortedSet<UniqueAddress>.Empty, ImmutableSortedSet<UniqueAddress>.Empty);

    [Fact]
    public async Task WaitForMaster_completes_when_a_master_becomes_known()
    {
        var tracker = new ElectionStateTracker();
        var wait = tracker.WaitForMasterAsync(CancellationToken.None);
        tracker.Update(State(ElectionStatus.Campaigning, null, 1));
        Assert.False(wait.IsCompleted);

        tracker.Update(State(ElectionStatus.Follower, Other, 1));

        Assert.Equal(Other, await wait);
        Assert.Equal(Other, await tracker.WaitForMasterAsync(CancellationToken.None)); // known: at once
    }

    [Fact]
    public async Task WaitForMaster_can_be_cancelled()
    {
        var tracker = new ElectionStateTracker();
        using var cts = new CancellationTokenSource();
        var wait = tracker.WaitForMasterAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task Leadership_carries_the_fencing_token_and_is_cancelled_when_lost()
    {
        var tracker = new ElectionStateTracker();
        var wait = tracker.WaitForLeadershipAsync(CancellationToken.None);
        tracker.Update(State(ElectionStatus.Follower, Other, 1));
        Assert.False(wait.IsCompleted);

        tracker.Update(State(ElectionStatus.Master, Self, 2));
        var leadership = await wait;
        Assert.Equal(2, leadership.Session);
        Assert.Equal(Self, leadership.Master);
        Assert.False(leadership.Lost.IsCancellationRequested);

        tracker.Update(State(ElectionStatus.Master, Self, 2)); // same leadership: still held
        Assert.False(leadership.Lost.IsCancellationRequested);

        tracker.Update(State(ElectionStatus.Campaigning, null, 3));
        Assert.True(leadership.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task A_new_session_is_a_new_leadership()
    {
        var tracker = new ElectionStateTracker();
        tracker.Update(State(ElectionStatus.Master, Self, 2));
        var first = await tracker.WaitForLeadershipAsync(CancellationToken.None);

        tracker.Update(State(ElectionStatus.Master, Self, 4));
        var second = await tracker.WaitForLeadershipAsync(CancellationToken.None);

        Assert.True(first.Lost.IsCancellationRequested);
        Assert.False(second.Lost.IsCancellationRequested);
        Assert.Equal(4, second.Session);
    }

    [Fact]
    public async Task WaitUntil_completes_on_the_first_state_that_satisfies_the_condition()
    {
        var tracker = new ElectionStateTracker();
        tracker.Update(State(ElectionStatus.Master, Self, 2));
        var wait = tracker.WaitUntilAsync(s => s.Master is { } m && !m.Equals(Self), CancellationToken.None);
        tracker.Update(State(ElectionStatus.Campaigning, null, 3));
        Assert.False(wait.IsCompleted);

        tracker.Update(State(ElectionStatus.Follower, Other, 3));

        Assert.Equal(3, (await wait).Session);
        Assert.Equal(3, (await tracker.WaitUntilAsync(s => s.Session > 1, CancellationToken.None)).Session); // the current state counts
    }
}
