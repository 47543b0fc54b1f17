using Akka.Cluster;

namespace Actors.Election.Core;

/// <summary>The electorate this node holds, and the removals that bear on it.</summary>
internal static class Electorates
{
    /// <summary>Takes <paramref name="electorate"/> as this node's own.</summary>
    public static void Adopt(Turn t, Electorate electorate, string why)
    {
        var s = t.S;
        if (electorate.Equals(s.Electorate)) return;
        t.Debug(() => $"Electorate {s.Electorate} -> {electorate} ({why})");
        s.Electorate = electorate;
        s.HighestSeen = Math.Max(s.HighestSeen, electorate.Version.Session);
        s.HighestSettled = Math.Max(s.HighestSettled, electorate.Version.Session);
        Refresh(t);
    }

    /// <summary>Records <paramref name="node"/> as gone for good (a fact) and forgets what this node kept about it.</summary>
    public static void MarkGone(Turn t, UniqueAddress node)
    {
        var s = t.S;
        s.Gone = s.Gone.Add(node);
        s.DownedMembers = s.DownedMembers.Remove(node); // no longer a voter the bootstrap electorate waits for
        Forget(s, node);
    }

    /// <summary>
    /// Records <paramref name="node"/> as removed by the downing provider. Not a fact: its process may still run, so a
    /// member downed stays a voter of the bootstrap electorate (which then can no longer be unanimous) as it stays one of
    /// an announced electorate until a master drops it. A node never seen as a member is only ignored from now on.
    /// </summary>
    public static void MarkDowned(Turn t, UniqueAddress node)
    {
        var s = t.S;
        var wasMember = s.Members.Contains(node) || s.Electorate.Contains(node);
        s.Downed = s.Downed.Add(node);
        if (wasMember) s.DownedMembers = s.DownedMembers.Add(node);
        Forget(s, node);
    }

    private static void Forget(NodeState s, UniqueAddress node)
    {
        s.Members = s.Members.Remove(node);
        s.Unreachable = s.Unreachable.Remove(node);
        s.Leaving = s.Leaving.Remove(node);
        s.Disconnected = s.Disconnected.Remove(node);
        s.Acks = s.Acks.Remove(node);
    }

    /// <summary>
    /// Keeps the bootstrap electorate equal to this node's view, and goes back to it once the announced electorate can
    /// never elect again: its voters that may still vote are no quorum of it, because enough of the others are gone for
    /// good (left, or replaced by a new incarnation). Nothing can then be elected under that electorate, so starting again
    /// from the membership (with unanimity) cannot give one of its sessions a second master through it; a session that
    /// the departed voters used on their own comes before every session opened now, because this node then takes every
    /// session up to its own wall clock as used (sessions carry wall-clock time: docs/protocol.md states the assumption).
    /// An electorate voter at this node's own address with another incarnation is gone for good: this process holds the
    /// address now. A voter at the address of
    /// another member in view is not taken as gone here: when this node's view lags, the electorate's incarnation is the
    /// newer one, so only a join this node sees (MembershipRules) or a member's report of the fact decides.
    /// </summary>
    public static void Refresh(Turn t)
    {
        var s = t.S;
        foreach (var member in s.Electorate.AllVoters.ToList())
        {
            if (s.Gone.Contains(member) || member.Equals(s.Self)) continue;
            if (s.Self.Address.Equals(member.Address)) MarkGone(t, member);
        }
        if (!s.Electorate.Version.IsBootstrap && CanStillElect(s)) return;
        if (!s.Electorate.Version.IsBootstrap)
        {
            if (s.Joined && !s.Leaving.Contains(s.Self))
                t.Info($"Electorate {s.Electorate} can never elect again (too many of its voters are gone for good): starting again from the membership");
            // The departed voters may have opened and won sessions on their own that no survivor heard of (a lone lowest
            // member of an even electorate is a quorum), this node's own campaign session among them. Those sessions came
            // before this instant, so this node takes every session up to its own wall clock as used (seen and settled):
            // it grants no pre-vote, joins no campaign and wins none of them. Bootstrap unanimity makes every survivor in
            // view a voter of the next election, so that session is above every session of the departed unless every
            // survivor's clock lags them all.
            s.HighestSeen = Math.Max(s.HighestSeen, SessionClock.Floor(t.Time.WallClock));
            s.HighestSettled = Math.Max(s.HighestSettled, s.HighestSeen);
        }
        s.Electorate = Electorate.Bootstrap(BootstrapVoters(s));
    }

    /// <summary>
    /// The bootstrap electorate: this node's view, and the members it saw downed (a downing is no proof the process
    /// stopped: across a partition each side may down the other, and each would otherwise elect alone), unless
    /// <c>trust-downing</c> says a downed member is gone.
    /// </summary>
    private static IEnumerable<UniqueAddress> BootstrapVoters(NodeState s) =>
        s.Settings.TrustDowning || s.Settings.Quorum == QuorumMode.Reachable ? s.Members : s.Members.Union(s.DownedMembers);

    /// <summary>Whether the voters of this node's electorate that may still vote could form a quorum of it.</summary>
    private static bool CanStillElect(NodeState s)
    {
        var voters = s.Electorate.AllVoters.Where(v => MayStillVote(s, v)).ToHashSet();
        if (s.Settings.Quorum == QuorumMode.Reachable) return voters.Count > 0;
        var none = new HashSet<UniqueAddress>();
        return Logic.QuorumRule.IsQuorum(QuorumMode.Majority, s.Electorate, voters, s.Settings.TrustDowning ? s.Removed : none, none);
    }

    /// <summary>
    /// Whether <paramref name="voter"/> keeps its electorate alive here. In majority mode any voter not known to be gone
    /// for good does (a downed process may still run, and may have voted in a session this node never heard of; with
    /// trust-downing a downed one does not). In reachable mode only one in this node's view does: a voter outside it counts
    /// as unreachable, so only non-members' votes would be left, which count for no one.
    /// </summary>
    private static bool MayStillVote(NodeState s, UniqueAddress voter) => s.Settings.Quorum switch
    {
        QuorumMode.Reachable => voter.Equals(s.Self) || s.Members.Contains(voter),
        _ when s.Settings.TrustDowning => !s.IsRemoved(voter),
        _ => !s.Gone.Contains(voter),
    };
}
