using System.Collections.Immutable;
using Actors.Election.Internal;
using Actors.Election.Logic;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Actors.Election;

// The session protocol of DESIGN.md §4: what each state does with each kind of message, and the transitions.
public sealed partial class ElectionActor
{
    // A session may jump by at most this much in one message (a restarted node catching up jumps by the number of
    // elections it missed; no real cluster holds billions), so one peer cannot push sessions towards overflow.
    internal const long MaxSessionJump = 1L << 32;

    // Clocks grow by one per message; a jump this large is a lie, not a catch-up.
    internal const long MaxClockJump = 1L << 40;

    // ---------------------------------------------------------------- intake

    /// <summary>Validates a message, drops stale or duplicated ones, and advances the Lamport clock.</summary>
    private bool Accept(ElectionMessage m)
    {
        if (m.Sender.Equals(_self))
        {
            _log.Warning("Ignoring {0}: it claims to come from this node", m);
            return false;
        }
        if (Absurd(m) is { } problem)
        {
            _log.Warning("Ignoring {0}: {1}", m, problem);
            return false;
        }
        if (_removed.Contains(m.Sender))
        {
            _log.Debug("Ignoring {0}: its sender was removed", m);
            return false;
        }
        // Only a hello (answered with our status, changing nothing) is taken from a node we do not know (yet): anything
        // else from outside the membership could unseat a master or push sessions up.
        if (!_peers.ContainsKey(m.Sender) && m.Kind != ElectionMessageKind.Hello)
        {
            _log.Warning("Ignoring {0}: its sender is not a member of the electorate", m);
            return false;
        }
        if (_lastClockFrom.TryGetValue(m.Sender, out var last) && m.Clock <= last)
        {
            _log.Debug("Ignoring {0}: reordered or duplicated (last clock from sender {1})", m, last);
            return false;
        }
        _lastClockFrom[m.Sender] = m.Clock;
        _clock = Math.Max(_clock, m.Clock) + 1;
        if (m.Sender.Equals(_lastMaster)) _lastMasterHeardAt = Now;
        // Every session anyone reports was (or is being) used: never propose it again. A pre-vote only proposes one.
        if (m.Kind != ElectionMessageKind.PreVote) _highestSeen = Math.Max(_highestSeen, m.ProposedSession);
        // A sender that is not campaigning in its session is done with its campaign (it leads it, follows it, or left it).
        _sessionSettledBefore = m.ProposedSession <= _highestSettled;
        if (m.Kind != ElectionMessageKind.PreVote && m.Status != ElectionStatus.Campaigning)
            _highestSettled = Math.Max(_highestSettled, m.ProposedSession);
        // A node that never held an announced electorate takes the first one a member shows it: otherwise, once every
        // master of that electorate is gone, its voters (who only vote for candidates at least as up to date) and the
        // newcomer could never agree. Any announced electorate is one change away from a committed one, so majorities
        // still overlap.
        if (_electorate.Version.IsBootstrap && !m.Electorate.Version.IsBootstrap && _peers.ContainsKey(m.Sender))
            AdoptElectorate(m.Electorate);
        // Likewise, in majority mode a node that follows no live master moves forward to a newer announced electorate a
        // member shows it. Otherwise, when the only live holders of the newest electorate may not be elected
        // (candidate = off), they vote for no one less up to date, the others need their votes, and no majority ever
        // forms. Majorities still overlap: the adopted electorate is one a master minted (one change from a committed
        // one, as above), and any member could have received it from that master before campaigning, so no node comes
        // to hold an electorate the protocol did not already let it hold. A follower of a live master keeps the
        // master's: that is the one its session counts.
        else if (UpToDateRule && m.Electorate.Version > _electorate.Version && _peers.ContainsKey(m.Sender)
                 && _status != ElectionStatus.Master && !MasterIsLive)
            AdoptElectorate(m.Electorate);
        TakeTombstones(m);
        return true;
    }

