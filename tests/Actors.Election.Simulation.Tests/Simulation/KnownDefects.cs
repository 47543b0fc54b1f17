using Actors.Election.Logic;
using System.Text.RegularExpressions;

namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>
/// Symptoms the checker sees that are not library defects, recognised so that the bulk runs count and print them
/// without failing. Everything else fails. The defects the simulation found (D2 stale-master wedge, D3 session reuse
/// from an un-raised highest session, D4 bootstrap electorate deadlock, D5 no retry after abdication, D6 non-members
/// unseating a master, D7 a lone voter reusing a session, D8 a non-candidate sole holder of the newest electorate, D10 a
/// newcomer counting a member removed before it joined, D11 the same when no member could be elected, D12 a newcomer
/// joining a campaign for a session it had heard used, D13 a reachable-mode master yielding across a link the detector
/// still had down, D14 a lost connection alone unseating a master, D15 a restarted downed member never taken as gone,
/// D16 a lost connection counted for ever, D17 a lagging view marking a new incarnation gone, D18 a session won again
/// after an electorate was given up, D19 a campaign won again after its electorate was given up (found by the explorer), D20 a pre-vote nominating a candidate with an older electorate than the nominator's,
/// D21 a reachable-mode newcomer holding the other side's electorate never following its side's master) were fixed in the library; their seeds are regression tests.
/// </summary>
internal static partial class KnownDefects
{
    /// <summary>
    /// Expected in <c>quorum = reachable</c> (reported first as D1): each side of a partition elects its own master,
    /// and nothing can keep two isolated sides from both opening "highest seen + 1". That is what the mode trades
    /// away; the fencing token (session, master) still differs, and when the sides meet SplitBrainDetected is
    /// published and one new session merges them. Everything after the merge is still checked.
    /// </summary>
    public const string ReachablePartition = "R0";

    /// <summary>
    /// Library defects found and still open, by the seed that shows them (full-length runs only). They are counted and
    /// printed by every bulk run; when one is fixed, delete its entry and move the seed into the regression theory.
    /// </summary>
    private static readonly Dictionary<(QuorumMode, int), string> OpenDefects = new()
    {
        // D22: after a heal, new incarnations make every survivor give its electorate up and take every session up to its
        // own wall clock as used; with clocks 15 s apart a refusal carries only the refuser's session, so a lagging
        // proposer cannot learn how far to jump and the election waits for its clock (5.6 s after the heal, 4.5 s allowed).
        [(QuorumMode.Majority, 11167)] = "D22",
    };

    /// <summary>
    /// Every class a violation may be counted under instead of failing: the expected ones (R0, Q0, B0), each recognised
    /// narrowly. Open library defects (<see cref="OpenDefects"/>) are counted by their seed instead.
    /// </summary>
    public static readonly IReadOnlySet<string> Classes = new HashSet<string> { ReachablePartition, QuorumLost, BootstrapBlocked };

    /// <summary>Tags the violations of a run whose seed shows an open defect.</summary>
    public static List<Violation> Classify(Scenario scenario, List<Violation> violations) =>
        OpenDefects.TryGetValue((scenario.Mode, scenario.Seed), out var defect) && scenario.Actions.Count == scenario.FullLength
            ? violations.Select(v => v.Defect is null ? v with { Defect = defect } : v).ToList()
            : violations;

    // Masters of one session elected on two sides of a partition in reachable mode, or the merge after healing reusing
    // a session that a side it never heard from had used.
    public static string? ReachableSessionsCollide(Scenario scenario, TimeSpan firstClaim, TimeSpan secondClaim) =>
        scenario.Mode == QuorumMode.Reachable && (firstClaim < scenario.HealAt + scenario.DetectDelay || secondClaim < scenario.HealAt + scenario.DetectDelay)
            ? ReachablePartition
            : null;

    public static string? ReachableSessionsCollideLogged(Scenario scenario, string log, IReadOnlySet<long> partitionedSessions)
    {
        if (scenario.Mode != QuorumMode.Reachable) return null;
        var match = SafetyLog().Match(log);
        return match.Success && partitionedSessions.Contains(long.Parse(match.Groups[1].Value)) ? ReachablePartition : null;
    }

