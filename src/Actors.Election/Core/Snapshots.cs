using System.Collections.Immutable;

namespace Actors.Election.Core;

/// <summary>The public <see cref="ElectionState"/> of a node's core state.</summary>
internal static class Snapshots
{
    public static ElectionState Of(NodeState s, DateTimeOffset now)
    {
        var voters = s.Electorate.AllVoters.Where(v => !s.IsRemoved(v)).ToImmutableSortedSet(NodeOrdering.Instance);
        return new ElectionState(s.Status, s.Master, s.Session, s.Seniority.Age(now), s.Clock, s.CommandsSeen,
            s.Electorate.Members,
            voters.Where(v => s.IsReachable(v, now)).ToImmutableSortedSet(NodeOrdering.Instance))
        {
            Self = s.Self,
            StartedAt = s.Seniority.StartedAt(),
            ElectorateVersion = s.Electorate.Version,
            Outgoing = s.Electorate.Outgoing,
            MessagesSent = s.MessagesSent,
            Voters = voters,
        };
    }
}
