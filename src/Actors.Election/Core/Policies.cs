using Actors.Election.Logic;
using Akka.Cluster;

namespace Actors.Election.Core;

/// <summary>
/// The protocol's rules that safety rests on, as replaceable functions. The library always runs <see cref="Default"/>;
/// the explorer's own tests swap single rules for broken ones (mutants) to show that its search notices a broken rule.
/// </summary>
internal sealed record Policies
{
    /// <summary>The real rules.</summary>
    public static Policies Default { get; } = new();

    /// <summary>Whether <c>votes</c> elect under <c>electorate</c> for this node (<see cref="QuorumRule"/>).</summary>
    public Func<NodeState, Electorate, IReadOnlySet<UniqueAddress>, IReadOnlySet<UniqueAddress>, bool> IsQuorum { get; init; } =
        (s, electorate, votes, notReachable) => QuorumRule.IsQuorum(s.Settings.Quorum, electorate, votes, ExcludedFromQuorum(s), notReachable);

    /// <summary>Whether a node may take an electorate a member showed it (<see cref="ElectorateAdoption.MayTakeFromPeer"/>).</summary>
    public Func<NodeState, Electorate, bool, bool> MayTakeFromPeer { get; init; } =
        (s, shown, followsLiveMaster) => ElectorateAdoption.MayTakeFromPeer(s.Settings.Quorum, s.Status, s.Session, s.Electorate, followsLiveMaster, shown);

    /// <summary>The electorate a new master holds (<see cref="ElectorateAdoption.OnWin"/>).</summary>
    public Func<Electorate, long, Electorate> OnWin { get; init; } = ElectorateAdoption.OnWin;

    /// <summary>The next electorate a master announces (<see cref="ElectoratePlanner"/>).</summary>
    public Func<long, Electorate, bool, IReadOnlySet<UniqueAddress>, Electorate?> NextElectorate { get; init; } = ElectoratePlanner.Next;

    /// <summary>Whether a node in a session may join a campaign, given what was settled before (<see cref="JoinRule"/>).</summary>
    public Func<long, long, long, bool> MayJoin { get; init; } = JoinRule.MayJoin;

    /// <summary>Whether a cast vote may move to a better-ranked candidate (<see cref="VoteRule"/>).</summary>
    public Func<UniqueAddress, UniqueAddress, bool> MayMoveVote { get; init; } = VoteRule.MayMove;

    /// <summary>The removed members a quorum leaves out: reachable mode leaves out every one; majority mode none, unless <c>trust-downing</c>.</summary>
    public static IReadOnlySet<UniqueAddress> ExcludedFromQuorum(NodeState s) =>
        s.Settings.Quorum == QuorumMode.Reachable ? s.Removed : s.TrustedRemovals;
}
