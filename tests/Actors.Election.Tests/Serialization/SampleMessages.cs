using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election.Tests.Serialization;

/// <summary>Election messages and node ids for the serializer tests.</summary>
internal static class SampleMessages
{
    /// <summary>A node id: <c>akka.tcp://sys@n{n}:{2550+n}</c>, incarnation <paramref name="uid"/> (default n).</summary>
    public static UniqueAddress Node(int n, int? uid = null) =>
        new(new Address("akka.tcp", "sys", $"n{n}", 2550 + n), uid ?? n);

    /// <summary>A plausible campaign message; every argument can be overridden.</summary>
    public static ElectionMessage Message(
        ElectionMessageKind kind = ElectionMessageKind.Campaign,
        ElectionStatus status = ElectionStatus.Campaigning,
        long clock = 42,
        long startedAtUnixMs = 1_700_000_000_000,
        long session = 3,
        long commandsSeen = 17,
        UniqueAddress? sender = null,
        UniqueAddress? voteFor = null,
        UniqueAddress? master = null,
        int priority = 0,
        bool candidate = true,
        bool forced = false,
        bool granted = false,
        Electorate? electorate = null) =>
        new(kind, status, clock, new Seniority(startedAtUnixMs), session, commandsSeen, sender ?? Node(1), voteFor, master,
            priority, candidate, forced, granted,
            electorate ?? new Electorate(new ElectorateVersion(2, 1), [Node(1), Node(2), Node(3)]));

    /// <summary>Valid messages of different shapes whose payloads the malformed-input tests mutate.</summary>
    public static IEnumerable<ElectionMessage> Varied()
    {
        yield return Message(electorate: Electorate.Bootstrap([]));
        yield return Message(voteFor: Node(2), master: Node(2), forced: true, granted: true, priority: -5);
        yield return Message(
            kind: ElectionMessageKind.Announce, status: ElectionStatus.Master, clock: long.MaxValue, startedAtUnixMs: long.MinValue,
            session: long.MaxValue, commandsSeen: long.MinValue, sender: new UniqueAddress(new Address("akka", "système-🚀"), int.MinValue),
            master: Node(1), priority: int.MaxValue,
            electorate: new Electorate(new ElectorateVersion(long.MaxValue, long.MinValue), Enumerable.Range(1, 5).Select(n => Node(n))));
    }
}
