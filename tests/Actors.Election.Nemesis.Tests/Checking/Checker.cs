using Actors.Election.Demo.Recording;

namespace Actors.Election.Nemesis.Tests.Checking;

/// <summary>
/// The checks over a run's histories and store:
/// <list type="number">
/// <item>at most one master per session (majority mode): every claim of mastership, from any node's history (its own
/// Master state, <c>ElectedMaster</c>, a leadership its fenced job took, a <c>NewMaster</c> it heard, a Follower state
/// naming its master), names one node per session;</item>
/// <item>the store never accepted an older token after a newer one, and every token it accepted was one a history
/// shows its master holding;</item>
/// <item>after each fault healed, a master was in office (<see cref="MasterOffice"/>) within the <see cref="RecoveryBound"/>;</item>
/// <item>churn: elections (sessions opened) that no fault's span (its start to its heal plus its bound) covers; reported, not a violation.</item>
/// </list>
/// </summary>
internal static class Checker
{
    public static CheckResult Check(RunRecord run)
    {
        var violations = new List<Violation>();
        var settings = run.Settings;
        var bounds = run.Faults.ToDictionary(f => f.Id, f => RecoveryBound.For(f, settings));

        var claims = MasterClaims(run);
        violations.AddRange(OneMasterPerSession(run, claims));
        violations.AddRange(StoreOrder(run.Writes));
        violations.AddRange(StoreTokensHeld(run.Writes, claims));

        var office = new MasterOffice(run);
        var windows = office.MasterlessWindows(run.NemesisStart, run.RunEnd);
        var recoveries = new List<Recovery>();
        var ordered = run.Faults.OrderBy(f => f.Start).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var fault = ordered[i];
            var until = i + 1 < ordered.Count ? ordered[i + 1].Start : run.RunEnd;
            var inOffice = office.FirstInOffice(fault.Heal, until);
            var recovery = new Recovery(fault, bounds[fault.Id], inOffice - fault.Heal, until - fault.Heal);
            recoveries.Add(recovery);
            if (recovery.ExceedsBound)
            {
                var after = recovery.MasterlessAfterHeal is { } t ? $"{t.TotalMilliseconds:F0} ms" : $"more than the {recovery.Observed.TotalMilliseconds:F0} ms observed";
                // Where the masterless stretch began: often under an earlier fault, whose own recovery the next fault cut short.
                var window = windows.FirstOrDefault(w => w.Start <= fault.Heal && w.End > fault.Heal);
                var began = window is null ? "" : $"; masterless since {Stamp(window.Start)}" +
                    (ordered.LastOrDefault(f => f.Start <= window.Start) is { } cause ? $" (under or after fault #{cause.Id} {cause.Kind} {cause.Detail})" : "");
                violations.Add(new Violation("masterless-after-heal",
                    $"fault #{fault.Id} ({fault.Kind} {fault.Detail}) healed at {Stamp(fault.Heal)}: no master in office for {after}, bound {recovery.Bound.Total.TotalMilliseconds:F0} ms ({recovery.Bound.Terms}){began}",
                    StatesAround(run, fault.Heal)));
            }
        }

