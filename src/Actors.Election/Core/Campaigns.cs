using Actors.Election.Logic;
using Akka.Cluster;

namespace Actors.Election.Core;

/// <summary>
/// Opening, joining and counting a session: the pre-vote, the campaign, the vote, the win, and following a master.
/// </summary>
internal static class Campaigns
{
    /// <summary>
    /// Tries to start an election: a pre-vote first (Raft's), and only with a reachable quorum, so a cut-off minority
    /// never inflates sessions while it waits. This node grants its own pre-vote unless it still hears a live master.
    /// </summary>
    public static void TryElect(Turn t, string reason)
    {
        var s = t.S;
        if (!s.Joined || s.Status == ElectionStatus.Master || s.PreVote is not null) return;
        if (s.Status == ElectionStatus.Follower && t.MasterIsLive)
        {
            t.Info($"Not electing ({reason}): master {s.Master.ToShortId()} of session {s.Session} is live");
            return;
        }
        if (!t.CanReachQuorum())
        {
            t.Debug(() => $"Not electing ({reason}): no quorum of {s.Electorate} reachable");
            if (s.Status == ElectionStatus.Idle) t.ScheduleRetry();
            return;
        }
        s.PreVote = new PreVoteRound(t.NextSession()).Answer(t.Status(ElectionMessageKind.Reply, s.Session, granted: true));
        t.Debug(() => $"Pre-vote for session {s.PreVote.ProposedSession} ({reason})");
        if (CheckPreVote(t)) return;
        t.Broadcast(ElectionMessageKind.PreVote);
        t.StartTimer(TimerKey.PreVote, t.Settings.GatherTimeout);
    }

    /// <summary>
    /// Whether this node grants the pre-vote <paramref name="m"/> (its live master aside): only for a session above every
    /// session it knows was used, its own included (Raft grants a vote only for a term above the voter's current one). A
    /// node that merely heard of a session still knows it was used: granting below it could let a session be opened again
    /// after every node that took part in it is gone, while this one still remembers it. The asker proposes again later,
    /// and a proposal is never below the asker's wall clock: it passes every session opened before that instant (within
    /// the clocks' skew).
    /// </summary>
    public static bool MayGrantPreVote(NodeState s, ElectionMessage m) => m.ProposedSession > Math.Max(s.Session, s.HighestSeen);

    /// <summary>Takes in one answer to this node's pre-vote.</summary>
    public static void OnPreVoteAnswer(Turn t, ElectionMessage reply)
    {
        if (t.S.PreVote is not { } round) return;
        t.S.PreVote = round.Answer(reply);
        CheckPreVote(t);
    }

    /// <summary>
    /// Opens the session once the pre-vote has a quorum of grants and every reachable peer has answered (or the pre-vote
    /// timed out): the answers carry their sessions, so a session someone already used is never opened again. When every
    /// reachable peer answered, the answers carry every status a gather would collect, so the session opens with this
    /// node's vote already cast for the best-ranked of them (a nomination): the others vote the same way as they join,
    /// and the election takes one round trip with messages linear in the cluster size.
    /// </summary>
    public static bool CheckPreVote(Turn t, bool timedOut = false)
    {
        var s = t.S;
        if (s.PreVote is not { } round) return false;
        if (!t.IsQuorum(round.Grants.Keys.ToHashSet())) return false;
        if (OnlyAConnectionWasLost(t) && !round.Grants.Keys.Any(g => !g.Equals(s.Self) && s.Electorate.Contains(g))) return false;
        if (!timedOut && s.Members.Any(p => !p.Equals(s.Self) && t.IsReachable(p) && !round.Answered.Contains(p))) return false;
        var session = Math.Max(round.ProposedSession, t.NextSession());
        var nominee = timedOut ? null : round.Nominee(t.Status(ElectionMessageKind.Campaign, session), s.Removed, t.UpToDateRule);
        Open(t, session, nominee: nominee);
        return true;
    }

    /// <summary>
    /// Whether this node's only evidence against the master it followed is a lost connection: that master is still a
    /// member and was heard within failure-timeout. A pre-vote on that evidence opens a session only with the grant of
    /// another voter (who grants only if it no longer hears the master either), even where this node's own grant would be
    /// a quorum (the tie-breaking half of a two-voter electorate; the only reachable voter in reachable mode): one broken
    /// link unseats no master. Once the master has been silent for failure-timeout, the silence is evidence enough.
    /// </summary>
    private static bool OnlyAConnectionWasLost(Turn t) =>
        t.S.LastMaster is { } master && t.S.Members.Contains(master) && !t.S.IsSilentMaster(master, t.Now);

