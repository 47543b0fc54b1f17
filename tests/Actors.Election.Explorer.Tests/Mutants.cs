using Actors.Election.Core;
using Actors.Election.Logic;
using Akka.Cluster;

namespace Actors.Election.Explorer;

/// <summary>
/// Broken versions of the core's rules. The explorer must find a violation for each from scratch, which shows that its
/// search would notice if the real rule broke the same way.
/// </summary>
internal static class Mutants
{
    /// <summary>
    /// The electorate rule as it was before this design: a change takes effect in one step, a new master keeps the version
    /// it won under (no commit in its own session first), and a node takes any newer electorate a member shows it, from any
    /// session, even while campaigning.
    /// </summary>
    public static readonly Policies PreFixElectorateRule = Policies.Default with
    {
        OnWin = (wonUnder, session) => wonUnder.Version.IsBootstrap ? wonUnder.WithVersion(new ElectorateVersion(session, 0)) : wonUnder,
        NextElectorate = (session, current, _, target) => ElectoratePlanner.Next(session, current, committed: true, target, jointStages: false),
        MayTakeFromPeer = (s, shown, followsLiveMaster) =>
            shown.Version > s.Electorate.Version && !shown.Version.IsBootstrap && s.Status != ElectionStatus.Master && !followsLiveMaster,
    };

    /// <summary>A quorum that trusts removals: downed members leave the electorate before counting, whatever the downing provider did.</summary>
    public static readonly Policies QuorumTrustsRemovals = Policies.Default with
    {
        IsQuorum = (s, electorate, votes, notReachable) => QuorumRule.IsQuorum(s.Settings.Quorum, electorate, votes, s.Removed, notReachable),
    };

    /// <summary>A join rule without the settled-session check: a node joins any campaign for a session above its own.</summary>
    public static readonly Policies JoinWithoutSettledCheck = Policies.Default with { MayJoin = (_, _, _) => true };

    /// <summary>A vote that may move: a node that hears a better-ranked candidate after voting moves its vote there.</summary>
    public static readonly Policies MovableVote = Policies.Default with { MayMoveVote = (_, _) => true };

    /// <summary>Electorate changes in one step (no joint stage), everything else as it is: unsafe with the even-size tie-break.</summary>
    public static readonly Policies SingleStepChanges = Policies.Default with
    {
        NextElectorate = (session, current, committed, target) => ElectoratePlanner.Next(session, current, committed, target, jointStages: false),
    };

    /// <summary>Every mutant the explorer's tests run, by name.</summary>
    public static readonly IReadOnlyList<(string Name, Policies Policies)> All =
    [
        ("the pre-fix electorate rule", PreFixElectorateRule),
        ("a quorum that trusts removals", QuorumTrustsRemovals),
        ("a join rule without the settled-session check", JoinWithoutSettledCheck),
        ("a vote that may move", MovableVote),
        ("electorate changes without a joint stage", SingleStepChanges),
    ];
}
