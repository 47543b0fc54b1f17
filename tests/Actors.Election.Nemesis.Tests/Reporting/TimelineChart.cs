using Actors.Election.Demo.Recording;
using Actors.Election.Nemesis.Tests.Checking;
using ScottPlot;

namespace Actors.Election.Nemesis.Tests.Reporting;

/// <summary>
/// The run's timeline as a PNG, in the manner of Jepsen's timeline plots: one lane per node with its state over time
/// (master, follower, campaigning, idle; frozen; gaps while no process runs), a lane for the master in office (red where
/// there is none), the faults as shaded spans, and the sessions as ticks where they got their master.
/// </summary>
internal static class TimelineChart
{
    private static readonly Color MasterColor = Colors.FireBrick;
    private static readonly Color FollowerColor = Colors.SeaGreen;
    private static readonly Color CampaignColor = Colors.Orange;
    private static readonly Color IdleColor = Colors.LightGray;
    private static readonly Color FrozenColor = Colors.Black;
    private static readonly Color InOfficeColor = Colors.SteelBlue;
    private static readonly Color MasterlessColor = Colors.Red;

    public static void Write(RunRecord run, CheckResult result, string path)
    {
        var origin = run.NemesisStart;
        double X(DateTime t) => (t - origin).TotalSeconds;
        var plot = new Plot();
        var nodes = run.ClusterSize;

        foreach (var fault in run.Faults)
        {
            var span = plot.Add.HorizontalSpan(X(fault.Start), X(fault.Heal), FaultColor(fault.Kind).WithAlpha(0.18));
            span.LineStyle.Width = 0;
            if (run.Faults.Count <= 40)
            {
                var label = plot.Add.Text($"#{fault.Id} {fault.Kind}", X(fault.Start), nodes + 1.55);
                label.LabelFontSize = 9;
                label.LabelRotation = -35;
            }
        }

        foreach (var incarnation in run.Incarnations)
        {
            var y = incarnation.Node;
            var states = incarnation.Records.Where(r => r.Kind == HistoryKinds.State).ToList();
            for (var i = 0; i < states.Count; i++)
            {
                var from = states[i].At;
                var to = i + 1 < states.Count ? states[i + 1].At : incarnation.End;
                if (to <= from) continue;
                Bar(plot, X(from), X(to), y, 0.32, StateColor(states[i].Status));
            }
            foreach (var (from, to) in incarnation.Pauses)
                Bar(plot, X(from), X(to == DateTime.MaxValue ? incarnation.End : to), y, 0.12, FrozenColor);
            var start = plot.Add.Line(X(incarnation.Start), y - 0.42, X(incarnation.Start), y + 0.42); // the process starts
            start.LineColor = Colors.DimGray;
            start.LineWidth = 2;
        }

        // Lane 0: the master in office; red where there is none.
        Bar(plot, X(run.NemesisStart), X(run.RunEnd), 0, 0.3, InOfficeColor);
        foreach (var window in result.MasterlessWindows) Bar(plot, X(window.Start), X(window.End), 0, 0.3, MasterlessColor);

        foreach (var session in result.Sessions.Where(s => s.Elected is not null))
        {
            var x = X(session.Elected!.Value);
            plot.Add.Line(x, nodes + 0.6, x, nodes + 0.95).LineColor = session.ExplainedBy is null ? Colors.Magenta : Colors.DimGray;
            if (result.Sessions.Count <= 60)
            {
                var text = plot.Add.Text($"s{session.Ordinal}", x, nodes + 1.05);
                text.LabelFontSize = 8;
            }
        }

        var ticks = new List<(double, string)> { (0, "master in office") };
        ticks.AddRange(Enumerable.Range(1, nodes).Select(n => ((double)n, $"n{n}")));
        ticks.Add((nodes + 0.8, "sessions"));
        plot.Axes.Left.SetTicks(ticks.Select(t => t.Item1).ToArray(), ticks.Select(t => t.Item2).ToArray());
        plot.Axes.SetLimitsY(-0.6, nodes + 2.4);
        plot.Axes.SetLimitsX(X(run.Incarnations.Min(i => i.Start)) - 1, X(run.RunEnd) + 1);
        plot.XLabel("seconds since the nemesis started");
        plot.Title($"Nemesis timeline: {result.FaultCount} faults, {result.SessionsWithMaster} sessions, {result.Violations.Count} violations");
        foreach (var (label, color) in new[]
                 {
                     ("master", MasterColor), ("follower", FollowerColor), ("campaigning", CampaignColor), ("idle", IdleColor), ("frozen (SIGSTOP)", FrozenColor),
                     ("no master in office", MasterlessColor), ("partition", FaultColor("PartitionHalves")), ("netem", FaultColor("Loss")), ("process fault", FaultColor("Kill")),
                 })
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = color });
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.Alignment = Alignment.LowerCenter;
        plot.ShowLegend(Edge.Bottom);
        var seconds = (run.RunEnd - run.Incarnations.Min(i => i.Start)).TotalSeconds;
        var width = (int)Math.Clamp(300 + 10 * seconds, 1400, 8000);
        plot.SavePng(path, width, 620);
    }

    private static void Bar(Plot plot, double x1, double x2, double y, double halfHeight, Color color)
    {
        var r = plot.Add.Rectangle(x1, x2, y - halfHeight, y + halfHeight);
        r.FillStyle.Color = color;
        r.LineStyle.Width = 0;
    }

    private static Color StateColor(string? status) => status switch
    {
        nameof(ElectionStatus.Master) => MasterColor,
        nameof(ElectionStatus.Follower) => FollowerColor,
        nameof(ElectionStatus.Campaigning) => CampaignColor,
        _ => IdleColor,
    };

    private static Color FaultColor(string kind) => kind switch
    {
        _ when kind.StartsWith("Partition", StringComparison.Ordinal) => Colors.RoyalBlue,
        "Loss" or "Delay" or "Reorder" => Colors.MediumPurple,
        _ => Colors.SaddleBrown,
    };
}
