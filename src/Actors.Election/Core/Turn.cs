using System.Collections.Immutable;
using Actors.Election.Logic;
using Akka.Cluster;
using Akka.Event;

namespace Actors.Election.Core;

/// <summary>
/// One step in progress, in the way etcd-io/raft's <c>raft</c> struct is: the state being changed (a clone of the
/// step's input state), the time the step runs at, and the outbox of effects. The rules of the protocol are written
/// against it; nothing outside the step ever sees it.
/// </summary>
internal sealed class Turn(NodeState state, StepTime time, bool debugEnabled)
{
    private static readonly ImmutableSortedSet<UniqueAddress> NoNodes = ImmutableSortedSet.Create<UniqueAddress>(NodeOrdering.Instance);

    private readonly List<Effect> _effects = new();

    /// <summary>The state being changed.</summary>
    public NodeState S { get; } = state;

    public StepTime Time { get; } = time;

    public DateTimeOffset Now => Time.Now;

    public IReadOnlyList<Effect> Effects => _effects;

    public ElectionSettings Settings => S.Settings;

    public Policies Policies => S.Policies;

    public UniqueAddress Self => S.Self;

    // ---------------------------------------------------------------- logging

    public void Log(LogLevel level, string text) => _effects.Add(new LogEffect(level, text));

    public void Info(string text) => Log(LogLevel.InfoLevel, text);

    public void Warning(string text) => Log(LogLevel.WarningLevel, text);

    /// <summary>A debug line, formatted only when debug logging is on (the explorer runs millions of steps).</summary>
    public void Debug(Func<string> text)
    {
        if (debugEnabled) Log(LogLevel.DebugLevel, text());
    }

    // ---------------------------------------------------------------- messages

    /// <summary>This node's status as a message of <paramref name="kind"/>, with the Lamport clock ticked for the send.</summary>
    public ElectionMessage Compose(ElectionMessageKind kind, bool granted = false)
    {
        S.Clock++;
        var session = kind == ElectionMessageKind.PreVote && S.PreVote is { } round ? round.ProposedSession : S.Session;
        return Status(kind, session, granted);
    }

    /// <summary>This node's status about <paramref name="session"/> as a message of <paramref name="kind"/> (no clock tick).</summary>
    public ElectionMessage Status(ElectionMessageKind kind, long session, bool granted = false) =>
        new(kind, S.Status, S.Clock, S.Seniority, session, S.CommandsSeen, S.Self,
            VoteFor: S.Ballot?.Session == session ? S.Ballot.Vote : null,
            Master: kind == ElectionMessageKind.PreVote ? null : S.Master,
            Settings.Priority,
            Candidate: MayBeElected(session),
            Forced: S.ForcedSession == session,
            granted,
            S.Electorate)
        {
            Removed = S.Gone.IsEmpty ? NoNodes : ReportedGone(),
        };

    /// <summary>
    /// The facts this node reports: its electorate's voters that are gone for good, and the gone ones a peer still counted,
    /// within the wire's node-list limit (its own electorate's first).
    /// </summary>
    private ImmutableSortedSet<UniqueAddress> ReportedGone()
    {
        var own = S.Electorate.AllVoters.Where(S.Gone.Contains).ToImmutableSortedSet(NodeOrdering.Instance);
        if (S.GoneStillCounted.IsEmpty) return own;
        var room = Serialization.WireLimits.MaxElectorate - own.Count;
        return own.Union(S.GoneStillCounted.Where(n => !own.Contains(n)).Take(Math.Max(0, room)));
    }

    /// <summary>
    /// Whether this node may be elected in <paramref name="session"/>: a candidate by its settings, not sitting the session
    /// out after a hand-over, and not leaving the cluster (a node on its way out would hold the session only until it
    /// exits, which is what happens to a hand-over when every node stops at once).
    /// </summary>
    public bool MayBeElected(long session) => Settings.Candidate && S.SitOutSession != session && !S.Leaving.Contains(S.Self);

    /// <summary>Every protocol message leaves through here, so <see cref="NodeState.MessagesSent"/> counts them all.</summary>
    public void Send(UniqueAddress to, ElectionMessage message)
    {
        S.MessagesSent++;
        _effects.Add(new SendEffect(to, message));
    }

    /// <summary>Sends <paramref name="message"/> to every member this node sees but itself.</summary>
    public void Broadcast(ElectionMessage message)
    {
        foreach (var member in S.Members)
            if (!member.Equals(S.Self)) Send(member, message);
    }

    public void Broadcast(ElectionMessageKind kind) => Broadcast(Compose(kind));

    /// <summary>Answers <paramref name="to"/> with this node's status.</summary>
    public void Reply(UniqueAddress to, bool granted = false) => Send(to, Compose(ElectionMessageKind.Reply, granted));

    // ---------------------------------------------------------------- events and answers

    public void Publish(IElectionEvent e)
    {
        Info($"{e} on {S.Self.ToShortId()}");
        _effects.Add(new PublishEffect(e));
    }

    public void Answer(object reply) => _effects.Add(new AnswerEffect(reply));