    /// <summary>
    /// Expected in <c>majority</c> mode, as in Raft: the live nodes' newest announced electorate has no quorum among its
    /// live voters, and it would have one if the voters that were downed but never proven gone came back. A downing is no
    /// proof that a process stopped (it may run on and vote on the other side of a partition), so the library must wait
    /// for them; letting the survivors elect alone could reuse a session the downed ones used. Under Akka's split brain
    /// resolver (keep-majority) a minority never sees the majority removed; an operator recovers with ForceNewElectorate.
    /// Not this: an electorate that cannot elect even with those voters back because enough of its voters are gone for
    /// good (left gracefully, or replaced by a new incarnation): the library abandons such an electorate for the
    /// membership, so the cluster must converge.
    /// </summary>
    public const string QuorumLost = "Q0";

    /// <summary>
    /// Expected in <c>majority</c> mode: the live nodes start from the membership (no master announced an electorate
    /// they can still elect under), and a member of the bootstrap electorate (the membership view before a first master)
    /// was downed but never proven gone (no graceful leave, no new incarnation at its address). A downing is no proof the
    /// process stopped, so the first election needs its vote: it waits until the member restarts (its new incarnation
    /// proves the old one gone) or an operator steps in (ForceNewElectorate), or with trust-downing on. A live node that
    /// still holds an announced electorate changes nothing when that electorate has no quorum of live voters (it cannot
    /// elect under it either). Counted and printed, never a failure. Not this: every missing member proven gone (then the
    /// first election must happen).
    /// </summary>
    public const string BootstrapBlocked = "B0";

    /// <summary>Recognises <see cref="BootstrapBlocked"/> from the live nodes' last states.</summary>
    public static string? BootstrapBlockedByDowning(QuorumMode mode, IReadOnlyList<ElectionState> live, IReadOnlySet<Akka.Cluster.UniqueAddress> liveNodes,
        Func<Akka.Cluster.UniqueAddress, bool> provenGone) =>
        mode == QuorumMode.Majority && live.Count > 0
        && live.Where(s => !s.ElectorateVersion.IsBootstrap).All(s => !HasLiveQuorum(s, liveNodes))
        && live.Any(s => s.ElectorateVersion.IsBootstrap && s.Electorate.Any(m => !liveNodes.Contains(m) && !provenGone(m)))
            ? BootstrapBlocked
            : null;

    private static bool HasLiveQuorum(ElectionState s, IReadOnlySet<Akka.Cluster.UniqueAddress> liveNodes)
    {
        var electorate = new Electorate(s.ElectorateVersion, s.Electorate, s.Outgoing);
        var none = new HashSet<Akka.Cluster.UniqueAddress>();
        return QuorumRule.IsQuorum(QuorumMode.Majority, electorate, electorate.AllVoters.Where(liveNodes.Contains).ToHashSet(), none, none);
    }

    /// <summary>Recognises <see cref="QuorumLost"/> from the live nodes' last states.</summary>
    public static string? QuorumLostForGood(QuorumMode mode, IReadOnlyList<ElectionState> live, IReadOnlySet<Akka.Cluster.UniqueAddress> liveNodes,
        Func<Akka.Cluster.UniqueAddress, bool> provenGone)
    {
        if (mode != QuorumMode.Majority) return null;
        var newest = live.Where(s => !s.ElectorateVersion.IsBootstrap).MaxBy(s => s.ElectorateVersion);
        if (newest is null) return null;
        var electorate = new Electorate(newest.ElectorateVersion, newest.Electorate, newest.Outgoing);
        var none = new HashSet<Akka.Cluster.UniqueAddress>();
        var liveVoters = electorate.AllVoters.Where(liveNodes.Contains).ToHashSet();
        if (QuorumRule.IsQuorum(QuorumMode.Majority, electorate, liveVoters, none, none)) return null;
        var withDowned = electorate.AllVoters.Where(v => liveNodes.Contains(v) || !provenGone(v)).ToHashSet();
        return QuorumRule.IsQuorum(QuorumMode.Majority, electorate, withDowned, none, none) ? QuorumLost : null;
    }

    [GeneratedRegex("both claim to be master of session (\\d+)")]
    private static partial Regex SafetyLog();
}
