using System.Collections.Immutable;
using Actors.Election.Logic;
using Akka.Cluster;

namespace Actors.Election.Core;

/// <summary>
/// Everything one node's election knows: identity and settings, its membership view, and its protocol state. The
/// core's steps never change a state they are given: they change a <see cref="Clone"/>. Every collection is immutable,
/// so a clone is a member-wise copy and costs nothing (the explorer clones a state for every branch it tries).
/// </summary>
internal sealed class NodeState
{
    private static readonly ImmutableSortedSet<UniqueAddress> NoNodes = ImmutableSortedSet.Create<UniqueAddress>(NodeOrdering.Instance);

    public NodeState(UniqueAddress self, Seniority seniority, ElectionSettings settings, Policies policies, ulong randomSeed)
    {
        Self = self;
        Seniority = seniority;
        Settings = settings;
        Policies = policies;
        Random = randomSeed == 0 ? 0x9E3779B97F4A7C15UL : randomSeed;
    }

    // ---------------------------------------------------------------- identity and settings

    public UniqueAddress Self { get; }
    public Seniority Seniority { get; }
    public ElectionSettings Settings { get; }
    public Policies Policies { get; }

    // ---------------------------------------------------------------- membership view

    /// <summary>True once this node was told it is a member itself (it takes part from then on).</summary>
    public bool Joined { get; set; }

    /// <summary>The members this node sees (Up or Leaving, with the role), itself included once joined; never a removed one.</summary>
    public ImmutableSortedSet<UniqueAddress> Members { get; set; } = NoNodes;

    /// <summary>Members the failure detector marks unreachable.</summary>
    public ImmutableSortedSet<UniqueAddress> Unreachable { get; set; } = NoNodes;

    /// <summary>Members leaving gracefully: a master drops them while they can still acknowledge.</summary>
    public ImmutableSortedSet<UniqueAddress> Leaving { get; set; } = NoNodes;

    /// <summary>
    /// Incarnations known to be gone for good (facts): they left gracefully, a new incarnation took their address, or a
    /// member reported one of these. They never vote again.
    /// </summary>
    public ImmutableSortedSet<UniqueAddress> Gone { get; set; } = NoNodes;

    /// <summary>
    /// Incarnations in <see cref="Gone"/> that a peer's message still counted as voters (a peer that saw them downed, or
    /// not removed at all, waits for their votes): this node reports them in every message, beside its own electorate's,
    /// so the news reaches the peers that need it. Bounded by the wire's node-list limit.
    /// </summary>
    public ImmutableSortedSet<UniqueAddress> GoneStillCounted { get; set; } = NoNodes;

    /// <summary>
    /// Members the downing provider removed. Not a fact: across a partition each side may down the other while every
    /// process keeps running, so only <c>trust-downing</c> lets them shrink a quorum.
    /// </summary>
    public ImmutableSortedSet<UniqueAddress> Downed { get; set; } = NoNodes;

    /// <summary>
    /// Members whose connection to this node was lost (Akka.Remote disassociated), with the instant it was lost. Each counts
    /// as unreachable until it is heard again or failure-timeout has passed: two followers never write to each other, so
    /// waiting to hear one could last for ever, while after failure-timeout a process that really died is silent as a
    /// master, and Akka's failure detector judges the others.
    /// </summary>
    public ImmutableSortedDictionary<UniqueAddress, DateTimeOffset> Disconnected { get; set; } = ImmutableSortedDictionary.Create<UniqueAddress, DateTimeOffset>(NodeOrdering.Instance);

    /// <summary>The members among <see cref="Downed"/> (seen in the view or the electorate before they were downed).</summary>
    public ImmutableSortedSet<UniqueAddress> DownedMembers { get; set; } = NoNodes;

    // ---------------------------------------------------------------- protocol state

    public ElectionStatus Status { get; set; } = ElectionStatus.Idle;

    /// <summary>The session this node campaigns in, leads, follows or last took part in.</summary>
    public long Session { get; set; }

    /// <summary>The highest session this node has heard of: it never proposes one at or below it.</summary>
    public long HighestSeen { get; set; }

    /// <summary>The highest session some node reported done with its campaign (led, followed or left).</summary>
    public long HighestSettled { get; set; }

    /// <summary>The master of <see cref="Session"/> this node knows, or null.</summary>
    public UniqueAddress? Master { get; set; }

    /// <summary>The master last published in <see cref="NewMaster"/> (published again only on a change).</summary>
    public UniqueAddress? LastPublishedMaster { get; set; }

    /// <summary>The electorate this node holds: the one its votes are cast under and its own candidacy is counted under.</summary>
    public Electorate Electorate { get; set; } = Electorate.Bootstrap([]);

