namespace Actors.Election.Demo.Recording;

/// <summary>
/// The fencing token the fenced store compares: <c>(Session, Master)</c>, the master as <c>host:port#uid</c>.
/// Ordered by session; within one session only the same master may write again. Kept in this one file so that the
/// store switches to the library's <c>FencingToken</c> (being added) by changing <see cref="From"/> only.
/// </summary>
/// <param name="Session">The session the master leads.</param>
/// <param name="Master">The master, <see cref="NodeIds.ToShortId"/>.</param>
internal readonly record struct StoreToken(long Session, string Master)
{
    /// <summary>The token of a leadership <see cref="Election.WaitForLeadershipAsync"/> handed out.</summary>
    public static StoreToken From(Leadership leadership) => new(leadership.Session, leadership.Master.ToShortId());

    /// <summary>True when a store holding <paramref name="held"/> must accept a write carrying this token.</summary>
    public bool MayFollow(StoreToken held) => held.Session < Session || (held.Session == Session && held.Master == Master);

    /// <inheritdoc />
    public override string ToString() => $"({Session}, {Master})";
}