    /// <summary>
    /// Takes the removals a member reports for members this node does not see in its own membership: a node that joined
    /// after a removal never sees it happen, and would otherwise count the removed member as a voter for ever (a
    /// removed incarnation never returns, so a removal is a fact whoever reports it). A member this node sees alive is
    /// never taken as removed on hearsay.
    /// </summary>
    private void TakeTombstones(ElectionMessage m)
    {
        if (m.Removed.Count == 0 || !_peers.ContainsKey(m.Sender)) return;
        var taken = false;
        foreach (var node in m.Removed)
        {
            if (node.Equals(_self) || _peers.ContainsKey(node) || !(_electorate.Contains(node) || m.Electorate.Contains(node))) continue;
            if (!MarkRemoved(node)) continue;
            _log.Debug("{0} was removed (reported by {1})", node, m.Sender);
            taken = true;
        }
        if (taken) RefreshBootstrapElectorate();
    }

    private string? Absurd(ElectionMessage m)
    {
        if (m.ProposedSession is < 0 or > MaxSaneCounter) return $"session {m.ProposedSession} out of range";
        if (m.ProposedSession > _highestSeen + MaxSessionJump) return $"session {m.ProposedSession} jumps too far past {_highestSeen}";
        if (m.Clock is < 0 or > MaxSaneCounter) return $"clock {m.Clock} out of range";
        if (m.Clock > _clock + MaxClockJump) return $"clock {m.Clock} jumps too far past {_clock}";
        if (m.CommandsSeen is < 0 or > MaxSaneCounter) return $"commands seen {m.CommandsSeen} out of range";
        var v = m.Electorate.Version;
        // (An electorate may be newer than the sender's session: a newcomer takes the one a member shows it.)
        if (v.Session is < 0 or > MaxSaneCounter || v.Sequence is < 0 or > MaxSaneCounter) return $"electorate version {v} out of range";
        if (m.Kind == ElectionMessageKind.Announce && !m.ClaimsMastership) return "an announcement not from the master it names";
        return null;
    }

    // ---------------------------------------------------------------- per state

    private void IdleOn(ElectionMessage m)
    {
        switch (m.Kind)
        {
            case ElectionMessageKind.Hello:
                Reply();
                break;
            case ElectionMessageKind.PreVote:
                Reply(granted: m.ProposedSession > _session);
                break;
            case ElectionMessageKind.Campaign when m.ProposedSession >= _session && MayJoin(m):
                Join(m);
                break;
            case ElectionMessageKind.Announce:
                OnMasterSeen(m);
                Reply();
                break;
            case ElectionMessageKind.Reply:
                Learn(m);
                break;
            default:
                Reply();
                break;
        }
    }

    private void CampaigningOn(ElectionMessage m)
    {
        switch (m.Kind)
        {
            case ElectionMessageKind.Hello:
                Reply();
                break;
            case ElectionMessageKind.PreVote:
                Reply(granted: m.ProposedSession > _session);
                break;
            case ElectionMessageKind.Campaign when m.ProposedSession > _session && MayJoin(m):
                Join(m);
                break;
            case ElectionMessageKind.Campaign when m.ProposedSession == _session:
                _ballot!.Record(m);
                Evaluate();
                break;
            case ElectionMessageKind.Announce:
                OnMasterSeen(m);
                Reply();
                break;
            case ElectionMessageKind.Reply:
                Learn(m);
                break;
            default:
                Reply();
                break;
        }
    }

    private void MasterOn(ElectionMessage m)
    {
        switch (m.Kind)
        {
            case ElectionMessageKind.Hello:
                Reply();
                if (!_peers.ContainsKey(m.Sender)) _log.Debug("Hello from {0}, not yet a member here", m.Sender);
                break;
            case ElectionMessageKind.PreVote:
                Reply(granted: false); // a live master: no disruption
                break;
            case ElectionMessageKind.Campaign when m.ProposedSession > _session && (HeardAcrossUnhealedLink(m) || !MayJoin(m)):
                Reply();
                break;
            case ElectionMessageKind.Campaign when m.ProposedSession > _session:
                // Campaigns follow a granted pre-vote (or a hand-over / promotion): a quorum no longer follows us.
                LeaveMastership(StepDownReason.HigherSession);
                Join(m);
                break;
            case ElectionMessageKind.Campaign when m.ProposedSession < _session:
                Reply();
                break;
            case ElectionMessageKind.Campaign:
                break; // a late vote of the session we already won; our announcement answers it
            case ElectionMessageKind.Announce:
                OnOtherMaster(m);
                Reply();
                break;
            case ElectionMessageKind.Reply:
                Learn(m);
                break;
        }
    }

