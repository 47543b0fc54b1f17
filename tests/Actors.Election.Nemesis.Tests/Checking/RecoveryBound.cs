using System.Globalization;
using Actors.Election.Demo.Recording;

namespace Actors.Election.Nemesis.Tests.Checking;

/// <summary>
/// How long after a fault is healed the cluster may still be without a master in office, from the settings the nodes
/// read back. Each term is an upper bound of one thing that must happen before a master is in office again; the sum is
/// deliberately generous: it is there to catch a cluster that stays masterless (wedged, livelocked), not to grade
/// failover speed, which the report shows as measured. docs/nemesis.md explains each term.
/// </summary>
internal static class RecoveryBound
{
    /// <summary>
    /// A node process started on the 2-core CI machine runs, joins the cluster and hears the master within this time
    /// (the report shows the measured start-up times against it).
    /// </summary>
    public static readonly TimeSpan StartupBudget = TimeSpan.FromSeconds(15);

    /// <summary>The bound after <paramref name="fault"/>, with the terms it adds up.</summary>
    public static Bound For(FaultSpan fault, RecordedSettings settings)
    {
        // 1. TCP: a silently dropped link backs its retransmissions off exponentially, so once the link is whole again
        //    the next retransmission can be up to about as far away as the silence lasted.
        var silence = fault.Silencing ? fault.Duration : TimeSpan.Zero;
        // 2. The failure detector sees peers reachable again within a heartbeat plus its acceptable pause.
        var reach = Ms(settings.DetectorPauseMs + settings.DetectorHeartbeatMs);
        // 3. A node unreachable for longer than the split brain resolver's stable-after may be downed as the fault
        //    heals; its process exits and a new incarnation starts and joins. Killed and restarted nodes start too. A
        //    silenced link stays down after the heal until TCP retransmits (term 1), so that counts towards stable-after.
        var mayDown = fault.Duration + silence + reach >= Ms(settings.DowningStableAfterMs);
        var restarts = fault.Kind is "Kill" or "Restart" or "ClockOffset";
        var replace = mayDown ? Ms(settings.DowningStableAfterMs) + StartupBudget : restarts ? StartupBudget : TimeSpan.Zero;
        // 4. Two elections: one may time out (randomised in [T, 1.5T)) against a duelling candidate or a member that
        //    is reachable on paper only; each waits a connection-delay and a gather-timeout first.
        var elect = 2 * (Ms(settings.ElectionTimeoutMs) * 1.5 + Ms(settings.GatherTimeoutMs) + Ms(settings.ConnectionDelayMs));
        var total = silence + reach + replace + elect;
        var terms = $"silence {S(silence)} + detector {S(reach)} + downing/restart {S(replace)} + 2 elections {S(elect)}";
        return new Bound(total, terms);
    }

    private static TimeSpan Ms(long ms) => TimeSpan.FromMilliseconds(ms);

    private static string S(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}

/// <summary>A recovery bound and how it was added up.</summary>
internal sealed record Bound(TimeSpan Total, string Terms);
