namespace Actors.Election.Demo;

internal static class Stats
{
    /// <summary>The <paramref name="p"/>-th percentile (0..100), linear between closest ranks; NaN when empty.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = p / 100 * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        if (lo == hi) return sorted[lo];
        if (double.IsPositiveInfinity(sorted[hi])) return double.PositiveInfinity; // between a round and one that never finished
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>
    /// The percentile of rounds where a round that did not finish (null) counts as longer than any that did
    /// (+∞): nothing is dropped, and a percentile that falls on an unfinished round is +∞ ("did not finish").
    /// </summary>
    public static double PercentileOfRounds(IEnumerable<double?> values, double p) =>
        Percentile(values.Select(v => v ?? double.PositiveInfinity), p);

    public static double MedianOfRounds(IEnumerable<double?> values) => PercentileOfRounds(values, 50);
}
