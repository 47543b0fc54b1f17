using Akka.Actor;
using Akka.Cluster;
using Akka.TestKit;

namespace Actors.Election.Tests.Support;

/// <summary>
/// A TestProbe that plays one peer node: it composes that node's protocol messages (its clock ticks on every
/// send, as a real node's would) and checks what the node under test sends it.
/// </summary>
public sealed class PeerProbe(TestProbe probe, UniqueAddress node, Seniority seniority, int priority, bool candidate, long commands)
{
    private long _clock;

    public TestProbe Probe { get; } = probe;
    public UniqueAddress Node { get; } = node;
    public Seniority Seniority { get; } = seniority;
    public Electorate Electorate { get; set; } = Electorate.Bootstrap([]);
    public bool IsCandidate { get; } = candidate;

    /// <summary>A message from this peer; the clock ticks on every call.</summary>
    public ElectionMessage Message(ElectionMessageKind kind, long session, UniqueAddress? voteFor = null, UniqueAddress? master = null,
        ElectionStatus status = ElectionStatus.Campaigning, bool granted = false, bool forced = false, long? clock = null, bool? candidate = null) =>
        new(kind, status, clock ?? ++_clock, Seniority, session, commands, Node, voteFor, master, priority, candidate ?? IsCandidate, forced, granted, Electorate);

    /// <summary>Sends <paramref name="message"/> to <paramref name="to"/> from this peer (replies come back to this probe).</summary>
    public void Send(IActorRef to, ElectionMessage message) => Probe.Send(to, message);

    /// <summary>Waits for the next election message of <paramref name="kind"/>, skipping others.</summary>
    public ElectionMessage Expect(ElectionMessageKind kind, Func<ElectionMessage, bool>? where = null)
    {
        while (true)
        {
            var m = Probe.ExpectMsg<ElectionMessage>();
            if (m.Kind == kind && (where is null || where(m))) return m;
        }
    }

    /// <summary>Waits for this node's vote (a campaign message with a vote) in <paramref name="session"/>.</summary>
    public ElectionMessage ExpectVote(long session) =>
        Expect(ElectionMessageKind.Campaign, m => m.ProposedSession == session && m.VoteFor is not null);

    public override string ToString() => Node.ToString();
}
