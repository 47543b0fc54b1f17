using System.Collections.Immutable;
using Actors.Election.Internal;
using Actors.Election.Logic;
using Actors.Election.Membership;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Actors.Election;

// Membership, operator commands, subscriptions and the bookkeeping around every transition.
public sealed partial class ElectionActor
{
    private (ElectionStatus, UniqueAddress?, long) _lastWatched = (ElectionStatus.Idle, null, -1);

    /// <inheritdoc />
    protected override bool AroundReceive(Receive receive, object message)
    {
        var handled = base.AroundReceive(receive, message);
        NotifyWatchersIfChanged();
        return handled;
    }

    // ---------------------------------------------------------------- membership

    private void OnMemberJoined(MemberJoined joined)
    {
        var node = joined.Node;
        if (_removed.Contains(node))
        {
            _log.Warning("Ignoring {0}: that incarnation was removed", joined);
            return;
        }
        var isNew = !_peers.ContainsKey(node);
        _peers[node] = joined.Peer;
        RefreshBootstrapElectorate();
        if (node.Equals(_self))
        {
            if (_joined) return;
            _joined = true;
            _log.Info("{0} joined the electorate; asking for a master", _self);
            Broadcast(ElectionMessageKind.Hello);
            Timers.StartSingleTimer(TimerKeys.Startup, new StartupTimeout(), _settings.GatherTimeout);
            return;
        }
        if (!isNew || !_joined) return;
        switch (_status)
        {
            case ElectionStatus.Master:
                Send(joined.Peer, Compose(ElectionMessageKind.Announce)); // a newcomer learns the master at once
                PlanElectorate();
                break;
            case ElectionStatus.Idle when _master is null:
                Send(joined.Peer, Compose(ElectionMessageKind.Hello));
                break;
            case ElectionStatus.Campaigning:
                Evaluate();
                break;
        }
    }

    private void OnMemberLeaving(MemberLeaving leaving)
    {
        if (!_peers.ContainsKey(leaving.Node)) OnMemberJoined(new MemberJoined(leaving.Node, leaving.Peer));
        if (_removed.Contains(leaving.Node) || !_leaving.Add(leaving.Node)) return;
        _log.Info("{0} is leaving the electorate", leaving.Node);
        PlanElectorate();
    }

    private void OnMemberRemoved(MemberRemoved removed)
    {
        var node = removed.Node;
        if (node.Equals(_self))
        {
            _log.Info("{0} was removed from the electorate", _self);
            LeaveMastership(StepDownReason.QuorumLost);
            _joined = false;
            _master = null;
            Transition(ElectionStatus.Idle, "removed");
            return;
        }
        if (!MarkRemoved(node)) return;
        RefreshBootstrapElectorate();
        switch (_status)
        {
            case ElectionStatus.Follower when node.Equals(_master):
                ScheduleMasterLostCheck();
                break;
            case ElectionStatus.Master:
                PlanElectorate();
                CheckQuorum();
                break;
            case ElectionStatus.Campaigning:
                Evaluate();
                break;
        }
    }

    /// <summary>Records <paramref name="node"/> as removed for good and forgets what this node kept about it; false if already known.</summary>
    private bool MarkRemoved(UniqueAddress node)
    {
        if (!_removed.Add(node)) return false;
        _leaving.Remove(node);
        _peers.Remove(node);
        _unreachable.Remove(node);
        _acks.Remove(node);
        return true;
    }

    private void OnReachability(UniqueAddress node, bool reachable)
    {
        if (node.Equals(_self) || !_peers.ContainsKey(node)) return;
        var changed = reachable ? _unreachable.Remove(node) : _unreachable.Add(node);
        if (!changed) return;
        _log.Debug("{0} is {1}", node, reachable ? "reachable again" : "unreachable");
        switch (_status)
        {
            case ElectionStatus.Follower when node.Equals(_master):
                if (reachable) Timers.Cancel(TimerKeys.MasterLost);
                // Silent past its heartbeats as well: it has been out of contact for longer than connection-delay already.
                else if (IsSilentMaster(node)) OnMasterLostCheck(node);
                else ScheduleMasterLostCheck();
                break;
            case ElectionStatus.Master:
                CheckQuorum();
                break;
            case ElectionStatus.Campaigning:
                Evaluate();
                break;
        }
    }

    /// <summary>
    /// Before any master announced an electorate, the electorate is this node's own membership view. So it is again
    /// once every member of the announced one is gone for good: nobody of it is left to elect or to be outvoted.
    /// </summary>
    private void RefreshBootstrapElectorate()
    {
        // An electorate member whose address now belongs to another incarnation is gone for good, even if this node
        // never saw it removed (it joined after): an earlier incarnation of this very node, or a member no longer in the
        // membership view whose address a member in the view now has.
        foreach (var member in _electorate.Members)
        {
            if (_removed.Contains(member) || member.Equals(_self) || _peers.ContainsKey(member)) continue;
            if (_self.Address.Equals(member.Address) || _peers.Keys.Any(p => p.Address.Equals(member.Address)))
                _removed.Add(member);
        }
        if (!_electorate.Version.IsBootstrap && QuorumRule.Voters(_electorate, _removed).Any(MayStillVote)) return;
        if (!_electorate.Version.IsBootstrap) _log.Warning("Every member of electorate {0} is gone: starting again from the membership", _electorate);
        _electorate = Electorate.Bootstrap(_peers.Keys.Where(n => !_removed.Contains(n)));
    }