    private void FollowerOn(ElectionMessage m)
    {
        if (m.Sender.Equals(_master) && !(m.ClaimsMastership && m.ProposedSession >= _session))
        {
            // Our master says it is master no more (stepped down, lost its quorum, merges a split brain).
            _log.Info("Master {0} of session {1} abdicated ({2})", _master, _session, m.Status);
            _master = null;
            Transition(ElectionStatus.Idle, "master abdicated");
            IdleOn(m);
            return;
        }
        switch (m.Kind)
        {
            case ElectionMessageKind.Hello:
                Reply();
                break;
            case ElectionMessageKind.PreVote:
                Reply(granted: m.ProposedSession > _session && !MasterIsLive);
                break;
            case ElectionMessageKind.Campaign when m.ProposedSession > _session:
                if (MasterIsLive && !m.Forced || !MayJoin(m))
                {
                    _log.Debug("Refusing the campaign of {0} for session {1}: master {2} is live, or the session was used before", m.Sender, m.ProposedSession, _master);
                    Reply();
                }
                else
                {
                    Join(m);
                }
                break;
            case ElectionMessageKind.Campaign when m.ProposedSession < _session:
                Reply();
                break;
            case ElectionMessageKind.Campaign:
                break; // a late vote of the session our master won
            case ElectionMessageKind.Announce:
                OnMasterSeen(m);
                Reply();
                break;
            case ElectionMessageKind.Reply:
                Learn(m);
                break;
        }
    }

    // ---------------------------------------------------------------- shared reactions

    /// <summary>Takes in what a status reply tells: pre-vote grants, masters, campaigns we are behind on.</summary>
    private void Learn(ElectionMessage m)
    {
        if (_preVote is { } round)
        {
            round.Answer(m);
            CheckPreVote();
        }
        if (m.ClaimsMastership)
        {
            OnMasterSeen(m);
            return;
        }
        switch (_status)
        {
            case ElectionStatus.Master when m.ProposedSession > _session && HeardAcrossUnhealedLink(m):
                break;
            case ElectionStatus.Master when m.ProposedSession == _session && _self.Equals(m.Master):
                _acks[m.Sender] = m.Electorate.Version;
                PlanElectorate();
                break;
            case ElectionStatus.Master when m.ProposedSession > _session && m.Status == ElectionStatus.Campaigning && MayJoin(m):
                LeaveMastership(StepDownReason.HigherSession);
                Join(m);
                break;
            case ElectionStatus.Master when m.ProposedSession > _session:
                // A member sits in a higher session without a master (a timed-out promotion or hand-over, the side of
                // a partition): it can never follow us, as it may have voted there. Re-elect above it, so everyone
                // meets in one session; our followers join because the campaign comes from their master.
                _log.Info("{0} is in session {1}, above ours ({2}): re-electing above it", m.Sender, m.ProposedSession, _session);
                LeaveMastership(StepDownReason.HigherSession);
                Open(_highestSeen + 1);
                break;
            case ElectionStatus.Campaigning when m.ProposedSession == _session && m.Status == ElectionStatus.Campaigning:
                _ballot!.Record(m);
                Evaluate();
                break;
            case ElectionStatus.Idle or ElectionStatus.Campaigning when m.ProposedSession > _session:
                if (m.Status == ElectionStatus.Campaigning)
                {
                    if (MayJoin(m)) Join(m); // we are behind: catch up with the campaign at once
                }
                else if (m.Master is { } rumoured && _peers.TryGetValue(rumoured, out var peer))
                {
                    Send(peer, Compose(ElectionMessageKind.Hello)); // hearsay: ask the master itself
                }
                break;
        }
    }

    /// <summary><paramref name="m"/> comes from a node that claims to be master of its session.</summary>
    private void OnMasterSeen(ElectionMessage m)
    {
        if (!m.ClaimsMastership) return;
        var other = m.Sender;
        switch (_status)
        {
            case ElectionStatus.Master:
                OnOtherMaster(m);
                break;
            case ElectionStatus.Follower when other.Equals(_master) && m.ProposedSession == _session:
                AdoptElectorate(m.Electorate);
                break;
            case ElectionStatus.Follower when m.ProposedSession == _session:
                _log.Error("Safety violation: {0} and {1} both claim to be master of session {2}", _master, other, _session);
                PublishSplitBrain(_master!, other);
                break;
            case ElectionStatus.Follower when m.ProposedSession > _session:
                Follow(m);
                break;
            case ElectionStatus.Idle or ElectionStatus.Campaigning when m.ProposedSession >= _session:
                Follow(m);
                break;
        }
    }