        var sessions = Sessions(run, claims, ordered, bounds);
        var errors = run.Incarnations.Sum(i => i.Records.Count(r => r.Kind == HistoryKinds.StoreError));
        var store = new StoreSummary(run.Writes.Count(w => w.Accepted), run.Writes.Count(w => !w.Accepted), errors, run.Writes.Where(w => !w.Accepted).ToList());
        return new CheckResult(violations, sessions, windows, recoveries, store, run.RunEnd - run.NemesisStart, run.Faults.Count);
    }

    /// <summary>One claim that <see cref="Master"/> is master of <see cref="Session"/>, with where it was recorded.</summary>
    internal sealed record Claim(long Session, string Master, Incarnation By, HistoryRecord Record);

    internal static IReadOnlyList<Claim> MasterClaims(RunRecord run)
    {
        var claims = new List<Claim>();
        foreach (var incarnation in run.Incarnations)
        {
            foreach (var r in incarnation.Records)
            {
                var master = r switch
                {
                    { Kind: HistoryKinds.State, Status: nameof(ElectionStatus.Master) } => r.Node,
                    { Kind: HistoryKinds.State, Status: nameof(ElectionStatus.Follower) } => r.Master,
                    { Kind: HistoryKinds.Event, Event: nameof(ElectedMaster) } => r.Node,
                    { Kind: HistoryKinds.Event, Event: nameof(NewMaster) } => r.Master,
                    { Kind: HistoryKinds.Leadership, Detail: "acquired" } => r.Master,
                    _ => null,
                };
                if (master is not null && r.Session is { } session) claims.Add(new Claim(session, master, incarnation, r));
            }
        }
        return claims;
    }

    private static IEnumerable<Violation> OneMasterPerSession(RunRecord run, IReadOnlyList<Claim> claims)
    {
        foreach (var session in claims.GroupBy(c => c.Session).OrderBy(g => g.Key))
        {
            var masters = session.GroupBy(c => c.Master).ToList();
            if (masters.Count < 2) continue;
            var evidence = new List<string>();
            foreach (var master in masters)
            {
                var first = master.OrderBy(c => c.Record.At).First();
                evidence.Add($"-- {master.Key}: first claimed by {first.By.Name} ({first.By.Id}), {master.Count()} claims");
                evidence.AddRange(Excerpt(first.By, first.Record, 3));
            }
            yield return new Violation("two-masters",
                $"session {session.Key} has {masters.Count} masters: {string.Join(", ", masters.Select(m => m.Key))}", evidence);
        }
    }

    private static IEnumerable<Violation> StoreOrder(IReadOnlyList<StoreWrite> writes)
    {
        StoreWrite? last = null, newest = null;
        foreach (var w in writes.Where(w => w.Accepted))
        {
            if (newest is not null && !w.Token.MayFollow(newest.Token))
            {
                yield return new Violation("store-order",
                    $"the store accepted {w.Token} (write {w.Seq}) after it had accepted {newest.Token} (write {newest.Seq})",
                    [Row(newest), Row(w)]);
            }
            if (last is not null && w.Held != last.Token)
            {
                yield return new Violation("store-order",
                    $"write {w.Seq} found {w.Held} in the store, but the last accepted token was {last.Token} (write {last.Seq})",
                    [Row(last), Row(w)]);
            }
            last = w;
            if (newest is null || w.Token.Session > newest.Token.Session) newest = w;
        }
    }

    private static IEnumerable<Violation> StoreTokensHeld(IReadOnlyList<StoreWrite> writes, IReadOnlyList<Claim> claims)
    {
        // A leadership line names its token in full (the text the store compares); one written before the store took
        // FencingTokens names only the session and the master's short id, and is matched on those.
        var leaderships = claims.Where(c => c.Record.Kind == HistoryKinds.Leadership).ToList();
        var held = leaderships.Where(c => c.Record.Token is not null).Select(c => c.Record.Token!).ToHashSet(StringComparer.Ordinal);
        var heldWithoutText = leaderships.Where(c => c.Record.Token is null).Select(c => (c.Session, c.Master)).ToHashSet();
        foreach (var token in writes.Where(w => w.Accepted).GroupBy(w => w.Token))
        {
            if (held.Contains(token.Key.Text) || heldWithoutText.Contains((token.Key.Session, token.Key.Master))) continue;
            yield return new Violation("store-token",
                $"the store accepted {token.Count()} writes with {token.Key}, a leadership no history records",
                token.Take(3).Select(Row).ToList());
        }
    }

    private static IReadOnlyList<SessionInfo> Sessions(RunRecord run, IReadOnlyList<Claim> claims, IReadOnlyList<FaultSpan> faults, IReadOnlyDictionary<int, Bound> bounds)
    {
        var seen = new Dictionary<long, DateTime>();
        var started = new Dictionary<long, DateTime>();
        foreach (var r in run.Incarnations.SelectMany(i => i.Records))
        {
            if (r.Session is not { } s || s == 0) continue;
            if (!seen.TryGetValue(s, out var t) || r.At < t) seen[s] = r.At;
            if (r is { Kind: HistoryKinds.Event, Event: nameof(ElectionStarted) } && (!started.TryGetValue(s, out var st) || r.At < st)) started[s] = r.At;
        }
        var sessions = new List<SessionInfo>();
        var ordinal = 0;
        foreach (var (session, firstSeen) in seen.OrderBy(p => p.Key))
        {
            var opened = started.TryGetValue(session, out var st) ? st : firstSeen;
            var mine = claims.Where(c => c.Session == session).ToList();
            var masters = mine.Select(c => c.Master).Distinct().Order(StringComparer.Ordinal).ToList();
            DateTime? elected = mine.Count > 0 ? mine.Min(c => c.Record.At) : null;
            string? explained = opened < run.NemesisStart ? "startup"
                : faults.LastOrDefault(f => opened >= f.Start && opened <= f.Heal + bounds[f.Id].Total) is { } f ? $"#{f.Id}" : null; // the latest that covers it
            sessions.Add(new SessionInfo(session, ++ordinal, opened, masters, elected, explained));
        }
        return sessions;
    }

    private static IReadOnlyList<string> Excerpt(Incarnation incarnation, HistoryRecord around, int context)
    {
        var records = incarnation.Records;
        var index = records.ToList().IndexOf(around);
        return records.Skip(Math.Max(0, index - context)).Take(2 * context + 1)
            .Select(r => $"{incarnation.Name}.jsonl: {r.ToJson()}")
            .ToList();
    }

    /// <summary>Every active incarnation's state at <paramref name="at"/>, as history lines.</summary>
    private static IReadOnlyList<string> StatesAround(RunRecord run, DateTime at) =>
        run.Incarnations.Where(i => i.Start <= at && i.End > at)
            .Select(i => $"{i.Name}.jsonl: {(i.StateAt(at)?.ToJson() ?? "(no state yet)")}{(i.ActiveAt(at) ? "" : " (frozen)")}")
            .ToList();

    private static string Row(StoreWrite w) =>
        $"writes row {w.Seq}: at {Stamp(w.At)} node {w.Node} token {w.Token} accepted {w.Accepted} held {w.Held}";

    public static string Stamp(DateTime t) => t.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
}