    public void PublishNewMasterIfChanged(UniqueAddress master)
    {
        if (master.Equals(S.LastPublishedMaster)) return;
        S.LastPublishedMaster = master;
        Publish(new NewMaster(master, S.Session));
    }

    public void PublishSplitBrain(UniqueAddress a, UniqueAddress b) =>
        Publish(new SplitBrainDetected(new[] { a, b }.OrderBy(n => n, NodeOrdering.Instance).ToImmutableArray()));

    // ---------------------------------------------------------------- timers

    public void StartTimer(TimerKey key, TimeSpan delay)
    {
        var generation = ++S.TimerGeneration;
        S.Timers = S.Timers.SetItem(key, generation);
        _effects.Add(new StartTimerEffect(key, generation, delay));
    }

    public void CancelTimer(TimerKey key)
    {
        if (!S.Timers.ContainsKey(key)) return;
        S.Timers = S.Timers.Remove(key);
        _effects.Add(new CancelTimerEffect(key));
    }

    public bool IsTimerActive(TimerKey key) => S.Timers.ContainsKey(key);

    public void ScheduleRetry() => StartTimer(TimerKey.Retry, RandomizedElectionTimeout());

    /// <summary>The election timeout, randomised in [T, 1.5T) against duelling candidates (xorshift, replayable from the seed).</summary>
    public TimeSpan RandomizedElectionTimeout()
    {
        var x = S.Random;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        S.Random = x;
        var fraction = (x >> 11) * (1.0 / (1UL << 53));
        return Settings.ElectionTimeout + TimeSpan.FromTicks((long)(fraction * Settings.ElectionTimeout.Ticks / 2));
    }

    // ---------------------------------------------------------------- transitions

    /// <summary>Enters <paramref name="status"/>: cancels the other states' timers, and makes sure an idle node without master has a retry pending.</summary>
    public void Transition(ElectionStatus status, string reason)
    {
        foreach (var key in S.Timers.Keys.Where(k => !TimerKeys.BelongsTo(k, status)).ToList()) CancelTimer(key);
        if (status != S.Status)
            Info($"Election {S.Self.ToShortId()}: {S.Status} -> {status} (session {S.Session}, master {S.Master.ToShortId()}): {reason}");
        S.Status = status;
        // A node idle without a master always has a retry pending (unless it may only elect when told to), so no path
        // into Idle can leave it waiting for ever.
        if (status == ElectionStatus.Idle && S.Joined && S.Master is null && !IsTimerActive(TimerKey.Startup)
            && (Settings.AutoElectOnPeerLoss || S.LastPublishedMaster is null))
            ScheduleRetry();
    }

    // ---------------------------------------------------------------- what this node can reach

    public bool IsReachable(UniqueAddress node) => S.IsReachable(node, Now);

    public bool IsSilentMaster(UniqueAddress node) => S.IsSilentMaster(node, Now);

    /// <summary>True when this node knows a master and that master is live.</summary>
    public bool MasterIsLive => S.Master is { } master && IsReachable(master);

    /// <summary>Members of the electorate this node cannot reach: marked unreachable, silent, or not (or no longer) in its view.</summary>
    public IReadOnlySet<UniqueAddress> NotReachable() =>
        S.Electorate.AllVoters.Where(v => !IsReachable(v)).Concat(S.Unreachable).ToHashSet();

    /// <summary>Whether the reachable voters of this node's electorate could form a quorum.</summary>
    public bool CanReachQuorum() => IsQuorumWithout(NotReachable());

    /// <summary>
    /// Whether this node, as master, still reaches a quorum: like <see cref="CanReachQuorum"/>, except that a follower's
    /// lost connection alone does not count against it. The next message reconnects a follower that still runs, and one
    /// that died is flagged by the failure detector; so one broken link unseats no master, as it elects no rival.
    /// </summary>
    public bool MasterCanReachQuorum() =>
        IsQuorumWithout(S.Electorate.AllVoters.Where(v => !v.Equals(S.Self) && !S.Members.Contains(v)).Concat(S.Unreachable).ToHashSet());

    /// <summary>Whether the voters of this node's electorate outside <paramref name="notReachable"/> form a quorum of it.</summary>
    private bool IsQuorumWithout(IReadOnlySet<UniqueAddress> notReachable) =>
        Policies.IsQuorum(S, S.Electorate, S.Electorate.AllVoters.Where(v => !notReachable.Contains(v)).ToHashSet(), notReachable);

    /// <summary>Whether <paramref name="votes"/> elect under this node's electorate.</summary>
    public bool IsQuorum(IReadOnlySet<UniqueAddress> votes) => Policies.IsQuorum(S, S.Electorate, votes, NotReachable());

    /// <summary>In reachable mode each side of a partition mints its own electorate versions, so versions say nothing about who is up to date across sides.</summary>
    public bool UpToDateRule => Settings.Quorum == QuorumMode.Majority;

    /// <summary>The session this node proposes now: above every session it has seen, and not below its wall clock.</summary>
    public long NextSession() => SessionClock.Next(S.HighestSeen, Time.WallClock);
}
