using Actors.Election.Logic;

namespace Actors.Election.Core;

/// <summary>What an operator (or the application) asks of the election.</summary>
internal static class OperatorCommands
{
    /// <summary>A master hands over: it opens the next session and sits it out, so the next best node wins it in one round.</summary>
    public static void StepDown(Turn t)
    {
        var s = t.S;
        if (s.Status != ElectionStatus.Master)
        {
            t.Answer(new StepDownResult(false, s.Session));
            return;
        }
        var session = s.Session;
        Mastership.Leave(t, StepDownReason.Requested);
        t.Answer(new StepDownResult(true, session));
        Campaigns.Open(t, t.NextSession(), sitOut: true);
    }

    /// <summary>
    /// The seed's override: alone in the electorate this node becomes master at once; with peers it opens a session in
    /// which it ranks first (receivers join even under a live master), which still needs a quorum.
    /// </summary>
    public static void ForceMaster(Turn t)
    {
        var s = t.S;
        if (!s.Joined)
        {
            t.Warning($"ForceMaster ignored: {s.Self.ToShortId()} is not a member of the electorate yet");
            return;
        }
        if (s.Status == ElectionStatus.Master)
        {
            t.Info($"ForceMaster: {s.Self.ToShortId()} is already master of session {s.Session}");
            return;
        }
        var session = t.NextSession();
        // Alone means the electorate itself is this node: removed members still count until a master drops them.
        if (s.Electorate.AllVoters.All(m => m.Equals(s.Self)))
        {
            t.Warning($"ForceMaster: {s.Self.ToShortId()} is alone in the electorate and becomes master of session {session}");
            BecomeMasterAlone(t, session, "forced, alone");
            return;
        }
        t.Warning($"ForceMaster: {s.Self.ToShortId()} opens session {session} as a promotion");
        Campaigns.Open(t, session, forced: true);
    }

    /// <summary>An ordinary election, now: ranked as usual, through the pre-vote, so it cannot unseat a live master.</summary>
    public static void StartElection(Turn t)
    {
        var s = t.S;
        if (!s.Joined)
        {
            t.Warning($"StartElection ignored: {s.Self.ToShortId()} is not a member of the electorate yet");
            return;
        }
        if (s.Status == ElectionStatus.Master)
        {
            t.Info($"StartElection: {s.Self.ToShortId()} is master of session {s.Session} already");
            return;
        }
        Campaigns.TryElect(t, "requested");
    }

    /// <summary>
    /// The way out when a majority of the electorate is gone for good (etcd's <c>--force-new-cluster</c>): this node
    /// becomes master of a new session at once, with an electorate of the members it reaches. Unsafe if the members it
    /// leaves behind still run: they may elect a master of their own.
    /// </summary>
    public static void ForceNewElectorate(Turn t)
    {
        var s = t.S;
        if (!s.Joined)
        {
            t.Warning($"ForceNewElectorate ignored: {s.Self.ToShortId()} is not a member of the electorate yet");
            return;
        }
        var session = t.NextSession();
        var members = s.Members.Where(m => m.Equals(s.Self) || t.IsReachable(m) && !s.Leaving.Contains(m)).ToList();
        t.Warning($"ForceNewElectorate: {s.Self.ToShortId()} replaces electorate {s.Electorate} by the {members.Count} members it reaches and becomes master of session {session}; unsafe if members left out still run");
        Mastership.Leave(t, StepDownReason.Requested);
        s.Electorate = new Electorate(new ElectorateVersion(session, 0), members);
        BecomeMasterAlone(t, session, "forced new electorate");
    }

    public static void RecordCommand(Turn t, long count)
    {
        if (count < 0)
        {
            t.Warning($"Ignoring RecordCommand({count}): the count must not be negative");
            return;
        }
        t.S.CommandsSeen = Math.Min(Intake.MaxSaneCounter, t.S.CommandsSeen + Math.Min(count, Intake.MaxSaneCounter));
    }

    private static void BecomeMasterAlone(Turn t, long session, string reason)
    {
        var s = t.S;
        s.PreVote = null;
        s.Session = session;
        s.HighestSeen = Math.Max(s.HighestSeen, session);
        s.Ballot = new Ballot(session).Cast(s.Self);
        t.Transition(ElectionStatus.Campaigning, reason);
        t.Publish(new ElectionStarted(session));
        Campaigns.Win(t);
    }
}
