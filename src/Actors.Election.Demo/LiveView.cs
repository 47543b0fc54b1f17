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

    public static Spectre.Console.Rendering.IRenderable Render(LocalCluster cluster, List<string> log)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Actors.Election demo[/] (127.0.0.1)")
            .AddColumns("node", "pid", "status", "master", "session", "seniority", "commands", "up/unreach.", "peak WS");
        foreach (var c in cluster.Children)
        {
            var r = c.Last;
            var status = c.Killed ? "[red]killed[/]" : r is null ? "[grey]starting[/]" : r.Status switch
            {
                "Master" => "[bold green]Master[/]",
                "Follower" => "[blue]Follower[/]",
                "Campaigning" => "[yellow]Campaigning[/]",
                var s => Markup.Escape(s),
            };
            table.AddRow(
                $"{c.Name} :{c.Port}", c.Process.Id.ToString(CultureInfo.InvariantCulture), status,
                Markup.Escape(cluster.NameOf(r?.Master)),
                r?.Session.ToString(CultureInfo.InvariantCulture) ?? "-",
                r is null ? "-" : TimeSpan.FromMilliseconds(r.SeniorityMs).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
                r?.Commands.ToString(CultureInfo.InvariantCulture) ?? "-",
                r is null ? "-" : $"{r.Members}/{r.Unreachable}",
                c.PeakWorkingSet == 0 ? "-" : $"{c.PeakWorkingSet / (1024 * 1024)} MB");
        }
        string[] lines;
        lock (log) lines = log.TakeLast(8).ToArray();
        var events = new Rows(lines.Select(l => (Spectre.Console.Rendering.IRenderable)new Text(l)).ToArray());
        return new Rows(table, new Panel(events).Header("events").Border(BoxBorder.Rounded).Expand());
    }
}
