using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election.Tests.Logic;

/// <summary>Node ids and campaign messages for the pure logic tests.</summary>
internal static class Nodes
{
    /// <summary>A node id: <c>akka.tcp://sys@n{n}:2552</c>, incarnation <paramref name="uid"/> (default n). Ordered by n for n &lt; 10.</summary>
    public static UniqueAddress Node(int n, int? uid = null) => new(new Address("akka.tcp", "sys", $"n{n}", 2552), uid ?? n);

    public static HashSet<UniqueAddress> Set(params int[] nodes) => nodes.Select(n => Node(n)).ToHashSet();

    public static HashSet<UniqueAddress> None => [];

    public static Electorate Electorate(ElectorateVersion version, params int[] nodes) => new(version, nodes.Select(n => Node(n)));

    public static Electorate Electorate(long session, long sequence, params int[] nodes) => Electorate(new ElectorateVersion(session, sequence), nodes);

    /// <summary>A campaign message from node <paramref name="from"/>; ranking inputs default to equal values.</summary>
    public static ElectionMessage From(
        int from,
        long session = 5,
        bool candidate = true,
        bool forced = false,
        ElectorateVersion? version = null,
        int priority = 0,
        long startedAtUnixMs = 1_000_000,
        long commandsSeen = 0,
        int? voteFor = null,
        int? uid = null) =>
        new(ElectionMessageKind.Campaign, ElectionStatus.Campaigning, Clock: 1, new Seniority(startedAtUnixMs), session, commandsSeen,
            Node(from, uid), voteFor is { } v ? Node(v) : null, Master: null, priority, candidate, forced, Granted: false,
            new Electorate(version ?? new ElectorateVersion(1, 0), [Node(1), Node(2), Node(3)]));
}
