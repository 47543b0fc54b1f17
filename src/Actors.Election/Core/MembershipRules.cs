using Actors.Election.Core.Roles;
using Actors.Election.Membership;
using Akka.Cluster;

namespace Actors.Election.Core;

/// <summary>How membership news changes the election: joins, graceful leaves, removals, reachability.</summary>
internal static class MembershipRules
{
    public static void OnJoined(Turn t, Role role, UniqueAddress node)
    {
        var s = t.S;
        if (s.IsRemoved(node))
        {
            t.Warning($"Ignoring the join of {node.ToShortId()}: that incarnation was removed");
            return;
        }
        var isNew = !s.Members.Contains(node);
        s.Members = s.Members.Add(node);
        // Every other incarnation at this address that this node saw in its view is gone for good: two processes never
        // hold one address at once, and the membership reports joins in order, so the joining one is the newest. That
        // includes an incarnation already downed (a downing is no proof the process stopped; its successor is). An
        // incarnation only read in an electorate is left to the nodes that saw both: which of the two is newer is not
        // known here.
        foreach (var other in s.Members.Union(s.Downed).Where(m => m.Address.Equals(node.Address) && !m.Equals(node) && !s.Gone.Contains(m)).ToList())
            Electorates.MarkGone(t, other);
        Electorates.Refresh(t);
        if (node.Equals(s.Self))
        {
            if (s.Joined) return;
            s.Joined = true;
            t.Info($"{s.Self.ToShortId()} joined the electorate; asking for a master");
            t.Broadcast(ElectionMessageKind.Hello);
            t.StartTimer(TimerKey.Startup, t.Settings.GatherTimeout);
            return;
        }
        if (isNew && s.Joined) role.OnMemberJoined(t, node);
    }

    public static void OnLeaving(Turn t, Role role, UniqueAddress node)
    {
        var s = t.S;
        if (!s.Members.Contains(node)) OnJoined(t, role, node);
        if (s.IsRemoved(node) || s.Leaving.Contains(node)) return;
        s.Leaving = s.Leaving.Add(node);
        t.Info($"{node.ToShortId()} is leaving the electorate");
        Mastership.Plan(t);
    }

    public static void OnRemoved(Turn t, Role role, MemberRemoved removed)
    {
        var s = t.S;
        var node = removed.Node;
        if (node.Equals(s.Self))
        {
            t.Info($"{s.Self.ToShortId()} was removed from the electorate");
            Mastership.Leave(t, StepDownReason.QuorumLost);
            s.Joined = false;
            s.Master = null;
            s.PreVote = null;
            t.Transition(ElectionStatus.Idle, "removed");
            return;
        }
        if (removed.Left ? s.Gone.Contains(node) : s.IsRemoved(node)) return;
        if (removed.Left) Electorates.MarkGone(t, node);
        else Electorates.MarkDowned(t, node);
        t.Debug(() => $"{node.ToShortId()} was removed ({(removed.Left ? "left" : "downed")})");
        Electorates.Refresh(t);
        role.OnMemberRemoved(t, node);
    }

    public static void OnConnectionLost(Turn t, Role role, UniqueAddress node)
    {
        var s = t.S;
        if (node.Equals(s.Self) || !s.Members.Contains(node) || s.IsDisconnected(node, t.Now)) return;
        s.Disconnected = s.Disconnected.SetItem(node, t.Now);
        t.Debug(() => $"The connection to {node.ToShortId()} was lost");
        role.OnConnectionLost(t, node);
    }

    public static void OnReachability(Turn t, Role role, UniqueAddress node, bool reachable)
    {
        var s = t.S;
        if (node.Equals(s.Self) || !s.Members.Contains(node)) return;
        var before = s.Unreachable;
        s.Unreachable = reachable ? s.Unreachable.Remove(node) : s.Unreachable.Add(node);
        if (ReferenceEquals(before, s.Unreachable) || before.Count == s.Unreachable.Count) return;
        t.Debug(() => $"{node.ToShortId()} is {(reachable ? "reachable again" : "unreachable")}");
        role.OnReachabilityChanged(t, node, reachable);
    }
}