    /// <summary>This node is master and sees another node that claims to be one too.</summary>
    private void OnOtherMaster(ElectionMessage m)
    {
        var sameSession = m.ProposedSession == _session;
        if (sameSession)
        {
            _log.Error("Safety violation: {0} (this node) and {1} both claim to be master of session {2}", _self, m.Sender, _session);
        }
        else if (_settings.Quorum == QuorumMode.Majority)
        {
            // Not a split brain: a majority elected a newer master (we have not noticed our quorum loss yet), or the
            // other one is that stale master. The older session gives way.
            if (m.ProposedSession > _session)
            {
                LeaveMastership(StepDownReason.HigherSession);
                Follow(m);
            }
            else
            {
                Send(Sender, Compose(ElectionMessageKind.Announce));
            }
            return;
        }

        if (_lastSplitBrain != (m.Sender, m.ProposedSession))
        {
            _lastSplitBrain = (m.Sender, m.ProposedSession); // once per other master and session, not per heartbeat
            PublishSplitBrain(_self, m.Sender);
        }
        if (!IsReachable(m.Sender))
        {
            // The failure detector still has the other side unreachable: a merge now would count only our own side as
            // "every reachable member", both sides would win their own merge sessions, and sessions would race. Its
            // heartbeats bring us back here once the detector agrees the link is back.
            _log.Debug("Master {0} of session {1} heard, but still unreachable: merging once it is reachable", m.Sender, m.ProposedSession);
            return;
        }
        if (m.ProposedSession < _session && CandidateRanking.Instance.Compare(Status(ElectionMessageKind.Reply, _session), m) > 0)
        {
            // We rank higher and already hold the higher session: the other master steps down when it hears us and its
            // side can follow us as we are, so a merging session would only unseat the master everyone ends up with.
            // The claim may even be stale: the other master stepped down on our announcement, its "see us too" reply
            // crossed the next one, and it already follows us (seed 9009).
            _log.Warning("Split brain with {0} (session {1}): this node ranks higher in a higher session and keeps its seat",
                m.Sender, m.ProposedSession);
            Send(Sender, Compose(ElectionMessageKind.Announce));
            return;
        }
        var me = Compose(ElectionMessageKind.Reply);
        if (CandidateRanking.Instance.Compare(me, m) > 0)
        {
            // We rank higher: one new session merges everyone; the other master joins it as it is higher than its own.
            _log.Warning("Split brain with {0} (session {1}): this node ranks higher and opens a merging session", m.Sender, m.ProposedSession);
            LeaveMastership(StepDownReason.SplitBrain);
            Open(Math.Max(_highestSeen, m.ProposedSession) + 1);
        }
        else
        {
            _log.Warning("Split brain with {0} (session {1}): this node ranks lower and steps down", m.Sender, m.ProposedSession);
            Send(Sender, me); // make sure the higher-ranked master sees us too
            LeaveMastership(StepDownReason.SplitBrain);
            Transition(ElectionStatus.Idle, "split brain: ranks lower");
            Broadcast(ElectionMessageKind.Reply); // release our followers so they can join the merge
            ScheduleRetry();
        }
    }

    // ---------------------------------------------------------------- campaigning

    /// <summary>Tries to start an election: a pre-vote first, and only with a reachable quorum.</summary>
    private void TryElect(string reason)
    {
        if (!_joined || _status is ElectionStatus.Master or ElectionStatus.Follower || _preVote is not null) return;
        if (!QuorumRule.CanReach(_settings.Quorum, _electorate, _removed, NotReachable()))
        {
            _log.Debug("Not electing ({0}): no quorum of {1} reachable", reason, _electorate);
            ScheduleRetry();
            return;
        }
        _preVote = new PreVoteRound(_highestSeen + 1);
        _preVote.Grants.Add(_self);
        _log.Debug("Pre-vote for session {0} ({1})", _preVote.ProposedSession, reason);
        if (CheckPreVote()) return;
        Broadcast(ElectionMessageKind.PreVote);
        Timers.StartSingleTimer(TimerKeys.PreVote, new PreVoteTimeout(_preVote.ProposedSession), _settings.GatherTimeout);
    }

