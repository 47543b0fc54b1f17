using Actors.Election.Logic;
using Akka.Cluster;
using Akka.Event;

namespace Actors.Election.Core;

/// <summary>What a master does: announce itself, commit and change its electorate, keep its quorum, meet other masters.</summary>
internal static class Mastership
{
    public static void OnHeartbeat(Turn t)
    {
        t.Broadcast(ElectionMessageKind.Announce);
        t.StartTimer(TimerKey.Heartbeat, t.Settings.HeartbeatInterval);
        Plan(t);
    }

    /// <summary>Stops being master (the caller decides where to go next).</summary>
    public static void Leave(Turn t, StepDownReason reason)
    {
        var s = t.S;
        if (s.Status != ElectionStatus.Master) return;
        t.Info($"Stepping down as master of session {s.Session}: {reason}");
        t.CancelTimer(TimerKey.Heartbeat);
        t.CancelTimer(TimerKey.QuorumLost);
        s.Master = null;
        t.Publish(new SteppedDown(s.Session, reason));
    }

    /// <summary>Records a member's acknowledgement of this master's electorate, and moves the electorate on when it can.</summary>
    public static void OnAcknowledged(Turn t, UniqueAddress member, ElectorateVersion version)
    {
        t.S.Acks = t.S.Acks.SetItem(member, version);
        CheckCommitted(t);
        Plan(t);
    }

    /// <summary>Marks the current electorate committed once a quorum of it acknowledged it in this master's session.</summary>
    public static void CheckCommitted(Turn t)
    {
        var s = t.S;
        if (s.Status != ElectionStatus.Master || s.ElectorateCommitted) return;
        var acknowledged = s.Acks.Where(a => a.Value == s.Electorate.Version).Select(a => a.Key).Append(s.Self).ToHashSet();
        if (!t.IsQuorum(acknowledged)) return;
        s.ElectorateCommitted = true;
        t.Debug(() => $"Electorate {s.Electorate} committed in session {s.Session}");
    }

    /// <summary>
    /// Moves the electorate one step towards the membership (<see cref="ElectoratePlanner"/>): Up members that are not
    /// leaving or removed, this master always included (it hands over before it leaves).
    /// </summary>
    public static void Plan(Turn t)
    {
        var s = t.S;
        if (s.Status != ElectionStatus.Master) return;
        var target = s.Members.Where(n => n.Equals(s.Self) || !s.Leaving.Contains(n)).ToHashSet();
        if (t.Policies.NextElectorate(s.Session, s.Electorate, s.ElectorateCommitted, target) is not { } next) return;
        t.Info($"Electorate {s.Electorate} -> {next}");
        s.Electorate = next;
        s.ElectorateCommitted = false;
        t.Broadcast(ElectionMessageKind.Announce);
        CheckCommitted(t);
        CheckQuorum(t);
    }

    /// <summary>Majority mode: a master that cannot reach a quorum for connection-delay steps down.</summary>
    public static void CheckQuorum(Turn t)
    {
        if (t.S.Status != ElectionStatus.Master || t.Settings.Quorum != QuorumMode.Majority) return;
        if (t.MasterCanReachQuorum()) t.CancelTimer(TimerKey.QuorumLost);
        else if (!t.IsTimerActive(TimerKey.QuorumLost)) t.StartTimer(TimerKey.QuorumLost, t.Settings.ConnectionDelay);
    }

    public static void OnQuorumLost(Turn t)
    {
        if (t.MasterCanReachQuorum()) return;
        Leave(t, StepDownReason.QuorumLost);
        t.Transition(ElectionStatus.Idle, "quorum lost");
        t.Broadcast(ElectionMessageKind.Reply);
        t.ScheduleRetry();
    }

