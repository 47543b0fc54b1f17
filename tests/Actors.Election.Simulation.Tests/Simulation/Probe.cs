namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>The fault a probe aims at the converged master, and what must follow it.</summary>
internal enum ProbeKind
{
    /// <summary>The master stops the world for less than <see cref="Scenario.ShortPauseBound"/>: no election may follow.</summary>
    ShortPause,

    /// <summary>The master is cut off both ways for less than <see cref="Scenario.ShortBlipBound"/>: no election may follow.</summary>
    ShortBlip,

    /// <summary>The connection between the master and one follower resets, both running: no election may follow.</summary>
    Disconnect,

    /// <summary>
    /// The master stops the world for failure-timeout + 3 election timeouts or more: the others must elect a new master
    /// within failure-timeout + 3 election timeouts (detection, then the convergence bound), and once the pause ends the
    /// old master must follow (everyone converges again within 3 election timeouts).
    /// </summary>
    LongPause,

    /// <summary>A pause between <see cref="Scenario.ShortPauseBound"/> and failure-timeout: measured (an election or not), no rule.</summary>
    WindowPause,

    /// <summary>A blip between <see cref="Scenario.ShortBlipBound"/> and failure-timeout: measured, no rule.</summary>
    WindowBlip,
}

/// <summary>A probe: one fault aimed at the master once the quiet period has shown the cluster converged.</summary>
internal sealed record Probe(ProbeKind Kind, TimeSpan Duration, int Pick = 0)
{
    /// <summary>True for the probes whose only allowed outcome is "nothing happens".</summary>
    public bool MustCauseNoElection => Kind is ProbeKind.ShortPause or ProbeKind.ShortBlip or ProbeKind.Disconnect;

    public override string ToString() => Kind switch
    {
        ProbeKind.Disconnect => "probe: the master's connection to a follower resets",
        ProbeKind.ShortBlip or ProbeKind.WindowBlip => $"probe ({Kind}): the master is cut off for {Duration.TotalMilliseconds:0}ms",
        _ => $"probe ({Kind}): the master pauses for {Duration.TotalMilliseconds:0}ms",
    };

    /// <summary>A probe for <paramref name="s"/>, durations drawn within the bands its settings define.</summary>
    public static Probe Draw(Random x, Scenario s)
    {
        var ft = (int)s.Settings.FailureTimeout.TotalMilliseconds;
        var et = (int)s.Settings.ElectionTimeout.TotalMilliseconds;
        var pauseBound = (int)s.ShortPauseBound.TotalMilliseconds;
        var blipBound = (int)s.ShortBlipBound.TotalMilliseconds;
        var pick = x.Next(1000);
        var roll = x.Next(100);
        if (roll < 25 && pauseBound >= 2) return new Probe(ProbeKind.ShortPause, Ms(x.Next(1, pauseBound)), pick);
        if (roll < 45 && blipBound >= 2) return new Probe(ProbeKind.ShortBlip, Ms(x.Next(1, blipBound)), pick);
        if (roll < 60) return new Probe(ProbeKind.Disconnect, TimeSpan.Zero, pick);
        if (roll < 80) return new Probe(ProbeKind.LongPause, Ms(ft + 3 * et + x.Next(0, et)), pick);
        if (roll < 90) return new Probe(ProbeKind.WindowPause, Ms(x.Next(Math.Max(1, pauseBound), ft)), pick);
        return new Probe(ProbeKind.WindowBlip, Ms(x.Next(Math.Max(1, blipBound), ft)), pick);

        static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);
    }
}