    /// <summary>A master only: a quorum acknowledged its current electorate in its session, so the next change may start.</summary>
    public bool ElectorateCommitted { get; set; }

    /// <summary>A master only: the electorate version each member last acknowledged in this master's session.</summary>
    public ImmutableDictionary<UniqueAddress, ElectorateVersion> Acks { get; set; } = ImmutableDictionary<UniqueAddress, ElectorateVersion>.Empty;

    /// <summary>The open session's campaign as this node sees it (null before its first session).</summary>
    public Ballot? Ballot { get; set; }

    /// <summary>The pre-vote in progress, or null.</summary>
    public PreVoteRound? PreVote { get; set; }

    /// <summary>The session this node sits out (a hand-over: it may not be elected there), or -1.</summary>
    public long SitOutSession { get; set; } = -1;

    /// <summary>The session this node opened with <c>ForceMaster</c> (it ranks first there), or -1.</summary>
    public long ForcedSession { get; set; } = -1;

    /// <summary>The last master this node followed, and when it last heard from it (a master announces every heartbeat).</summary>
    public UniqueAddress? LastMaster { get; set; }
    public DateTimeOffset LastMasterHeardAt { get; set; }

    /// <summary>Reachable mode: the other master and session of the last split brain published (once each, not per heartbeat).</summary>
    public (UniqueAddress Master, long Session)? LastSplitBrain { get; set; }

    // ---------------------------------------------------------------- clocks and counters

    /// <summary>The Lamport clock: ticked on send, max(local, received) + 1 on receive.</summary>
    public long Clock { get; set; }

    /// <summary>The last clock received from each sender: an older or equal one is a reordered or duplicated message.</summary>
    public ImmutableDictionary<UniqueAddress, long> LastClockFrom { get; set; } = ImmutableDictionary<UniqueAddress, long>.Empty;

    /// <summary>The application counter (<c>RecordCommand</c>).</summary>
    public long CommandsSeen { get; set; }

    /// <summary>Election messages sent since start.</summary>
    public long MessagesSent { get; set; }

    /// <summary>The timers this node considers running, each with the generation it was started with (a firing of another generation is stale).</summary>
    public ImmutableDictionary<TimerKey, long> Timers { get; set; } = ImmutableDictionary<TimerKey, long>.Empty;
    public long TimerGeneration { get; set; }

    /// <summary>The state of the election-timeout jitter's generator (xorshift), so a seed replays a run.</summary>
    public ulong Random { get; set; }

    /// <summary>A copy that the next step may change.</summary>
    public NodeState Clone() => (NodeState)MemberwiseClone();

    /// <summary>True when <paramref name="node"/> is removed: gone for good, or downed.</summary>
    public bool IsRemoved(UniqueAddress node) => Gone.Contains(node) || Downed.Contains(node);

    /// <summary>The removals a quorum may leave out: none, unless <c>trust-downing</c> makes every removal count.</summary>
    public IReadOnlySet<UniqueAddress> TrustedRemovals => Settings.TrustDowning ? Gone.Union(Downed) : NoNodes;

    /// <summary>
    /// Reachable as the election sees it: itself once joined; the master this node followed while it is live
    /// (<see cref="Logic.MasterLiveness"/>: in view, connected, heard within failure-timeout); any other member in view,
    /// connected, and not marked unreachable by the failure detector.
    /// </summary>
    public bool IsReachable(UniqueAddress node, DateTimeOffset now)
    {
        if (node.Equals(Self)) return Joined;
        if (node.Equals(LastMaster))
            return Logic.MasterLiveness.IsLive(Members.Contains(node), IsDisconnected(node, now), IsSilentMaster(node, now));
        return Members.Contains(node) && !IsDisconnected(node, now) && !Unreachable.Contains(node);
    }

    /// <summary>True while <paramref name="node"/>'s lost connection is news: not heard since, and lost less than failure-timeout ago.</summary>
    public bool IsDisconnected(UniqueAddress node, DateTimeOffset now) =>
        Disconnected.TryGetValue(node, out var lostAt) && now - lostAt < Settings.FailureTimeout;

    /// <summary>True when <paramref name="node"/> is the master this node followed and it has been silent past failure-timeout.</summary>
    public bool IsSilentMaster(UniqueAddress node, DateTimeOffset now) =>
        node.Equals(LastMaster) && Logic.MasterLiveness.IsSilent(LastMasterHeardAt, now, Settings.FailureTimeout);

    /// <summary>Removed nodes (gone or downed), for the votes and answers that no longer count.</summary>
    public IReadOnlySet<UniqueAddress> Removed => Downed.IsEmpty ? Gone : Gone.Union(Downed);
}
