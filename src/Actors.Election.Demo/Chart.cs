using System.Globalization;
using ScottPlot;

namespace Actors.Election.Demo;

/// <summary>The benchmark's PNG: median failover per cluster size, Actors.Election beside ClusterSingleton.</summary>
internal static class Chart
{
    public static void Write(IReadOnlyList<BenchResult> results, string path)
    {
        var plot = new Plot();
        var sizes = results.Select(r => r.Nodes).Distinct().OrderBy(n => n).ToList();
        var election = Colors.SteelBlue;
        var singleton = Colors.Orange;
        var bars = new List<Bar>();
        for (var i = 0; i < sizes.Count; i++)
        {
            foreach (var r in results.Where(r => r.Nodes == sizes[i]))
            {
                var offset = r.Kind == ClusterKind.Election ? -0.2 : 0.2;
                bars.Add(new Bar
                {
                    Position = i + offset,
                    Value = double.IsNaN(r.Median) ? 0 : r.Median,
                    Size = 0.38,
                    FillColor = r.Kind == ClusterKind.Election ? election : singleton,
                    Label = double.IsNaN(r.Median) ? "" : r.Median.ToString("F0", CultureInfo.InvariantCulture),
                });
            }
        }
        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontSize = 12;
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, sizes.Count).Select(i => (double)i).ToArray(),
            sizes.Select(s => $"{s} nodes").ToArray());
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Actors.Election", FillColor = election });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "ClusterSingleton", FillColor = singleton });
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
        plot.Title("Failover after a SIGKILL of the master (median)");
        plot.YLabel("milliseconds");
        plot.SavePng(path, 800, 480);
    }
}