    /// <summary>
    /// Opens the session once the pre-vote has a quorum of grants and every reachable peer has answered (or the
    /// pre-vote timed out): the answers carry their sessions, so a session someone already used is never opened again,
    /// even when this node's own grant alone makes a quorum. When every reachable peer answered, the answers carry every
    /// status the gather phase would collect, so the session opens with this node's vote already cast for the
    /// best-ranked of them (a nomination): the others vote the same way as they join, and the election takes one
    /// round trip with messages linear in the cluster size instead of a gather with everyone telling everyone.
    /// </summary>
    private bool CheckPreVote(bool timedOut = false)
    {
        if (_preVote is not { } round) return false;
        var voters = QuorumRule.Voters(_electorate, _removed);
        var grants = round.Grants.Count(voters.Contains);
        if (grants < QuorumRule.Required(_settings.Quorum, _electorate, _removed, NotReachable())) return false;
        if (!timedOut && _peers.Keys.Any(p => !p.Equals(_self) && IsReachable(p) && !round.Answered.Contains(p))) return false;
        var session = Math.Max(round.ProposedSession, _highestSeen + 1);
        var nominee = timedOut ? null : round.Nominee(Status(ElectionMessageKind.Campaign, session), _removed);
        Open(session, nominee: nominee);
        return true;
    }

    private void OnPreVoteTimeout(long proposedSession)
    {
        if (_preVote?.ProposedSession != proposedSession || CheckPreVote(timedOut: true)) return;
        _log.Debug("Pre-vote for session {0} got no quorum", proposedSession);
        _preVote = null;
        ScheduleRetry();
    }

    /// <summary>Opens a new session as its initiator, with this node's vote for <paramref name="nominee"/> if one is named.</summary>
    private void Open(long session, bool forced = false, bool sitOut = false, UniqueAddress? nominee = null)
    {
        if (forced) _forcedSession = session;
        if (sitOut) _sitOutSession = session;
        EnterSession(session, "opened");
        if (nominee is not null) CastVote(nominee, "nominated from the pre-vote");
        Participate(opening: true);
    }

    /// <summary>
    /// Joins the campaign <paramref name="m"/> belongs to (a higher session, or ours when idle). A message that already
    /// carries its sender's vote comes from a nomination or from a node whose gather is over: this node votes the same
    /// way at once instead of gathering on its own, so every voter converges on one candidate.
    /// </summary>
    private void Join(ElectionMessage m)
    {
        EnterSession(m.ProposedSession, $"joined the campaign of {m.Sender}");
        _ballot!.Record(m);
        if (_ballot.Vote is null && m.VoteFor is { } vote && MayVoteFor(vote)) CastVote(vote, $"as {m.Sender} did");
        Participate();
    }

    /// <summary>
    /// Whether this node may vote for <paramref name="candidate"/> without having heard it: not removed, a member this
    /// node can talk to (or itself, when it may be elected in this session), and, if heard, as up to date as this node.
    /// </summary>
    private bool MayVoteFor(UniqueAddress candidate)
    {
        if (_removed.Contains(candidate)) return false;
        if (candidate.Equals(_self) ? !_settings.Candidate || _sitOutSession == _session : !_peers.ContainsKey(candidate)) return false;
        return !UpToDateRule || !_ballot!.Heard.TryGetValue(candidate, out var heard) || heard.Electorate.Version >= _electorate.Version;
    }

    private void CastVote(UniqueAddress candidate, string why)
    {
        _ballot!.Cast(candidate);
        _log.Debug("Voting for {0} in session {1} ({2})", candidate, _session, why);
    }

    private void EnterSession(long session, string reason)
    {
        _preVote = null;
        _master = null;
        _highestSeen = Math.Max(_highestSeen, session);
        var fresh = _ballot?.Session != session;
        if (fresh)
        {
            _session = session;
            _ballot = new Ballot(session);
        }
        Transition(ElectionStatus.Campaigning, reason);
        if (fresh)
        {
            Publish(new ElectionStarted(session));
            Timers.StartSingleTimer(TimerKeys.Gather, new GatherTimeout(session), _settings.GatherTimeout);
            Timers.StartSingleTimer(TimerKeys.Election, new ElectionTimeout(session), RandomizedElectionTimeout());
        }
    }

