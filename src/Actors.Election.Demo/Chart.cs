using System.Globalization;
using ScottPlot;

namespace Actors.Election.Demo;

/// <summary>
/// The benchmark's PNG: the crash failover median of every configuration, Actors.Election beside ClusterSingleton, on a
/// logarithmic axis (the two differ by orders of magnitude). A median that did not finish gets no bar but a label.
/// </summary>
internal static class Chart
{
    public static void Write(IReadOnlyList<ConfigurationResult> results, string path)
    {
        var plot = new Plot();
        var election = Colors.SteelBlue;
        var singleton = Colors.Orange;
        var bars = new List<Bar>();
        var max = 1.0;
        for (var i = 0; i < results.Count; i++)
        {
            foreach (var s in results[i].Systems)
            {
                var median = s.Median(FailureKind.Crash);
                var offset = results[i].Singleton is null ? 0 : s.Kind == ClusterKind.Election ? -0.2 : 0.2;
                var finite = double.IsFinite(median) && median > 0;
                if (finite) max = Math.Max(max, median);
                bars.Add(new Bar
                {
                    Position = i + offset,
                    Value = finite ? Math.Log10(median) : 0,
                    Size = 0.38,
                    FillColor = s.Kind == ClusterKind.Election ? election : singleton,
                    Label = BenchReport.Ms(median),
                });
            }
        }
        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontSize = 10;
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, results.Count).Select(i => (double)i).ToArray(),
            results.Select(r => $"{r.Configuration.DetectorLabel}\n{r.Configuration.StableAfter}\n{r.Configuration.Nodes} nodes").ToArray());
        var decades = Enumerable.Range(0, (int)Math.Ceiling(Math.Log10(max)) + 1).ToArray();
        plot.Axes.Left.SetTicks(decades.Select(d => (double)d).ToArray(),
            decades.Select(d => Math.Pow(10, d).ToString("#,0", CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimitsY(0, Math.Log10(max) + 0.6);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Actors.Election", FillColor = election });
        if (results.Any(r => r.Singleton is not null))
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "ClusterSingleton", FillColor = singleton });
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
        plot.Title("Failover after a SIGKILL of the master (median, log scale)");
        plot.YLabel("milliseconds");
        plot.SavePng(path, Math.Max(800, 90 * results.Count + 160), 520);
    }
}
