namespace Actors.Election;

/// <summary>
/// Identifies one electorate: the session of the master that announced it and a sequence number that grows
/// by one with each single-member change. Ordered by session, then sequence, so two masters of different
/// sessions can never mint the same version for different member sets. Version (0, 0) is the bootstrap
/// electorate a node assumes before any master has announced one.
/// </summary>
/// <param name="Session">The session of the master that announced this electorate (0 before any master).</param>
/// <param name="Sequence">How many single-member changes led to it.</param>
public readonly record struct ElectorateVersion(long Session, long Sequence) : IComparable<ElectorateVersion>
{
    /// <summary>The version of the electorate a node assumes before any master has announced one.</summary>
    public static ElectorateVersion Bootstrap => default;

    /// <summary>True for the bootstrap electorate (no master has announced one yet).</summary>
    public bool IsBootstrap => Session == 0 && Sequence == 0;

    /// <inheritdoc />
    public int CompareTo(ElectorateVersion other)
    {
        var bySession = Session.CompareTo(other.Session);
        return bySession != 0 ? bySession : Sequence.CompareTo(other.Sequence);
    }

    /// <summary>Version order.</summary>
    public static bool operator <(ElectorateVersion left, ElectorateVersion right) => left.CompareTo(right) < 0;

    /// <summary>Version order.</summary>
    public static bool operator >(ElectorateVersion left, ElectorateVersion right) => left.CompareTo(right) > 0;

    /// <summary>Version order.</summary>
    public static bool operator <=(ElectorateVersion left, ElectorateVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Version order.</summary>
    public static bool operator >=(ElectorateVersion left, ElectorateVersion right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => $"v{Session}.{Sequence}";
}
