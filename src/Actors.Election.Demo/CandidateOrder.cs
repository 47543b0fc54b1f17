using System.Globalization;
using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election.Demo;

/// <summary>
/// The order in which the election ranks the demo's nodes, from the values each node reports, so the live table can
/// show why a node wins: eligible first, then higher <c>priority</c>, then the earlier start (seniority, in whole Unix
/// milliseconds), then more commands seen, then the node id (<see cref="NodeOrdering"/>, the greater wins). This is the
/// order of <c>CandidateRanking</c> among nodes that hold the same electorate, which the nodes of a settled cluster do.
/// </summary>
internal sealed class CandidateOrder : IComparer<NodeReport>
{
    public static readonly CandidateOrder Instance = new();

    /// <summary>Best first: negative when <paramref name="x"/> ranks above <paramref name="y"/>.</summary>
    public int Compare(NodeReport? x, NodeReport? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return 1;
        if (y is null) return -1;
        var c = y.Candidate.CompareTo(x.Candidate);
        if (c != 0) return c;
        c = y.Priority.CompareTo(x.Priority);
        if (c != 0) return c;
        c = x.SeniorityStartMs.CompareTo(y.SeniorityStartMs); // started earlier ranks higher
        if (c != 0) return c;
        c = y.Commands.CompareTo(x.Commands);
        if (c != 0) return c;
        return NodeOrdering.Instance.Compare(ParseId(y.Node), ParseId(x.Node));
    }

    /// <summary>Each node's rank (1 = would win) among <paramref name="reports"/>, by node id.</summary>
    public static IReadOnlyDictionary<string, int> Ranks(IEnumerable<NodeReport> reports) =>
        reports.Order(Instance).Select((r, i) => (r.Node, Rank: i + 1)).ToDictionary(p => p.Node, p => p.Rank);

    /// <summary><c>host:port#uid</c> (<see cref="NodeIds.ToShortId"/>) back to the node id it shows; null when it is not one.</summary>
    public static UniqueAddress? ParseId(string? id)
    {
        if (id is null) return null;
        var hash = id.LastIndexOf('#');
        var colon = hash < 0 ? -1 : id.LastIndexOf(':', hash);
        if (colon <= 0
            || !int.TryParse(id.AsSpan(colon + 1, hash - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || !int.TryParse(id.AsSpan(hash + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var uid))
            return null;
        return new UniqueAddress(new Address("akka.tcp", NodeHost.SystemName, id[..colon], port), uid);
    }
}