    /// <summary>
    /// Whether <paramref name="voter"/> (not known removed) keeps its electorate alive here. In <c>majority</c> mode any
    /// such voter does: it may be alive, and may have voted in a session this node never heard of. In <c>reachable</c>
    /// mode only one in this node's membership view does: a voter outside it counts as unreachable, so only non-members'
    /// votes would be left, which count for no one, and nobody could ever be elected. That happens to a newcomer that
    /// takes an electorate whose last member left before it joined (it never saw the removal; seed 4823).
    /// </summary>
    private bool MayStillVote(UniqueAddress voter) =>
        _settings.Quorum == QuorumMode.Majority || voter.Equals(_self) || _peers.ContainsKey(voter);

    // ---------------------------------------------------------------- operator commands

    private void OnStepDown()
    {
        if (_status != ElectionStatus.Master)
        {
            Sender.Tell(new StepDownResult(false, _session));
            return;
        }
        var session = _session;
        LeaveMastership(StepDownReason.Requested);
        Sender.Tell(new StepDownResult(true, session));
        // Hand over: open the next session and sit it out, so the next best node wins it in one round.
        Open(_highestSeen + 1, sitOut: true);
    }

    private void OnForceMaster()
    {
        if (!_joined)
        {
            _log.Warning("ForceMaster ignored: {0} is not a member of the electorate yet", _self);
            return;
        }
        if (_status == ElectionStatus.Master)
        {
            _log.Info("ForceMaster: {0} is already master of session {1}", _self, _session);
            return;
        }
        var session = _highestSeen + 1;
        // Alone means the electorate itself is this node: removed members still count until a master drops them.
        var members = _electorate.Version.IsBootstrap ? QuorumRule.Voters(_electorate, _removed) : _electorate.Members;
        if (members.All(m => m.Equals(_self)))
        {
            _log.Warning("ForceMaster: {0} is alone in the electorate and becomes master of session {1}", _self, session);
            EnterSession(session, "forced, alone");
            Win();
            return;
        }
        _log.Warning("ForceMaster: {0} opens session {1} as a promotion", _self, session);
        Open(session, forced: true);
    }

    private void OnRecordCommand(RecordCommand command)
    {
        if (command.Count < 0)
        {
            _log.Warning("Ignoring RecordCommand({0}): the count must not be negative", command.Count);
            return;
        }
        _commandsSeen = Math.Min(MaxSaneCounter, _commandsSeen + Math.Min(command.Count, MaxSaneCounter));
    }

    // ---------------------------------------------------------------- subscriptions and state

    private void Subscribe(IActorRef subscriber, HashSet<IActorRef> to)
    {
        to.Add(subscriber);
        Context.Watch(subscriber);
        subscriber.Tell(Snapshot());
    }

    private void Unsubscribe(IActorRef subscriber)
    {
        _subscribers.Remove(subscriber);
        _stateWatchers.Remove(subscriber);
        Context.Unwatch(subscriber);
    }

    private void Publish(IElectionEvent e)
    {
        _log.Info("{0} on {1}", e, _self);
        Context.System.EventStream.Publish(e);
        foreach (var subscriber in _subscribers) subscriber.Tell(e);
    }

    private void Transition(ElectionStatus status, string reason)
    {
        foreach (var key in TimerKeys.All.Except(TimerKeys.Of(status))) Timers.Cancel(key);
        if (status != _status)
            _log.Info("Election {0}: {1} -> {2} (session {3}, master {4}): {5}", _self, _status, status, _session, _master?.ToString() ?? "none", reason);
        _status = status;
        // A node idle without a master always has a retry pending (unless it may only elect when told to), so no
        // path into Idle can leave it waiting for ever.
        if (status == ElectionStatus.Idle && _joined && _master is null && !Timers.IsTimerActive(TimerKeys.Startup)
            && (_settings.AutoElectOnPeerLoss || _lastPublishedMaster is null))
            ScheduleRetry();
        switch (status)
        {
            case ElectionStatus.Idle: Become(Idle); break;
            case ElectionStatus.Campaigning: Become(Campaigning); break;
            case ElectionStatus.Master: Become(Master); break;
            case ElectionStatus.Follower: Become(Follower); break;
        }
    }

    private ElectionState Snapshot()
    {
        var voters = QuorumRule.Voters(_electorate, _removed);
        return new ElectionState(_status, _master, _session, _seniority.Age(Context.System.Scheduler.Now), _clock, _commandsSeen,
            _electorate.Members, voters.Where(IsReachable).ToImmutableSortedSet(NodeOrdering.Instance))
        {
            Self = _self,
            ElectorateVersion = _electorate.Version,
            MessagesSent = _messagesSent,
            Voters = voters,
        };
    }

    private void NotifyWatchersIfChanged()
    {
        var now = (_status, _master, _session);
        if (now == _lastWatched || _stateWatchers.Count == 0) return;
        _lastWatched = now;
        var snapshot = Snapshot();
        foreach (var watcher in _stateWatchers) watcher.Tell(snapshot);
    }
}
