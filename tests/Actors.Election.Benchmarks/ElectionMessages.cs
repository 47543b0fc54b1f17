using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election.Benchmarks;

/// <summary>Realistic election messages for the benchmarks: what a master of an n-node cluster sends.</summary>
public static class ElectionMessages
{
    /// <summary>
    /// The heartbeat a master of an <paramref name="nodes"/>-node cluster sends every heartbeat-interval (and the
    /// shape of every other message: each carries its sender's whole status): typical addresses, random uids,
    /// hybrid-logical-clock sessions, no change in progress.
    /// </summary>
    public static ElectionMessage Announce(int nodes)
    {
        var random = new Random(nodes);
        var members = Enumerable.Range(1, nodes)
            .Select(n => new UniqueAddress(new Address("akka.tcp", "orders", $"10.0.0.{n}", 4053), random.Next(int.MinValue, int.MaxValue)))
            .ToList();
        var master = members[0];
        const long session = 1_796_500_123_456_789;
        return new ElectionMessage(ElectionMessageKind.Announce, ElectionStatus.Master, Clock: 1_234, new Seniority(1_796_400_000_000), session,
            CommandsSeen: 52_000, master, VoteFor: master, Master: master, Priority: 0, Candidate: true, Forced: false, Granted: false,
            new Electorate(new ElectorateVersion(session, nodes), members));
    }
}
