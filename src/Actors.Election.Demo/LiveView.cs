using System.Globalization;
using Spectre.Console;

namespace Actors.Election.Demo;

/// <summary>The live table (Spectre.Console) of the demo on an interactive terminal.</summary>
internal static class LiveView
{
    public static async Task RunAsync(LocalCluster cluster, List<string> log, Task work, CancellationToken cancellationToken)
    {
        await AnsiConsole.Live(Render(cluster, log)).AutoClear(false).StartAsync(async ctx =>
        {
            while (!work.IsCompleted)
            {
                ctx.UpdateTarget(Render(cluster, log));
                await Task.WhenAny(work, Task.Delay(200, CancellationToken.None));
            }
            ctx.UpdateTarget(Render(cluster, log));
        });
        await work;
    }

    /// <summary>A start instant (Unix ms) as local time of day with milliseconds; "~" while known only to a millisecond or two.</summary>
    public static string Started(NodeReport r) =>
        r.SeniorityStartMs == 0
            ? "-"
            : (r.SeniorityExact ? "" : "~") + DateTimeOffset.FromUnixTimeMilliseconds(r.SeniorityStartMs).ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>The values the election compares, for one node: "priority 0, started 14:02:03.117, 0 commands".</summary>
    public static string RankValues(NodeReport r) =>
        string.Create(CultureInfo.InvariantCulture, $"{(r.Candidate ? "" : "not a candidate, ")}priority {r.Priority}, started {Started(r)}, {r.Commands} commands");

    /// <summary>Terminals narrower than this get the table without the id and memory columns (the events show the ids).</summary>
    public const int WideTable = 140;

    public static Spectre.Console.Rendering.IRenderable Render(LocalCluster cluster, List<string> log)
    {
        var wide = AnsiConsole.Profile.Width >= WideTable;
        var ranks = CandidateOrder.Ranks(cluster.LiveChildren.Where(c => c.Last is not null).Select(c => c.Last!));
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]Actors.Election demo[/] (127.0.0.1, detector {cluster.Profile.Name})");
        table.AddColumn("node");
        if (wide) table.AddColumn("id");
        table.AddColumns("status", "master", "session", "rank", "priority", "started", "commands", "up/unreach.");
        if (wide) table.AddColumn("peak WS");
        foreach (var c in cluster.Children)
        {
            var r = c.Last;
            var status = c.Killed ? "[red]killed[/]" : c.HasExited ? "[red]exited[/]" : r is null ? "[grey]starting[/]" : r.Status switch
            {
                "Master" => "[bold green]Master[/]",
                "Follower" => "[blue]Follower[/]",
                "Campaigning" => "[yellow]Campaigning[/]",
                var s => Markup.Escape(s),
            };
            var cells = new List<string> { c.Name };
            if (wide) cells.Add(Markup.Escape(c.Id ?? c.Address));
            cells.AddRange(
            [
                status,
                Markup.Escape(cluster.NameOf(r?.Master)),
                r?.Session.ToString(CultureInfo.InvariantCulture) ?? "-",
                r is not null && c.Live && ranks.TryGetValue(r.Node, out var rank) ? rank.ToString(CultureInfo.InvariantCulture) : "-",
                r is null ? "-" : r.Candidate ? r.Priority.ToString(CultureInfo.InvariantCulture) : $"{r.Priority} (no candidate)",
                r is null ? "-" : Started(r),
                r?.Commands.ToString(CultureInfo.InvariantCulture) ?? "-",
                r is null ? "-" : $"{r.Members}/{r.Unreachable}",
            ]);
            if (wide) cells.Add(c.PeakWorkingSet == 0 ? "-" : $"{c.PeakWorkingSet / (1024 * 1024)} MB");
            table.AddRow(cells.ToArray());
        }
        table.Caption("rank: the election's order among the live nodes (1 would win): higher priority, then the earlier start (ms), then more commands, then the greater node id");
        string[] lines;
        lock (log) lines = log.TakeLast(8).ToArray();
        var events = new Rows(lines.Select(l => (Spectre.Console.Rendering.IRenderable)new Text(l)).ToArray());
        return new Rows(table, new Panel(events).Header("events").Border(BoxBorder.Rounded).Expand());
    }
}