    public static void OnPreVoteTimeout(Turn t)
    {
        if (t.S.PreVote is not { } round || CheckPreVote(t, timedOut: true)) return;
        t.Debug(() => $"Pre-vote for session {round.ProposedSession} got no quorum");
        t.S.PreVote = null;
        if (t.S.Status != ElectionStatus.Follower) t.ScheduleRetry();
    }

    /// <summary>Opens a new session as its initiator, with this node's vote for <paramref name="nominee"/> if one is named.</summary>
    public static void Open(Turn t, long session, bool forced = false, bool sitOut = false, UniqueAddress? nominee = null)
    {
        if (forced) t.S.ForcedSession = session;
        if (sitOut) t.S.SitOutSession = session;
        EnterSession(t, session, "opened");
        if (nominee is not null) CastVote(t, nominee, "nominated from the pre-vote");
        Participate(t, opening: true);
    }

    /// <summary>
    /// Joins the campaign <paramref name="m"/> belongs to. A message that already carries its sender's vote comes from a
    /// nomination or from a node whose gather is over: this node votes the same way at once instead of gathering on its
    /// own, so every voter converges on one candidate.
    /// </summary>
    public static void Join(Turn t, ElectionMessage m)
    {
        EnterSession(t, m.ProposedSession, $"joined the campaign of {m.Sender.ToShortId()}");
        var s = t.S;
        s.Ballot = s.Ballot!.Record(m);
        if (s.Ballot.Vote is null && m.VoteFor is { } vote && MayVoteFor(t, vote)) CastVote(t, vote, $"as {m.Sender.ToShortId()} did");
        Participate(t);
    }

    /// <summary>Records a campaign message of the open session and counts again.</summary>
    public static void Record(Turn t, ElectionMessage m)
    {
        t.S.Ballot = t.S.Ballot!.Record(m);
        Evaluate(t);
    }

    private static void EnterSession(Turn t, long session, string reason)
    {
        var s = t.S;
        // A follower that goes campaigning without a live master has lost it (its connection closed, or it went silent,
        // and a quorum agreed): subscribers hear of it as from any other loss. One that joins a forced promotion under a
        // live master did not lose it.
        if (s is { Status: ElectionStatus.Follower, Master: { } master } && !t.IsReachable(master)) t.Publish(new MasterLost(master, s.Session));
        s.PreVote = null;
        s.RefusedPreVote = null;
        s.Master = null;
        s.HighestSeen = Math.Max(s.HighestSeen, session);
        var fresh = s.Ballot?.Session != session;
        if (fresh)
        {
            s.Session = session;
            s.Ballot = new Ballot(session);
        }
        t.Transition(ElectionStatus.Campaigning, reason);
        if (fresh)
        {
            t.Publish(new ElectionStarted(session));
            t.StartTimer(TimerKey.Gather, t.Settings.GatherTimeout);
            t.StartTimer(TimerKey.Election, t.RandomizedElectionTimeout());
            return;
        }
        // Back in a session it had left (it timed out of it, then another node's campaign for it came): whatever timers
        // it had are gone with the state it left, and a campaign without them would wait for ever.
        if (!t.IsTimerActive(TimerKey.Election)) t.StartTimer(TimerKey.Election, t.RandomizedElectionTimeout());
        if (s.Ballot!.Vote is null && !s.Ballot.GatherOver && !t.IsTimerActive(TimerKey.Gather)) t.StartTimer(TimerKey.Gather, t.Settings.GatherTimeout);
    }

    /// <summary>
    /// Whether this node may vote for <paramref name="candidate"/> without having chosen it itself: not removed, a member
    /// it can talk to (or itself, when it may be elected in this session), and, if heard, as up to date as this node. A
    /// vote for a candidate not heard yet counts only if the candidate holds an electorate at least as new as the voter's
    /// (the ballot's count checks it), so Raft's up-to-date rule holds either way.
    /// </summary>
    private static bool MayVoteFor(Turn t, UniqueAddress candidate)
    {
        var s = t.S;
        if (s.IsRemoved(candidate)) return false;
        if (candidate.Equals(s.Self) ? !t.MayBeElected(s.Session) : !s.Members.Contains(candidate)) return false;
        return !t.UpToDateRule || !s.Ballot!.Heard.TryGetValue(candidate, out var heard) || heard.Electorate.Version >= s.Electorate.Version;
    }

