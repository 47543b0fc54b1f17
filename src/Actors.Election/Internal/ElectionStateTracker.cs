using Akka.Cluster;

namespace Actors.Election.Internal;

/// <summary>
/// Keeps the latest <see cref="ElectionState"/> of the local election actor for the <see cref="Election"/> handle and
/// completes the waits on it. Thread-safe: fed by one actor, read by any thread.
/// </summary>
internal sealed class ElectionStateTracker
{
    private readonly object _gate = new();
    private ElectionState? _state;
    private readonly List<TaskCompletionSource<Leadership>> _leadershipWaiters = new();
    private readonly List<(Func<ElectionState, bool> Condition, TaskCompletionSource<ElectionState> Waiter)> _conditionWaiters = new();
    private CancellationTokenSource? _leadershipLost;
    private Leadership? _leadership;

    public ElectionState? State
    {
        get { lock (_gate) return _state; }
    }

    /// <summary>Takes in a new state and completes or cancels what it decides.</summary>
    public void Update(ElectionState state)
    {
        List<TaskCompletionSource<Leadership>>? leadershipReady = null;
        List<TaskCompletionSource<ElectionState>>? conditionsMet = null;
        CancellationTokenSource? lost = null;
        Leadership? leadership;
        lock (_gate)
        {
            _state = state;
            var leads = state.Status == ElectionStatus.Master && state.Master is not null;
            if (_leadership is not null && (!leads || _leadership.Session != state.Session))
            {
                lost = _leadershipLost;
                _leadershipLost = null;
                _leadership = null;
            }
            if (leads && _leadership is null)
            {
                _leadershipLost = new CancellationTokenSource();
                _leadership = new Leadership(state.Session, state.Master!, _leadershipLost.Token);
            }
            leadership = _leadership;
            if (_conditionWaiters.Count > 0)
            {
                conditionsMet = _conditionWaiters.Where(w => w.Condition(state)).Select(w => w.Waiter).ToList();
                _conditionWaiters.RemoveAll(w => conditionsMet.Contains(w.Waiter));
            }
            if (leadership is not null && _leadershipWaiters.Count > 0)
            {
                leadershipReady = [.. _leadershipWaiters];
                _leadershipWaiters.Clear();
            }
        }
        // Outside the lock: continuations may run inline.
        lost?.Cancel();
        lost?.Dispose();
        leadershipReady?.ForEach(w => w.TrySetResult(leadership!));
        conditionsMet?.ForEach(w => w.TrySetResult(state));
    }

    /// <summary>
    /// The actor system terminated (however it stopped): a leadership still held ends (its <c>Lost</c> token is
    /// cancelled, so a job working while this node leads stops), and every pending wait is cancelled.
    /// </summary>
    public void Terminated()
    {
        CancellationTokenSource? lost;
        List<TaskCompletionSource<Leadership>> leadershipWaiters;
        List<TaskCompletionSource<ElectionState>> conditionWaiters;
        lock (_gate)
        {
            lost = _leadershipLost;
            _leadershipLost = null;
            _leadership = null;
            leadershipWaiters = [.. _leadershipWaiters];
            _leadershipWaiters.Clear();
            conditionWaiters = _conditionWaiters.Select(w => w.Waiter).ToList();
            _conditionWaiters.Clear();
        }
        lost?.Cancel();
        lost?.Dispose();
        leadershipWaiters.ForEach(w => w.TrySetCanceled());
        conditionWaiters.ForEach(w => w.TrySetCanceled());
    }

    public async Task<UniqueAddress> WaitForMasterAsync(CancellationToken cancellationToken) =>
        (await WaitUntilAsync(s => s.Master is not null, cancellationToken).ConfigureAwait(false)).Master!;

    /// <summary>Completes with the first state (the current one included) that satisfies <paramref name="condition"/>.</summary>
    public Task<ElectionState> WaitUntilAsync(Func<ElectionState, bool> condition, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_state is { } state && condition(state)) return Task.FromResult(state);
            var waiter = new TaskCompletionSource<ElectionState>(TaskCreationOptions.RunContinuationsAsynchronously);
            _conditionWaiters.Add((condition, waiter));
            if (cancellationToken.CanBeCanceled)
            {
                cancellationToken.Register(() =>
                {
                    lock (_gate) _conditionWaiters.RemoveAll(w => w.Waiter == waiter);
                    waiter.TrySetCanceled(cancellationToken);
                });
            }
            return waiter.Task;
        }
    }

    public Task<Leadership> WaitForLeadershipAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_leadership is { } leadership) return Task.FromResult(leadership);
            return Register(_leadershipWaiters, cancellationToken);
        }
    }

    private Task<T> Register<T>(List<TaskCompletionSource<T>> waiters, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiters.Add(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                lock (_gate) waiters.Remove(waiter);
                waiter.TrySetCanceled(cancellationToken);
            });
        }
        return waiter.Task;
    }
}