    /// <summary>A status reply to this master.</summary>
    public static void Learn(Turn t, ElectionMessage m, long settledBefore)
    {
        var s = t.S;
        if (m.ProposedSession == s.Session && s.Self.Equals(m.Master))
        {
            OnAcknowledged(t, m.Sender, m.Electorate.Version);
            return;
        }
        if (m.ProposedSession <= s.Session || HeardAcrossUnhealedLink(t, m)) return;
        if (m.Status == ElectionStatus.Campaigning && t.Policies.MayJoin(s.Session, m.ProposedSession, settledBefore))
        {
            Leave(t, StepDownReason.HigherSession);
            Campaigns.Join(t, m);
            return;
        }
        // A member sits in a higher session without a master (a timed-out promotion or hand-over, the side of a
        // partition): it can never follow us, as it may have voted there. Re-elect above it, so everyone meets in one
        // session; our followers join because the campaign comes from their master.
        t.Info($"{m.Sender.ToShortId()} is in session {m.ProposedSession}, above ours ({s.Session}): re-electing above it");
        Leave(t, StepDownReason.HigherSession);
        Campaigns.Open(t, t.NextSession());
    }

    /// <summary>
    /// In reachable mode a master leaves its seat for a higher session only once the failure detector agrees the sender
    /// is reachable: messages start crossing a healed link before the detector catches up, and a master that gave way
    /// then would re-elect among what it still counts as reachable (often only itself) and the sides would race.
    /// </summary>
    public static bool HeardAcrossUnhealedLink(Turn t, ElectionMessage m) =>
        t.Settings.Quorum == QuorumMode.Reachable && !t.IsReachable(m.Sender);

    /// <summary>This node is master and sees another node that claims to be one too.</summary>
    public static void OnOtherMaster(Turn t, ElectionMessage m)
    {
        var s = t.S;
        if (m.ProposedSession == s.Session)
            t.Log(LogLevel.ErrorLevel, $"Safety violation: {s.Self.ToShortId()} (this node) and {m.Sender.ToShortId()} both claim to be master of session {s.Session}");
        var own = t.Status(ElectionMessageKind.Reply, s.Session);
        var decision = SplitBrainRule.Decide(t.Settings.Quorum, own, m, t.IsReachable(m.Sender));
        if (decision is not (SplitBrainDecision.FollowHigherSession or SplitBrainDecision.RemindLowerSession) && s.LastSplitBrain != (m.Sender, m.ProposedSession))
        {
            s.LastSplitBrain = (m.Sender, m.ProposedSession); // once per other master and session, not per heartbeat
            t.PublishSplitBrain(s.Self, m.Sender);
        }
        switch (decision)
        {
            case SplitBrainDecision.FollowHigherSession when Campaigns.MayFollow(s, m):
                Leave(t, StepDownReason.HigherSession);
                Campaigns.Follow(t, m);
                break;
            case SplitBrainDecision.FollowHigherSession or SplitBrainDecision.RemindLowerSession or SplitBrainDecision.KeepSeat:
                t.Send(m.Sender, t.Compose(ElectionMessageKind.Announce));
                break;
            case SplitBrainDecision.WaitForReachability:
                t.Debug(() => $"Master {m.Sender.ToShortId()} of session {m.ProposedSession} heard, but still unreachable: merging once it is reachable");
                break;
            case SplitBrainDecision.OpenMergingSession:
                t.Warning($"Split brain with {m.Sender.ToShortId()} (session {m.ProposedSession}): this node ranks higher and opens a merging session");
                Leave(t, StepDownReason.SplitBrain);
                Campaigns.Open(t, Math.Max(t.NextSession(), m.ProposedSession + 1));
                break;
            case SplitBrainDecision.StepDown:
                t.Warning($"Split brain with {m.Sender.ToShortId()} (session {m.ProposedSession}): this node ranks lower and steps down");
                t.Send(m.Sender, t.Compose(ElectionMessageKind.Reply)); // make sure the higher-ranked master sees us too
                Leave(t, StepDownReason.SplitBrain);
                t.Transition(ElectionStatus.Idle, "split brain: ranks lower");
                t.Broadcast(ElectionMessageKind.Reply); // release our followers so they can join the merge
                t.ScheduleRetry();
                break;
        }
    }
}
