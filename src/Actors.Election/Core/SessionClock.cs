namespace Actors.Election.Core;

/// <summary>
/// Sessions are hybrid logical clock values: a node opening a session proposes the larger of "one above the highest
/// session it has seen" and "its wall-clock time in microseconds since the Unix epoch". Sessions therefore still grow
/// by one per election while the cluster lives, and a cluster started after a whole-cluster restart begins above every
/// session of the cluster before, as long as the clock of the node that opens its first session is not behind the
/// clocks of the old cluster by more than the restart took (docs/protocol.md states the assumption). A clock that
/// jumps back only slows the floor down: sessions never go back, because "highest seen + 1" still applies.
/// </summary>
internal static class SessionClock
{
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>The wall-clock floor of a session opened at <paramref name="wallClock"/>: microseconds since the Unix epoch (0 before it).</summary>
    public static long Floor(DateTimeOffset wallClock) => Math.Max(0, (wallClock.UtcTicks - UnixEpochTicks) / 10);

    /// <summary>The session a node that has seen <paramref name="highestSeen"/> proposes at <paramref name="wallClock"/>.</summary>
    public static long Next(long highestSeen, DateTimeOffset wallClock) => Math.Max(highestSeen + 1, Floor(wallClock));

    /// <summary>
    /// The highest session a peer may report to a node whose clock reads <paramref name="wallClock"/>, unless the node
    /// already knows a higher one: its own floor plus <paramref name="maxClockSkew"/>. No peer can push sessions further
    /// ahead of real time than that, so none can exhaust the session space however often it tries.
    /// </summary>
    public static long Ceiling(DateTimeOffset wallClock, TimeSpan maxClockSkew) => Floor(wallClock) + maxClockSkew.Ticks / 10;

    /// <summary>The wall-clock instant a session's floor stands for (for people reading a session).</summary>
    public static DateTimeOffset InstantOf(long session) => DateTimeOffset.UnixEpoch.AddTicks(Math.Min(session, DateTimeOffset.MaxValue.UtcTicks / 10 - UnixEpochTicks / 10) * 10);
}
