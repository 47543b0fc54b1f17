namespace Actors.Election.Demo;

/// <summary>
/// Recovers the instant a node's election actor started (its seniority, which the election compares in whole Unix
/// milliseconds) from the ages <see cref="ElectionState.Seniority"/> reports. The actor computes an age as
/// <c>now − start</c> at some instant between the ask and the answer, so each sample bounds the start to
/// <c>[asked − age, answered − age]</c>; intersecting the samples narrows it, usually to one millisecond within a few
/// samples. (<see cref="ElectionState"/> does not carry the start instant itself.)
/// </summary>
internal sealed class SeniorityClock
{
    private long _low = long.MinValue;
    private long _high = long.MaxValue;

    /// <summary>The latest start instant consistent with every sample (Unix ms); 0 before any sample.</summary>
    public long StartMs => _high == long.MaxValue ? 0 : _high;

    /// <summary>True once the samples pin the start to one millisecond.</summary>
    public bool Exact => _low == _high;

    /// <summary>Takes in one sample: asked at <paramref name="askedMs"/>, answered at <paramref name="answeredMs"/> with <paramref name="age"/>.</summary>
    public void Observe(long askedMs, long answeredMs, TimeSpan age)
    {
        var ageMs = (long)age.TotalMilliseconds;
        var low = askedMs - ageMs;
        var high = answeredMs - ageMs;
        if (high < _low || low > _high)
        {
            // Disjoint from what was known: the wall clock stepped (NTP). Start over from this sample.
            (_low, _high) = (low, high);
            return;
        }
        _low = Math.Max(_low, low);
        _high = Math.Min(_high, high);
    }
}