    /// <summary>
    /// Sends our campaign message for the current session, then counts. Our candidacy (no vote yet, or a vote for
    /// ourselves) and the opening of a session go to everyone: every voter gathers every candidate. A vote for another
    /// node goes to that candidate only, the one node that counts it; the rest heard our candidacy already, or were
    /// told whom to vote for by the opener. So a nominated election costs messages linear in the cluster size.
    /// </summary>
    private void Participate(bool opening = false)
    {
        var mine = Compose(ElectionMessageKind.Campaign);
        _ballot!.Record(mine);
        if (!opening && mine.VoteFor is { } vote && !vote.Equals(_self) && _peers.TryGetValue(vote, out var candidate)) Send(candidate, mine);
        else BroadcastComposed(mine);
        Evaluate();
    }

    /// <summary>Votes once the gather phase is over, and wins on a quorum of votes.</summary>
    private void Evaluate(bool gatherOver = false)
    {
        if (_status != ElectionStatus.Campaigning || _ballot is not { } ballot) return;
        if (gatherOver) ballot.GatherOver = true;
        var voters = QuorumRule.Voters(_electorate, _removed);
        // Wait for every reachable member, not only the voters of our electorate: a candidate our electorate does not
        // know yet (a newcomer, the other side of a healed partition) may be the one everybody else votes for.
        if (ballot.Vote is null && (ballot.GatherOver || ballot.HeardFromAll(voters.Concat(_peers.Keys).Where(IsReachable))))
        {
            if (ballot.Choose(_electorate, _removed, UpToDateRule) is { } choice)
            {
                CastVote(choice.Sender, "the best-ranked candidate heard");
                Participate();
                return; // Participate evaluates again with our vote recorded
            }
        }
        // A node outside the electorate (a newcomer not yet admitted) may win too: its quorum is still counted among
        // the electorate's voters, so majorities still overlap, and the cluster can elect when no member can.
        var mayWin = _settings.Candidate && _sitOutSession != _session;
        if (!mayWin) return;
        var votes = ballot.VotesFor(_self, _electorate, _removed, UpToDateRule).Count;
        if (votes >= QuorumRule.Required(_settings.Quorum, _electorate, _removed, NotReachable())) Win();
    }

    private void OnElectionTimeout(long session)
    {
        _log.Info("Session {0} elected no master in time", session);
        Publish(new ElectionTimedOut(session));
        Transition(ElectionStatus.Idle, "election timed out");
        TryElect("election timed out");
    }

    // ---------------------------------------------------------------- outcomes

    private void Win()
    {
        _master = _self;
        _lastMaster = null;
        if (_electorate.Version.IsBootstrap)
            _electorate = new Electorate(new ElectorateVersion(_session, 0), _electorate.Members);
        _acks.Clear();
        Transition(ElectionStatus.Master, "won the election");
        Publish(new ElectedMaster(_session));
        PublishNewMasterIfChanged(_self);
        Broadcast(ElectionMessageKind.Announce);
        Timers.StartPeriodicTimer(TimerKeys.Heartbeat, new Heartbeat(), _settings.HeartbeatInterval);
        CheckQuorum();
    }

    /// <summary>Follows the master that <paramref name="m"/> comes from (it claims mastership of a session not below ours).</summary>
    private void Follow(ElectionMessage m)
    {
        _preVote = null;
        _session = m.ProposedSession;
        _highestSeen = Math.Max(_highestSeen, _session);
        _master = m.Sender;
        _lastMaster = m.Sender;
        _lastMasterHeardAt = Now;
        AdoptElectorate(m.Electorate);
        Transition(ElectionStatus.Follower, $"{m.Sender} is master");
        PublishNewMasterIfChanged(m.Sender);
        if (!IsReachable(m.Sender)) ScheduleMasterLostCheck();
    }

    private void AdoptElectorate(Electorate announced)
    {
        if (announced.Equals(_electorate)) return;
        _log.Debug("Electorate {0} -> {1}", _electorate, announced);
        _electorate = announced;
        RefreshBootstrapElectorate();
    }

