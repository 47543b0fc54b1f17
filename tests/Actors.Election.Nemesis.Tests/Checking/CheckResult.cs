using Actors.Election.Demo.Recording;

namespace Actors.Election.Nemesis.Tests.Checking;

/// <summary>A broken guarantee, with the lines of the histories or the store that show it.</summary>
/// <param name="Kind">Which check: <c>two-masters</c>, <c>store-order</c>, <c>store-token</c>, <c>masterless-after-heal</c>.</param>
/// <param name="Summary">One sentence.</param>
/// <param name="Evidence">History lines (<c>file: json</c>) or store rows.</param>
internal sealed record Violation(string Kind, string Summary, IReadOnlyList<string> Evidence);

/// <summary>One session as the histories show it.</summary>
/// <param name="Session">Its number.</param>
/// <param name="Ordinal">Its place among the run's sessions (1, 2, …), for the chart.</param>
/// <param name="Opened">The first <c>ElectionStarted</c> for it anywhere (or its first sighting when none was recorded).</param>
/// <param name="Masters">Every node claimed master of it (more than one is a violation).</param>
/// <param name="Elected">When its first master claimed it, if any.</param>
/// <param name="ExplainedBy">The fault whose span (start to heal + bound) covers its opening; "startup" before the nemesis began; null when nothing explains it (churn).</param>
internal sealed record SessionInfo(long Session, int Ordinal, DateTime Opened, IReadOnlyList<string> Masters, DateTime? Elected, string? ExplainedBy);

/// <summary>How the cluster came back after one fault.</summary>
/// <param name="Fault">The fault.</param>
/// <param name="Bound">How long it may take.</param>
/// <param name="MasterlessAfterHeal">Time from the heal until a master was in office (zero when one was at the heal); null when none came before the next fault or the end.</param>
/// <param name="Observed">How long after the heal the run watched before the next fault (or the end).</param>
internal sealed record Recovery(FaultSpan Fault, Bound Bound, TimeSpan? MasterlessAfterHeal, TimeSpan Observed)
{
    public bool WithinBound => MasterlessAfterHeal is { } t && t <= Bound.Total;

    /// <summary>Known to exceed the bound: no master for longer than the bound after the heal.</summary>
    public bool ExceedsBound => MasterlessAfterHeal is { } t ? t > Bound.Total : Observed >= Bound.Total;
}

/// <summary>What the store did.</summary>
internal sealed record StoreSummary(int Accepted, int Refused, int Errors, IReadOnlyList<StoreWrite> RefusedWrites);

/// <summary>Everything the checker found over one run.</summary>
internal sealed record CheckResult(
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<SessionInfo> Sessions,
    IReadOnlyList<MasterlessWindow> MasterlessWindows,
    IReadOnlyList<Recovery> Recoveries,
    StoreSummary Store,
    TimeSpan Duration,
    int FaultCount)
{
    /// <summary>Elections no fault explains.</summary>
    public IReadOnlyList<SessionInfo> Churn => Sessions.Where(s => s.ExplainedBy is null).ToList();

    /// <summary>Sessions that had a master.</summary>
    public int SessionsWithMaster => Sessions.Count(s => s.Masters.Count > 0);

    public TimeSpan LongestMasterless => MasterlessWindows.Count == 0 ? TimeSpan.Zero : MasterlessWindows.Max(w => w.Duration);

    /// <summary>The run's closing line.</summary>
    public string SummaryLine =>
        $"Nemesis summary: {FaultCount} faults over {(long)Math.Round(Duration.TotalSeconds)} s, {SessionsWithMaster} sessions, " +
        $"{Violations.Count} violations, longest masterless window {(long)Math.Round(LongestMasterless.TotalMilliseconds)} ms";
}