    private static void CastVote(Turn t, UniqueAddress candidate, string why)
    {
        t.S.Ballot = t.S.Ballot!.Cast(candidate);
        t.Debug(() => $"Voting for {candidate.ToShortId()} in session {t.S.Session} ({why})");
    }

    /// <summary>
    /// Sends this node's campaign message for the open session, then counts. Its candidacy (no vote yet, or a vote for
    /// itself) and the opening of a session go to everyone: every voter gathers every candidate. A vote for another node
    /// goes to that candidate only, the one node that counts it.
    /// </summary>
    private static void Participate(Turn t, bool opening = false)
    {
        var mine = t.Compose(ElectionMessageKind.Campaign);
        t.S.Ballot = t.S.Ballot!.Record(mine);
        if (!opening && mine.VoteFor is { } vote && !vote.Equals(t.Self) && t.S.Members.Contains(vote)) t.Send(vote, mine);
        else t.Broadcast(mine);
        Evaluate(t);
    }

    /// <summary>Votes once the gather phase is over, and wins on a quorum of votes under this node's electorate.</summary>
    public static void Evaluate(Turn t, bool gatherOver = false)
    {
        var s = t.S;
        if (s.Status != ElectionStatus.Campaigning || s.Ballot is not { } ballot) return;
        if (gatherOver) s.Ballot = ballot = ballot with { GatherOver = true };
        // Wait for every reachable member, not only the voters of our electorate: a candidate our electorate does not
        // know yet (a newcomer, the other side of a healed partition) may be the one everybody else votes for.
        var allHeard = ballot.GatherOver || ballot.HeardFromAll(s.Electorate.AllVoters.Concat(s.Members).Where(t.IsReachable));
        if (allHeard && ballot.Choose(s.Electorate, s.Removed, t.UpToDateRule) is { } choice)
        {
            if (ballot.Vote is null)
            {
                CastVote(t, choice.Sender, "the best-ranked candidate heard");
                Participate(t);
                return; // Participate counts again with our vote recorded
            }
            if (!ballot.Vote.Equals(choice.Sender) && t.Policies.MayMoveVote(ballot.Vote, choice.Sender))
            {
                s.Ballot = ballot.Recast(choice.Sender);
                Participate(t);
                return;
            }
        }
        // A node outside the electorate (a newcomer not yet admitted) may win too: its quorum is still counted among the
        // electorate's voters, so quorums still overlap, and the cluster can elect when no member can.
        if (!t.MayBeElected(s.Session)) return;
        // A session this node knows settled may have a master already (elected by voters this node did not hear from):
        // winning it would give it a second one. The campaign runs out and the next one proposes a higher session.
        if (s.Session <= s.HighestSettled) return;
        var votes = s.Ballot.VotesFor(s.Self, s.Electorate, s.Removed, t.UpToDateRule);
        if (t.IsQuorum(votes)) Win(t);
    }

    public static void OnElectionTimeout(Turn t)
    {
        t.Info($"Session {t.S.Session} elected no master in time");
        t.Publish(new ElectionTimedOut(t.S.Session));
        t.Transition(ElectionStatus.Idle, "election timed out");
        TryElect(t, "election timed out");
    }

    /// <summary>This node won the open session: it re-stamps its electorate with the session and announces itself.</summary>
    public static void Win(Turn t)
    {
        var s = t.S;
        s.Master = s.Self;
        s.LastMaster = null;
        s.HighestSettled = Math.Max(s.HighestSettled, s.Session); // it led it: never a campaign of it again
        s.Electorate = t.Policies.OnWin(s.Electorate, s.Session);
        s.ElectorateCommitted = false;
        s.Acks = s.Acks.Clear();
        t.Transition(ElectionStatus.Master, "won the election");
        t.Publish(new ElectedMaster(s.Session));
        t.PublishNewMasterIfChanged(s.Self);
        t.Broadcast(ElectionMessageKind.Announce);
        t.StartTimer(TimerKey.Heartbeat, t.Settings.HeartbeatInterval);
        Mastership.CheckCommitted(t);
        Mastership.CheckQuorum(t);
    }

