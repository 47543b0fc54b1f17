namespace Actors.Election.Logic;

/// <summary>What a master does on seeing another node that claims to be master.</summary>
public enum SplitBrainDecision
{
    /// <summary>Majority mode, the other leads a higher session: a majority elected it; give way and follow it.</summary>
    FollowHigherSession,

    /// <summary>Majority mode, the other leads a lower session: it is a stale master; announce ourselves to it.</summary>
    RemindLowerSession,

    /// <summary>The failure detector still has the other master unreachable: merge once it is reachable.</summary>
    WaitForReachability,

    /// <summary>This master ranks higher and already holds the higher session: the other side can follow it as it is.</summary>
    KeepSeat,

    /// <summary>This master ranks higher: it opens one new session that merges everyone.</summary>
    OpenMergingSession,

    /// <summary>This master ranks lower: it steps down and lets the other one merge.</summary>
    StepDown,
}

/// <summary>
/// The split-brain decision. In majority mode two masters of different sessions are no split brain: the older session
/// gives way. Otherwise (reachable mode, or the same session, which majority mode never allows and which is logged as a
/// safety violation) the higher-ranked master merges everyone in one new session, unless it already holds the higher
/// session, and nobody merges while the failure detector still has the other side unreachable: a merge then would count
/// only its own side as "every reachable member", both sides would win their own merges, and sessions would race.
/// </summary>
public static class SplitBrainRule
{
    /// <summary>Decides for a master whose own status is <paramref name="own"/> on hearing <paramref name="other"/> claim mastership.</summary>
    public static SplitBrainDecision Decide(QuorumMode mode, ElectionMessage own, ElectionMessage other, bool otherReachable)
    {
        if (mode == QuorumMode.Majority && other.ProposedSession != own.ProposedSession)
            return other.ProposedSession > own.ProposedSession ? SplitBrainDecision.FollowHigherSession : SplitBrainDecision.RemindLowerSession;
        if (!otherReachable) return SplitBrainDecision.WaitForReachability;
        var ranksHigher = CandidateRanking.Instance.Compare(own, other) > 0;
        if (ranksHigher && other.ProposedSession < own.ProposedSession) return SplitBrainDecision.KeepSeat;
        return ranksHigher ? SplitBrainDecision.OpenMergingSession : SplitBrainDecision.StepDown;
    }
}
