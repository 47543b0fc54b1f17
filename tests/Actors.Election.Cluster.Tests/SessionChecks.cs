using Xunit;

namespace Actors.Election.Cluster.Tests;

/// <summary>
/// The sessions a run of real nodes went through, read from the events each node published (<see cref="Node.Events"/>)
/// and from the session each node holds now, and the checks every restart spec makes on them.
/// </summary>
internal static class SessionChecks
{
    /// <summary>The session an election event names, or null for anything else.</summary>
    public static long? SessionOf(object e) => e switch
    {
        ElectionStarted x => x.Session,
        ElectedMaster x => x.Session,
        NewMaster x => x.Session,
        ElectionTimedOut x => x.Session,
        SteppedDown x => x.Session,
        MasterLost x => x.Session,
        _ => null,
    };

    /// <summary>Every session <paramref name="node"/> published in an event or holds now (0, "none yet", left out).</summary>
    public static IEnumerable<long> SeenBy(Node node) =>
        node.Events.Select(e => SessionOf(e.Event)).OfType<long>().Append(node.Election.Session).Where(s => s > 0);

    /// <summary>The highest session any of <paramref name="nodes"/> has seen; 0 when none has seen one.</summary>
    public static long Highest(IEnumerable<Node> nodes) => nodes.SelectMany(SeenBy).DefaultIfEmpty(0).Max();

    /// <summary>The lowest session any of <paramref name="nodes"/> has seen.</summary>
    public static long Lowest(IEnumerable<Node> nodes) => nodes.SelectMany(SeenBy).Min();

    /// <summary>
    /// On every node (every incarnation), the sessions it entered (campaigns opened or joined, won, masters followed)
    /// never go down, in the order it published them.
    /// </summary>
    public static void AssertNeverDecreasingOnEveryNode(IEnumerable<Node> nodes)
    {
        foreach (var node in nodes)
        {
            var entered = node.Events.Select(e => e.Event).Where(e => e is ElectionStarted or ElectedMaster or NewMaster).ToList();
            for (var i = 1; i < entered.Count; i++)
                Assert.True(SessionOf(entered[i]) >= SessionOf(entered[i - 1]), $"{node} went back from {entered[i - 1]} to {entered[i]}");
        }
    }

    /// <summary>No session was won by two nodes (incarnations of every cluster of the run included), and no split brain was seen.</summary>
    public static void AssertAtMostOneMasterPerSession(IEnumerable<Node> nodes)
    {
        var all = nodes.ToList();
        var elected = all.SelectMany(n => n.EventsOf<ElectedMaster>().Select(e => (e.Session, Node: n))).ToList();
        Assert.All(elected.GroupBy(e => e.Session), g => Assert.True(g.Count() == 1, $"session {g.Key} was won by {string.Join(", ", g.Select(e => e.Node))}"));
        Assert.All(all, n => Assert.Empty(n.EventsOf<SplitBrainDetected>()));
    }
}
