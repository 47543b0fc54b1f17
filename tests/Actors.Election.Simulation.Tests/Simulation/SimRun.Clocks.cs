namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>
/// Wall clocks and cluster histories. Each node's wall clock is the simulation's time plus its own skew
/// (<see cref="Incarnation.ClockSkew"/>), which a clock fault changes mid-run; a node's sessions carry that clock.
/// <para>A cluster history ends when no member runs any more; the next node to start begins a new one, knowing nothing
/// of the old. Its sessions can only be above the old history's because they carry wall-clock time, which is the
/// guarantee's documented assumption (docs/protocol.md, issue 10): <b>no clock of the new cluster is behind the clocks
/// of the old cluster by more than the restart took</b>. The old history's sessions are at most the highest wall clock
/// any of its nodes had (its largest skew, at the moment it stopped) plus a few increments; a node of the new history
/// started at t with skew s proposes at least t + s. So the simulation keeps every clock of a later history at or above
/// <c>max skew of the old history - (t - the moment the old history stopped) + 1 ms</c>: skews drawn below that (a
/// restart quicker than the clocks' disagreement) are raised to it, and the history says so. Within a history nothing
/// is assumed: any skew, any jump back.</para>
/// </summary>
internal sealed partial class SimRun
{
    private int _epoch;
    private TimeSpan _epochMaxSkew = TimeSpan.MinValue;
    private readonly List<(TimeSpan MaxSkew, TimeSpan End)> _endedHistories = new();

    /// <summary>Sets a node's clock skew, kept within the restart assumption (see the class comment).</summary>
    private void SetSkew(Incarnation node, TimeSpan skew)
    {
        var floor = ClockFloor();
        if (skew < floor)
        {
            _h.Fault($"{node}'s clock would be {skew.TotalMilliseconds:+0;-0;0}ms off, further behind the stopped cluster's clocks than the " +
                     $"restart took: it is {floor.TotalMilliseconds:+0;-0;0}ms off instead (the restart assumption)");
            skew = floor;
        }
        node.ClockSkew = skew;
        if (node.Epoch == _epoch && skew > _epochMaxSkew) _epochMaxSkew = skew;
    }

    /// <summary>The lowest skew a clock may have now under the restart assumption (no bound within the first history).</summary>
    private TimeSpan ClockFloor() =>
        _endedHistories.Count == 0 ? TimeSpan.MinValue : _endedHistories.Max(h => h.MaxSkew - (Now - h.End)) + TimeSpan.FromMilliseconds(1);

    /// <summary>No member runs any more: the current cluster history ends and a new one begins.</summary>
    private void BeginHistory()
    {
        var end = _incarnations.Where(i => i.Epoch == _epoch).Select(i => i.StoppedAt ?? Now).DefaultIfEmpty(Now).Max();
        _endedHistories.Add((_epochMaxSkew, end));
        _epoch++;
        _epochMaxSkew = TimeSpan.MinValue;
        _h.Fault($"no member is running: a new cluster history (epoch {_epoch}) begins, {(Now - end).TotalMilliseconds:0}ms after the last one stopped");
        // Nodes waiting to join belong to the new history: none of them ever took part in the old one.
        foreach (var waiting in _pendingJoiners)
        {
            waiting.Epoch = _epoch;
            SetSkew(waiting, waiting.ClockSkew);
        }
    }
}
