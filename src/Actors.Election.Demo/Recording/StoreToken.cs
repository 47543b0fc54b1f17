namespace Actors.Election.Demo.Recording;

/// <summary>
/// The fencing token as the fenced store keeps it: the library's <see cref="FencingToken"/> (session and master), stored
/// as its canonical text form beside its session. <c>default</c> is what an empty store holds: no token, session 0, text
/// <c>""</c>. The store's one rule, <see cref="MayFollow"/>, is stated here and, in SQL, in <see cref="FencedStore"/>.
/// </summary>
/// <param name="Token">The library's token; <c>default</c> for none.</param>
internal readonly record struct StoreToken(FencingToken Token)
{
    /// <summary>The token of a leadership <see cref="Election.WaitForLeadershipAsync"/> handed out.</summary>
    public static StoreToken From(Leadership leadership) => new(leadership.Token);

    /// <summary>Reads what the store keeps: a token's text form, or <c>""</c> for none.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is neither empty nor a token's canonical text form.</exception>
    public static StoreToken Parse(string text) => text.Length == 0 ? default : new StoreToken(FencingToken.Parse(text));

    /// <summary>The session (0 for none).</summary>
    public long Session => Token.Session;

    /// <summary>The canonical text form the store compares (<see cref="FencingToken.ToString"/>; <c>""</c> for none).</summary>
    public string Text => Token.ToString();

    /// <summary>The master as people read it, <c>host:port#uid</c> (<see cref="NodeIds.ToShortId"/>; <c>""</c> for none).</summary>
    public string Master => Token.IsEmpty ? "" : Token.Master.ToShortId();

    /// <summary>
    /// True when a store holding <paramref name="held"/> must accept a write carrying this token: a newer session, or the
    /// very same token (the same leadership writing again). Not <c>held &lt;= Token</c>: within one session a token of
    /// another master is refused, whichever way <see cref="FencingToken"/>'s order puts it.
    /// </summary>
    public bool MayFollow(StoreToken held) => held.Session < Session || held.Token == Token;

    /// <summary>The text form, or <c>(none)</c>.</summary>
    public override string ToString() => Token.IsEmpty ? "(none)" : Text;
}