    /// <summary>Stops being master (the caller decides where to go next).</summary>
    private void LeaveMastership(StepDownReason reason)
    {
        if (_status != ElectionStatus.Master) return;
        _log.Info("Stepping down as master of session {0}: {1}", _session, reason);
        Timers.Cancel(TimerKeys.Heartbeat);
        Timers.Cancel(TimerKeys.Quorum);
        _master = null;
        Publish(new SteppedDown(_session, reason));
    }

    private void OnHeartbeat()
    {
        Broadcast(ElectionMessageKind.Announce);
        PlanElectorate();
    }

    /// <summary>A master admits newcomers and drops leavers, one member at a time.</summary>
    private void PlanElectorate()
    {
        if (_status != ElectionStatus.Master) return;
        var acknowledged = _acks.Where(a => a.Value == _electorate.Version).Select(a => a.Key).Append(_self).ToHashSet();
        var members = _peers.Keys.Where(n => !_leaving.Contains(n)).ToHashSet();
        if (ElectoratePlanner.Next(_session, _electorate, members, _removed, acknowledged) is not { } next) return;
        _log.Info("Electorate {0} -> {1}", _electorate, next);
        _electorate = next;
        Broadcast(ElectionMessageKind.Announce);
        CheckQuorum();
    }

    private void CheckQuorum()
    {
        if (_status != ElectionStatus.Master || _settings.Quorum != QuorumMode.Majority) return;
        if (QuorumRule.CanReach(_settings.Quorum, _electorate, _removed, NotReachable()))
            Timers.Cancel(TimerKeys.Quorum);
        else if (!Timers.IsTimerActive(TimerKeys.Quorum))
            Timers.StartSingleTimer(TimerKeys.Quorum, new QuorumLostCheck(_session), _settings.ConnectionDelay);
    }

    private void OnQuorumLostCheck()
    {
        if (QuorumRule.CanReach(_settings.Quorum, _electorate, _removed, NotReachable())) return;
        LeaveMastership(StepDownReason.QuorumLost);
        Transition(ElectionStatus.Idle, "quorum lost");
        Broadcast(ElectionMessageKind.Reply);
        ScheduleRetry();
    }

    private void ScheduleMasterLostCheck()
    {
        if (_master is { } master && !Timers.IsTimerActive(TimerKeys.MasterLost))
            Timers.StartSingleTimer(TimerKeys.MasterLost, new MasterLostCheck(master, _session), _settings.ConnectionDelay);
    }

    private void OnMasterLostCheck(UniqueAddress master)
    {
        if (IsReachable(master)) return;
        _log.Warning("Master {0} of session {1} lost (unreachable or removed for {2}, or unreachable and silent since {3:O})",
            master, _session, _settings.ConnectionDelay, _lastMasterHeardAt);
        Publish(new MasterLost(master, _session));
        _master = null;
        Transition(ElectionStatus.Idle, "master lost");
        if (_settings.AutoElectOnPeerLoss) TryElect("master lost");
    }

    private void ScheduleRetry() => Timers.StartSingleTimer(TimerKeys.Retry, new RetryElection(), RandomizedElectionTimeout());

    private TimeSpan RandomizedElectionTimeout() =>
        _settings.ElectionTimeout + TimeSpan.FromTicks((long)(_random.NextDouble() * _settings.ElectionTimeout.Ticks / 2));

    // ---------------------------------------------------------------- sending

    private (UniqueAddress, long)? _lastSplitBrain;
    private long _messagesSent;

    // In reachable mode each side of a partition elects and mints its own electorate versions, so versions say
    // nothing about who is up to date across sides; every reachable voter must agree anyway.
    private bool UpToDateRule => _settings.Quorum == QuorumMode.Majority;

    /// <summary>Electorate members this node cannot reach: marked unreachable, or not (or no longer) in its membership view.</summary>
    private HashSet<UniqueAddress> NotReachable()
    {
        var notReachable = new HashSet<UniqueAddress>(_unreachable);
        foreach (var member in _electorate.Members)
            if (!member.Equals(_self) && !_peers.ContainsKey(member)) notReachable.Add(member);
        return notReachable;
    }

    private bool MasterIsLive => _master is { } master && IsReachable(master);

    // The highest session some node reported as done with its campaign (led, followed or left), and whether the message
    // being handled is about a session at or below it (set by Accept).
    private long _highestSettled;
    private bool _sessionSettledBefore;

