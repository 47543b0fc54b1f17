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
/// still had down) were fixed in the library; their seeds are regression tests.
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
        // None open.
    };

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
    /// Expected in <c>majority</c> mode, as in Raft: a majority of the newest announced electorate is gone for good
    /// (crashed and removed) before any master could announce an electorate without them. Removed members can no
    /// longer vote but still count towards the majority, because they may have elected a master in a session the
    /// survivors never heard of; letting the survivors elect alone could reuse that session. Under Akka's split brain
    /// resolver (keep-majority) a minority never sees the majority removed; an operator recovers with ForceMaster.
    /// </summary>
    public const string QuorumLost = "Q0";

    /// <summary>
    /// Expected in <c>majority</c> mode: no master ever announced an electorate, and a member of the bootstrap
    /// electorate (the membership view before the first master) was downed but never proven gone (no graceful leave, no
    /// new incarnation at its address). A downing is no proof the process stopped, so the first election needs its vote:
    /// it waits until the member restarts (its new incarnation proves the old one gone) or an operator steps in
    /// (ForceNewElectorate), or with trust-downing on. Counted and printed, never a failure.
    /// </summary>
    public const string BootstrapBlocked = "B0";

    /// <summary>Recognises <see cref="BootstrapBlocked"/> from the live nodes' last states.</summary>
    public static string? BootstrapBlockedByDowning(QuorumMode mode, IReadOnlyList<ElectionState> live, IReadOnlySet<Akka.Cluster.UniqueAddress> liveNodes) =>
        mode == QuorumMode.Majority && live.Count > 0 && live.All(s => s.ElectorateVersion.IsBootstrap)
        && live.Any(s => s.Electorate.Any(m => !liveNodes.Contains(m)))
            ? BootstrapBlocked
            : null;

    /// <summary>Recognises <see cref="QuorumLost"/> from the live nodes' last states.</summary>
    public static string? QuorumLostForGood(QuorumMode mode, IReadOnlyList<ElectionState> live, IReadOnlySet<Akka.Cluster.UniqueAddress> liveNodes)
    {
        if (mode != QuorumMode.Majority) return null;
        var newest = live.Where(s => !s.ElectorateVersion.IsBootstrap).MaxBy(s => s.ElectorateVersion);
        if (newest is null) return null;
        var electorate = new Electorate(newest.ElectorateVersion, newest.Electorate, newest.Outgoing);
        var gone = electorate.AllVoters.Where(v => !liveNodes.Contains(v)).ToHashSet();
        return QuorumRule.CanReach(QuorumMode.Majority, electorate, new HashSet<Akka.Cluster.UniqueAddress>(), gone) ? null : QuorumLost;
    }

    [GeneratedRegex("both claim to be master of session (\\d+)")]
    private static partial Regex SafetyLog();
}
