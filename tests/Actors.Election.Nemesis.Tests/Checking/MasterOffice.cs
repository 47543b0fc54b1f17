using Actors.Election.Demo.Recording;

namespace Actors.Election.Nemesis.Tests.Checking;

/// <summary>A time without a master in office.</summary>
internal sealed record MasterlessWindow(DateTime Start, DateTime End)
{
    public TimeSpan Duration => End - Start;
}

/// <summary>
/// Who is master "in office" over time: a node whose own history says Master, running and not frozen, that a majority
/// of the cluster's nodes (itself included) follows: their histories say Follower of it. A master cut off on a
/// minority side, a frozen one, or one nobody has heard of yet is not in office; neither is anyone between a lost
/// master and the next election. Computed from the histories and the journal alone.
/// </summary>
internal sealed class MasterOffice
{
    private readonly int _majority;
    private readonly IReadOnlyList<(Incarnation Incarnation, DateTime[] Times, HistoryRecord[] States)> _states;
    private readonly DateTime[] _instants;

    public MasterOffice(RunRecord run)
    {
        _majority = run.ClusterSize / 2 + 1;
        _states = run.Incarnations
            .Select(i =>
            {
                var states = i.Records.Where(r => r.Kind == HistoryKinds.State).OrderBy(r => r.At).ToArray();
                return (i, states.Select(s => s.At).ToArray(), states);
            })
            .ToList();
        _instants = run.Incarnations
            .SelectMany(i => i.Records.Where(r => r.Kind == HistoryKinds.State).Select(r => r.At)
                .Append(i.Start).Append(i.End)
                .Concat(i.Pauses.SelectMany(p => new[] { p.From, p.To })))
            .Where(t => t != DateTime.MaxValue)
            .Distinct()
            .Order()
            .ToArray();
    }

    /// <summary>The master in office at <paramref name="at"/> (its node id), or null.</summary>
    public string? At(DateTime at)
    {
        var active = new List<HistoryRecord>();
        foreach (var (incarnation, times, states) in _states)
        {
            if (!incarnation.ActiveAt(at)) continue;
            var i = Array.BinarySearch(times, at);
            if (i < 0) i = ~i - 1;
            else while (i + 1 < times.Length && times[i + 1] == at) i++;
            if (i >= 0) active.Add(states[i]);
        }
        foreach (var master in active.Where(s => s.Status == nameof(ElectionStatus.Master) && s.Master == s.Node))
        {
            var following = active.Count(s => s.Master == master.Node && (s == master || s.Status == nameof(ElectionStatus.Follower)));
            if (following >= _majority) return master.Node;
        }
        return null;
    }

    /// <summary>The stretches of [<paramref name="from"/>, <paramref name="to"/>) with no master in office.</summary>
    public IReadOnlyList<MasterlessWindow> MasterlessWindows(DateTime from, DateTime to)
    {
        var windows = new List<MasterlessWindow>();
        var points = _instants.Where(t => t > from && t < to).Prepend(from).Append(to).ToArray();
        DateTime? open = null;
        for (var k = 0; k < points.Length - 1; k++)
        {
            var inOffice = At(points[k]) is not null;
            if (!inOffice && open is null) open = points[k];
            if (inOffice && open is { } start)
            {
                windows.Add(new MasterlessWindow(start, points[k]));
                open = null;
            }
        }
        if (open is { } last) windows.Add(new MasterlessWindow(last, to));
        return windows;
    }

    /// <summary>The first instant at or after <paramref name="from"/> (and before <paramref name="until"/>) with a master in office.</summary>
    public DateTime? FirstInOffice(DateTime from, DateTime until)
    {
        if (At(from) is not null) return from;
        foreach (var t in _instants)
        {
            if (t <= from) continue;
            if (t >= until) break;
            if (At(t) is not null) return t;
        }
        return null;
    }
}