    /// <summary>
    /// Whether this node may take part in the campaign <paramref name="m"/> is about: its own session, or one no node has
    /// reported as settled before this message. A settled session's campaign is over; joining it late, with voters of
    /// that session possibly gone (restarted, removed), could give it a second master (Raft rejects a term below its
    /// current one for the same reason). The campaigner learns from our answer and its next attempt proposes a higher
    /// one. A session only heard of in other campaign messages is still open, and joined as usual.
    /// </summary>
    private bool MayJoin(ElectionMessage m) => m.ProposedSession == _session || !_sessionSettledBefore;

    /// <summary>
    /// In <c>reachable</c> mode, a master leaves its seat for a higher session only once the failure detector agrees
    /// the sender is reachable. Messages start crossing a healed link before the detector catches up; a master that
    /// gave way then would re-elect among what it still counts as reachable (often only itself), win alone, and the
    /// two sides would push sessions up against each other until the detector caught up. Waiting, the master keeps
    /// answering; once the detector agrees, one merge settles it.
    /// </summary>
    private bool HeardAcrossUnhealedLink(ElectionMessage m) => _settings.Quorum == QuorumMode.Reachable && !IsReachable(m.Sender);

    /// <summary>
    /// Reachable as the election sees it: a member the failure detector has not marked unreachable, unless it is the
    /// master this node followed and that master has been silent past its heartbeats. Failure detectors on different
    /// nodes flag a crashed master moments apart; without this, the first node to notice would be refused by every
    /// node whose detector had not caught up (Raft's rule: a node that has not heard its leader for an election
    /// timeout grants votes). Only the master sends on a schedule, so silence says nothing about anyone else.
    /// </summary>
    private bool IsReachable(UniqueAddress node) =>
        node.Equals(_self) ? _joined : _peers.ContainsKey(node) && !_unreachable.Contains(node) && !IsSilentMaster(node);

    private bool IsSilentMaster(UniqueAddress node) =>
        node.Equals(_lastMaster) && Now - _lastMasterHeardAt > _settings.HeartbeatInterval + _settings.ConnectionDelay;

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    /// <summary>This node's status as a message of <paramref name="kind"/>, with the clock ticked for the send.</summary>
    private ElectionMessage Compose(ElectionMessageKind kind, bool granted = false)
    {
        _clock++;
        return Status(kind, kind == ElectionMessageKind.PreVote && _preVote is { } round ? round.ProposedSession : _session, granted);
    }

    /// <summary>This node's status about <paramref name="session"/> as a message of <paramref name="kind"/> (no clock tick).</summary>
    private ElectionMessage Status(ElectionMessageKind kind, long session, bool granted = false) =>
        new(kind, _status, _clock, _seniority, session, _commandsSeen, _self,
            VoteFor: _ballot?.Session == session ? _ballot.Vote : null,
            Master: kind == ElectionMessageKind.PreVote ? null : _master,
            _settings.Priority,
            Candidate: _settings.Candidate && _sitOutSession != session,
            Forced: _forcedSession == session,
            granted,
            _electorate)
        {
            Removed = _electorate.Members.Where(_removed.Contains).ToImmutableSortedSet(NodeOrdering.Instance),
        };

    private void Reply(bool granted = false) => Send(Sender, Compose(ElectionMessageKind.Reply, granted));

    /// <summary>Every protocol message leaves through here, so <see cref="ElectionState.MessagesSent"/> counts them all.</summary>
    private void Send(ICanTell peer, ElectionMessage message)
    {
        _messagesSent++;
        peer.Tell(message, Self);
    }

    private void Broadcast(ElectionMessageKind kind) => BroadcastComposed(Compose(kind));

    private void BroadcastComposed(ElectionMessage message)
    {
        foreach (var (node, peer) in _peers)
            if (!node.Equals(_self)) Send(peer, message);
    }

    private void PublishNewMasterIfChanged(UniqueAddress master)
    {
        if (master.Equals(_lastPublishedMaster)) return;
        _lastPublishedMaster = master;
        Publish(new NewMaster(master, _session));
    }

    private void PublishSplitBrain(UniqueAddress a, UniqueAddress b) =>
        Publish(new SplitBrainDetected(new[] { a, b }.OrderBy(n => n, NodeOrdering.Instance).ToImmutableArray()));
}
