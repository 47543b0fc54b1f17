using System.Globalization;
using System.Text.RegularExpressions;
using Actors.Election.Nemesis.Tests.Checking;
using Actors.Election.Nemesis.Tests.Processes;

namespace Actors.Election.Nemesis.Tests.Reporting;

/// <summary>What Akka.Remote and Akka.Cluster logged of one kind, over every node log of the run.</summary>
/// <param name="Category">What the lines are about.</param>
/// <param name="Count">How many lines.</param>
/// <param name="Nodes">Which incarnations logged them.</param>
/// <param name="DuringFaults">Fault kinds in force (or healed less than 10 s before) when they were logged, with counts.</param>
/// <param name="Samples">A few of the lines.</param>
internal sealed record RemoteLogCategory(string Category, int Count, IReadOnlyList<string> Nodes, IReadOnlyDictionary<string, int> DuringFaults, IReadOnlyList<string> Samples);

/// <summary>
/// Reads the node logs (Akka at INFO) for what the transport and the cluster did under the faults: gated and
/// quarantined associations, disassociations, unreachability and its end, downing. For the report's Akka.Remote section.
/// </summary>
internal static partial class RemoteLog
{
    private static readonly (string Category, Regex Pattern)[] Categories =
    [
        ("quarantine", new Regex("quarantin", RegexOptions.IgnoreCase)),
        ("gated association", new Regex(@"\bgated\b|gating", RegexOptions.IgnoreCase)),
        ("association failure", new Regex(@"association.*(fail|error|refused|timed out)|AssociationError|InvalidAssociation", RegexOptions.IgnoreCase)),
        ("disassociated", new Regex("disassociat", RegexOptions.IgnoreCase)),
        ("marked unreachable", new Regex(@"as \[?UNREACHABLE|UnreachableMember", RegexOptions.None)),
        ("reachable again", new Regex(@"as \[?REACHABLE|ReachableMember", RegexOptions.None)),
        ("downing (split brain resolver)", new Regex(@"SBR|split brain|Downing|DownReachable|DownUnreachable|DownAll|down-all", RegexOptions.IgnoreCase)),
        ("removed / shut down", new Regex(@"MemberRemoved|Shutting down myself|removed from the cluster|CoordinatedShutdown|leaving", RegexOptions.IgnoreCase)),
    ];

    public static IReadOnlyList<RemoteLogCategory> Summarize(RunFolder folder, RunRecord run)
    {
        var found = Categories.ToDictionary(c => c.Category, _ => new List<(string Node, DateTime? At, string Line)>());
        foreach (var incarnation in run.Incarnations)
        {
            var file = Path.Combine(folder.NodesDirectory, incarnation.Name + ".log");
            if (!File.Exists(file)) continue;
            var offsetAt = ClockOffsets(run, incarnation.Node);
            foreach (var line in File.ReadLines(file))
            {
                if (SettingsLine().IsMatch(line)) continue; // what the node runs with, not something that happened
                foreach (var (category, pattern) in Categories)
                {
                    if (!pattern.IsMatch(line)) continue;
                    var stamp = Timestamp(line, incarnation.Start);
                    found[category].Add((incarnation.Name, stamp is { } t ? t - offsetAt(t) : null, line));
                    break;
                }
            }
        }
        return Categories.Select(c =>
        {
            var lines = found[c.Category];
            var during = lines.Where(l => l.At is not null)
                .Select(l => run.Faults.LastOrDefault(f => l.At >= f.Start && l.At <= f.Heal.AddSeconds(10))?.Kind ?? "no fault")
                .GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
            var samples = lines.GroupBy(l => Normalize(l.Line)).Select(g => $"{g.First().Node}: {Trim(g.First().Line)}").Take(4).ToList();
            return new RemoteLogCategory(c.Category, lines.Count, lines.Select(l => l.Node).Distinct().ToList(), during, samples);
        }).ToList();
    }

    /// <summary>
    /// The node's clock offset for a stamp its own (shifted) clock wrote, from the journal's offsets (process starts and
    /// clock steps): the stamp less the offset is the harness's time. A stamp belongs to the last offset set before the
    /// time it gives (libfaketime picks a step up within a second, so a line that close to a step may be placed by
    /// the offset before it).
    /// </summary>
    internal static Func<DateTime, TimeSpan> ClockOffsets(RunRecord run, int node)
    {
        var steps = run.Journal.Where(e => e.Node == node && e.OffsetMs is not null).OrderBy(e => e.At)
            .Select(e => (e.At, Offset: TimeSpan.FromMilliseconds(e.OffsetMs!.Value))).ToList();
        return stamp =>
        {
            var offset = TimeSpan.Zero;
            foreach (var (at, candidate) in steps)
                if (stamp - candidate >= at) offset = candidate;
            return offset;
        };
    }

    /// <summary>The UTC time of an Akka log line (<c>[INFO][11/29/2026 20:53:22.123Z]…</c>) or of a node line (<c>20:53:22.123 …</c>, local time).</summary>
    private static DateTime? Timestamp(string line, DateTime day)
    {
        var akka = AkkaStamp().Match(line);
        if (akka.Success && DateTime.TryParse(akka.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            return at;
        var node = NodeStamp().Match(line);
        if (node.Success && TimeSpan.TryParse(node.Groups[1].Value, CultureInfo.InvariantCulture, out var time))
            return DateTime.SpecifyKind(day.ToLocalTime().Date + time, DateTimeKind.Local).ToUniversalTime();
        return null;
    }

    private static string Normalize(string line) => Digits().Replace(AkkaStamp().Replace(line, ""), "#");

    private static string Trim(string line) => line.Length <= 220 ? line : line[..220] + "…";

    [GeneratedRegex(@"^\[\w+\]\[([^\]]+?)Z?\]")]
    private static partial Regex AkkaStamp();

    [GeneratedRegex(@"^(\d\d:\d\d:\d\d\.\d{3}) ")]
    private static partial Regex NodeStamp();

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d{3} settings: ")]
    private static partial Regex SettingsLine();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