    /// <summary>
    /// Whether this node may follow <paramref name="m"/>'s sender as master: a session not below its own, and in majority
    /// mode not below the session its electorate was minted in (a master of an older session than one that already
    /// settled an electorate is stale). In reachable mode each side of a partition mints its own electorates, so one
    /// minted on another side (a newcomer takes any) says nothing about a master of this side.
    /// </summary>
    public static bool MayFollow(NodeState s, ElectionMessage m) =>
        m.ClaimsMastership && m.ProposedSession >= s.Session
        && (s.Settings.Quorum == QuorumMode.Reachable || m.ProposedSession >= s.Electorate.Version.Session);

    /// <summary>Follows the master that <paramref name="m"/> comes from.</summary>
    public static void Follow(Turn t, ElectionMessage m)
    {
        var s = t.S;
        s.PreVote = null;
        s.RefusedPreVote = null;
        s.Session = m.ProposedSession;
        s.HighestSeen = Math.Max(s.HighestSeen, s.Session);
        s.HighestSettled = Math.Max(s.HighestSettled, s.Session);
        s.Master = m.Sender;
        s.LastMaster = m.Sender;
        s.LastMasterHeardAt = t.Now;
        Electorates.Adopt(t, ElectorateAdoption.FromMaster(s.Electorate, m.Electorate, t.Settings.Quorum), $"announced by master {m.Sender.ToShortId()}");
        t.Transition(ElectionStatus.Follower, $"{m.Sender.ToShortId()} is master");
        t.PublishNewMasterIfChanged(m.Sender);
        Followership.WatchMaster(t);
    }

    /// <summary><paramref name="m"/> comes from a node that claims to be master of its session.</summary>
    public static void OnMasterSeen(Turn t, ElectionMessage m)
    {
        var s = t.S;
        switch (s.Status)
        {
            case ElectionStatus.Master:
                Mastership.OnOtherMaster(t, m);
                break;
            case ElectionStatus.Follower when m.Sender.Equals(s.Master) && m.ProposedSession == s.Session:
                Electorates.Adopt(t, ElectorateAdoption.FromMaster(s.Electorate, m.Electorate, t.Settings.Quorum), $"announced by master {m.Sender.ToShortId()}");
                break;
            case ElectionStatus.Follower when m.ProposedSession == s.Session:
                t.Log(Akka.Event.LogLevel.ErrorLevel,
                    $"Safety violation: {s.Master.ToShortId()} and {m.Sender.ToShortId()} both claim to be master of session {s.Session}");
                t.PublishSplitBrain(s.Master!, m.Sender);
                break;
            case ElectionStatus.Follower when m.ProposedSession > s.Session && MayFollow(s, m):
            case ElectionStatus.Idle or ElectionStatus.Campaigning when MayFollow(s, m):
                Follow(t, m);
                break;
        }
    }

    /// <summary>Takes in what a status reply tells: pre-vote answers, masters, acknowledgements, campaigns this node is behind on.</summary>
    public static void Learn(Turn t, ElectionMessage m, long settledBefore)
    {
        var s = t.S;
        OnPreVoteAnswer(t, m);
        if (m.ClaimsMastership)
        {
            OnMasterSeen(t, m);
            return;
        }
        switch (s.Status)
        {
            case ElectionStatus.Master:
                Mastership.Learn(t, m, settledBefore);
                break;
            case ElectionStatus.Campaigning when m.ProposedSession == s.Session && m.Status == ElectionStatus.Campaigning:
                Record(t, m);
                break;
            case ElectionStatus.Idle or ElectionStatus.Campaigning when m.ProposedSession > s.Session:
                if (m.Status == ElectionStatus.Campaigning)
                {
                    if (t.Policies.MayJoin(s.Session, m.ProposedSession, settledBefore)) Join(t, m); // behind: catch up at once
                }
                else if (m.Master is { } rumoured && s.Members.Contains(rumoured))
                {
                    t.Send(rumoured, t.Compose(ElectionMessageKind.Hello)); // hearsay: ask the master itself
                }
                break;
        }
    }
}
