using Akka.Cluster;

namespace Actors.Election.Core;

/// <summary>
/// What every state does first with an incoming <see cref="ElectionMessage"/>: validate it, drop it if stale or
/// duplicated, advance the Lamport clock, and take in what every message tells (sessions seen and settled, a newer
/// electorate, removals). Absurd values are ignored with a warning, so no peer can push a counter into overflow.
/// </summary>
internal static class Intake
{
    /// <summary>Values beyond this are absurd on the wire (clocks grow by one per message; sessions follow wall-clock microseconds).</summary>
    public const long MaxSaneCounter = 1L << 62;

    /// <summary>Clocks grow by one per message; a jump this large is a lie, not a catch-up.</summary>
    public const long MaxClockJump = 1L << 40;

    /// <summary>
    /// Takes in <paramref name="m"/>; returns the highest session reported settled <i>before</i> it (what
    /// <see cref="Logic.JoinRule"/> decides on), or null when the message is dropped.
    /// </summary>
    public static long? Accept(Turn t, ElectionMessage m)
    {
        var s = t.S;
        if (m.Sender.Equals(s.Self))
        {
            t.Warning($"Ignoring {m}: it claims to come from this node");
            return null;
        }
        if (Absurd(t, m) is { } problem)
        {
            t.Warning($"Ignoring {m}: {problem}");
            return null;
        }
        if (s.IsRemoved(m.Sender))
        {
            t.Debug(() => $"Ignoring {m}: its sender was removed");
            return null;
        }
        // Only a hello (answered with our status, changing nothing) is taken from a node outside our view: anything else
        // from a non-member could unseat a master or push sessions up.
        var fromMember = s.Members.Contains(m.Sender);
        if (!fromMember && m.Kind != ElectionMessageKind.Hello)
        {
            t.Debug(() => $"Ignoring {m}: its sender is not a member here (yet, or any more)");
            return null;
        }
        if (s.LastClockFrom.TryGetValue(m.Sender, out var last) && m.Clock <= last)
        {
            t.Debug(() => $"Ignoring {m}: reordered or duplicated (last clock from its sender {last})");
            return null;
        }
        s.LastClockFrom = s.LastClockFrom.SetItem(m.Sender, m.Clock);
        s.Clock = Math.Max(s.Clock, m.Clock) + 1;
        s.Disconnected = s.Disconnected.Remove(m.Sender);
        if (m.Sender.Equals(s.LastMaster))
        {
            s.LastMasterHeardAt = t.Now;
            if (s.Status == ElectionStatus.Follower && m.Sender.Equals(s.Master)) Followership.WatchMaster(t);
        }

        // Every session anyone reports was (or is being) used, and so was every session that minted an electorate:
        // never propose one of them again. A pre-vote only proposes one.
        if (m.Kind != ElectionMessageKind.PreVote) s.HighestSeen = Math.Max(s.HighestSeen, m.ProposedSession);
        s.HighestSeen = Math.Max(s.HighestSeen, m.Electorate.Version.Session);
        var settledBefore = s.HighestSettled;
        // A sender that is not campaigning in its session is done with its campaign (it leads it, follows it, or left
        // it); an electorate was minted by the master of its session.
        if (m.Kind != ElectionMessageKind.PreVote && m.Status != ElectionStatus.Campaigning)
            s.HighestSettled = Math.Max(s.HighestSettled, m.ProposedSession);
        s.HighestSettled = Math.Max(s.HighestSettled, m.Electorate.Version.Session);

        if (fromMember && t.Policies.MayTakeFromPeer(s, m.Electorate, s.Status == ElectionStatus.Follower && t.MasterIsLive))
            Electorates.Adopt(t, m.Electorate, $"shown by {m.Sender.ToShortId()}");
        if (fromMember) TakeRemovals(t, m);
        if (!s.Gone.IsEmpty) NoteGoneStillCounted(s, m.Electorate);
        return settledBefore;
    }

    /// <summary>
    /// Takes the removals a member reports for members this node does not see in its own view: a node that joined after
    /// a removal never sees it happen. Members report only facts (left, replaced by a new incarnation), and a member
    /// this node sees alive is never taken as gone on hearsay.
    /// </summary>
    private static void TakeRemovals(Turn t, ElectionMessage m)
    {
        if (m.Removed.Count == 0) return;
        var s = t.S;
        var taken = false;
        foreach (var node in m.Removed)
        {
            if (node.Equals(s.Self) || s.Members.Contains(node) || s.Gone.Contains(node)) continue;
            if (!s.Electorate.Contains(node) && !m.Electorate.Contains(node)) continue;
            Electorates.MarkGone(t, node);
            t.Debug(() => $"{node.ToShortId()} is gone for good (reported by {m.Sender.ToShortId()})");
            taken = true;
        }
        if (taken) Electorates.Refresh(t);
    }

    /// <summary>Remembers the voters of <paramref name="shown"/> that this node knows are gone for good, to report them.</summary>
    private static void NoteGoneStillCounted(NodeState s, Electorate shown)
    {
        foreach (var voter in shown.AllVoters)
            if (s.Gone.Contains(voter) && s.GoneStillCounted.Count < Serialization.WireLimits.MaxElectorate)
                s.GoneStillCounted = s.GoneStillCounted.Add(voter);
    }

    private static string? Absurd(Turn t, ElectionMessage m)
    {
        var s = t.S;
        var ceiling = Math.Max(s.HighestSeen, SessionClock.Ceiling(t.Time.WallClock, t.Settings.MaxClockSkew));
        if (m.ProposedSession is < 0 or > MaxSaneCounter) return $"session {m.ProposedSession} out of range";
        if (m.ProposedSession > ceiling) return $"session {m.ProposedSession} is more than max-clock-skew ahead of this node's clock";
        if (m.Clock is < 0 or > MaxSaneCounter) return $"clock {m.Clock} out of range";
        if (m.Clock > s.Clock + MaxClockJump) return $"clock {m.Clock} jumps too far past {s.Clock}";
        if (m.CommandsSeen is < 0 or > MaxSaneCounter) return $"commands seen {m.CommandsSeen} out of range";
        var v = m.Electorate.Version;
        if (v.Session is < 0 or > MaxSaneCounter || v.Sequence is < 0 or > MaxSaneCounter) return $"electorate version {v} out of range";
        if (v.Session > ceiling) return $"electorate version {v} is more than max-clock-skew ahead of this node's clock";
        if (m.Kind == ElectionMessageKind.Announce && !m.ClaimsMastership) return "an announcement not from the master it names";
        return null;
    }
}
