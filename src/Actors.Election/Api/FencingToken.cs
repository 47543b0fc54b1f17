using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election;

/// <summary>
/// The fencing token of one master: the <see cref="Session"/> it was elected in and the <see cref="Master"/> itself.
/// A store that remembers the newest token it accepted and refuses every write whose token is older, or of the same
/// session but another master, keeps a deposed master's late writes out (<see cref="Leadership.Token"/> and
/// <see cref="NewMaster.Token"/> hand it out).
/// </summary>
/// <remarks>
/// <para>
/// <b>Order.</b> Tokens are totally ordered as the protocol orders masters: by <see cref="Session"/> first (sessions
/// only ever grow, and in <c>majority</c> mode a session has at most one master), then by <see cref="Master"/> in
/// <see cref="NodeOrdering"/> (address, then uid), then, for masters that <see cref="NodeOrdering"/> cannot tell apart
/// (another protocol or actor-system name, never within one cluster), by protocol and system name, ordinal. Two tokens
/// compare equal exactly when they are <see cref="Equals(FencingToken)"/>.
/// </para>
/// <para>
/// <b>Text form</b> (<see cref="ToString"/>, <see cref="Parse(string)"/>), stable: the session as exactly
/// <see cref="SessionDigits"/> decimal digits, zero-padded; <c>@</c>; the master's address as Akka prints it
/// (<c>protocol://system@host:port</c>); <c>#</c>; the master's uid in decimal (invariant culture, <c>-</c> only for a
/// negative uid, no leading zeros). For example <c>0001796500000000000@akka.tcp://orders@10.0.0.1:2551#123456789</c>.
/// Every token has exactly one text form, and <see cref="Parse(string)"/> accepts only that one, so stores may compare
/// texts for equality. Because the session comes first with a fixed width, ordinal string order is session order
/// (within a session it is not master order: compare tokens for that).
/// </para>
/// <para>
/// <b>Binary form</b> (<see cref="ToBytes"/>, <see cref="FromBytes"/>), stable: 8 bytes of session, big-endian; 4 bytes
/// of uid, big-endian two's complement; then the master's address in UTF-8, as in the text form, up to the end. No
/// length prefix: the form is meant to be stored whole (a BLOB, a header value). Because the session comes first,
/// big-endian, byte-wise (<c>memcmp</c>) order is session order, as for the text form.
/// </para>
/// <para>
/// Sessions are never negative; every non-negative <see cref="long"/> fits both forms, the hybrid-logical-clock sessions
/// (microseconds since the Unix epoch) among them.
/// </para>
/// <para>
/// The type is an immutable value type. Its <c>default</c> is no token (<see cref="IsEmpty"/>: no master, session 0): it
/// orders before every token, equals only another <c>default</c>, and has no text or binary form.
/// </para>
/// </remarks>
public readonly struct FencingToken : IEquatable<FencingToken>, IComparable<FencingToken>, IComparable, IParsable<FencingToken>
{
    /// <summary>How many decimal digits the session takes in the text form (enough for <see cref="long.MaxValue"/>).</summary>
    public const int SessionDigits = 19;

    /// <summary>How many bytes come before the address in the binary form: the session (8) and the uid (4).</summary>
    public const int BinaryHeaderLength = sizeof(long) + sizeof(int);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The token of <paramref name="master"/>, master of <paramref name="session"/>.</summary>
    /// <param name="session">The session; never negative.</param>
    /// <param name="master">The master.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="session"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="master"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The master's address cannot be written so that it reads back: an empty protocol or system name, a host without a
    /// port (or the reverse), or one of <c>: / @ #</c> where it would be ambiguous. Akka never gives a cluster member such an address.
    /// </exception>
    public FencingToken(long session, UniqueAddress master)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(session);
        ArgumentNullException.ThrowIfNull(master);
        // Both forms carry the address as text: one that would not read back would make a token nobody can parse.
        if (!IsWritable(master.Address, out var error))
            throw new ArgumentException($"the master's address '{master.Address}' has no fencing token form: {error}", nameof(master));
        Session = session;
        Master = master;
        _addressText = FormatAddress(master.Address);
    }

    /// <summary>The session the master was elected in.</summary>
    public long Session { get; }

    /// <summary>The master (null only in the <c>default</c> token).</summary>
    public UniqueAddress Master { get; }

    /// <summary>True for the <c>default</c> token, which is no token: no master.</summary>
    public bool IsEmpty => Master is null;

    // The address part of both forms, as Akka prints it.
    private string AddressText => _addressText ?? throw new InvalidOperationException("the default FencingToken is no token: it has no text or binary form");

    private readonly string? _addressText;

    /// <summary>The text form: <c>SSSSSSSSSSSSSSSSSSS@protocol://system@host:port#uid</c> (see the remarks of <see cref="FencingToken"/>); empty for the <c>default</c> token.</summary>
    public override string ToString() =>
        IsEmpty ? "" : string.Create(CultureInfo.InvariantCulture, $"{Session:D19}@{AddressText}#{Master.Uid}");

    /// <summary>Reads the text form.</summary>
    /// <param name="text">A token's text form, exactly as <see cref="ToString"/> writes it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not the text form of a token; the message says why.</exception>
    public static FencingToken Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryRead(text, out var token, out var error) ? token : throw new FormatException($"'{Shorten(text)}' is not a fencing token: {error}");
    }

    /// <summary>Reads the text form; false (and the <c>default</c> token) when <paramref name="text"/> is null or not a token.</summary>
    /// <param name="text">A token's text form, exactly as <see cref="ToString"/> writes it.</param>
    /// <param name="token">The token read, or <c>default</c>.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, out FencingToken token)
    {
        if (text is not null && TryRead(text, out token, out _)) return true;
        token = default;
        return false;
    }

    /// <inheritdoc cref="Parse(string)" />
    /// <param name="s">A token's text form.</param>
    /// <param name="provider">Ignored: the form is culture-invariant.</param>
    static FencingToken IParsable<FencingToken>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc cref="TryParse(string?, out FencingToken)" />
    /// <param name="s">A token's text form.</param>
    /// <param name="provider">Ignored: the form is culture-invariant.</param>
    /// <param name="result">The token read, or <c>default</c>.</param>
    static bool IParsable<FencingToken>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out FencingToken result) =>
        TryParse(s, out result);

    /// <summary>The binary form: session (8 bytes, big-endian), uid (4 bytes, big-endian), the address in UTF-8.</summary>
    /// <exception cref="InvalidOperationException">This is the <c>default</c> token, which is no token.</exception>
    public byte[] ToBytes()
    {
        var bytes = new byte[BinaryHeaderLength + StrictUtf8.GetByteCount(AddressText)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Session);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(sizeof(long)), Master.Uid);
        StrictUtf8.GetBytes(AddressText, bytes.AsSpan(BinaryHeaderLength));
        return bytes;
    }

    /// <summary>Reads the binary form.</summary>
    /// <param name="bytes">A token's binary form, exactly as <see cref="ToBytes"/> writes it.</param>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not the binary form of a token; the message says why.</exception>
    public static FencingToken FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= BinaryHeaderLength)
            throw new ArgumentException($"a fencing token's binary form has {BinaryHeaderLength} bytes of session and uid and then an address; got {bytes.Length} bytes", nameof(bytes));
        var session = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (session < 0)
            throw new ArgumentException($"the session of a fencing token is never negative; the bytes say {session}", nameof(bytes));
        var uid = BinaryPrimitives.ReadInt32BigEndian(bytes[sizeof(long)..]);
        string addressText;
        try
        {
            addressText = StrictUtf8.GetString(bytes[BinaryHeaderLength..]);
        }
        catch (DecoderFallbackException e)
        {
            throw new ArgumentException("the address of a fencing token's binary form is not valid UTF-8", nameof(bytes), e);
        }
        if (!TryReadAddress(addressText, out var address, out var error))
            throw new ArgumentException($"the address of a fencing token's binary form is not valid: {error}", nameof(bytes));
        return new FencingToken(session, new UniqueAddress(address, uid));
    }

    /// <summary>
    /// The protocol's order: session, then master by <see cref="NodeOrdering"/>, then protocol and system name
    /// (ordinal). The <c>default</c> token comes first.
    /// </summary>
    /// <param name="other">The token to compare with.</param>
    public int CompareTo(FencingToken other)
    {
        if (IsEmpty || other.IsEmpty) return (IsEmpty ? 0 : 1) - (other.IsEmpty ? 0 : 1);
        var bySession = Session.CompareTo(other.Session);
        if (bySession != 0) return bySession;
        var byNode = NodeOrdering.Instance.Compare(Master, other.Master);
        if (byNode != 0) return byNode;
        var byProtocol = string.CompareOrdinal(Master.Address.Protocol, other.Master.Address.Protocol);
        return byProtocol != 0 ? byProtocol : string.CompareOrdinal(Master.Address.System, other.Master.Address.System);
    }

    /// <inheritdoc />
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => IsEmpty ? 0 : 1,
        FencingToken token => CompareTo(token),
        _ => throw new ArgumentException($"a FencingToken compares only with a FencingToken, not a {obj.GetType().Name}", nameof(obj)),
    };

    /// <summary>True when <paramref name="other"/> has the same session and the same master (address and uid).</summary>
    /// <param name="other">The token to compare with.</param>
    public bool Equals(FencingToken other) =>
        IsEmpty ? other.IsEmpty : !other.IsEmpty && Session == other.Session && Master.Equals(other.Master);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FencingToken token && Equals(token);

    /// <inheritdoc />
    public override int GetHashCode() => IsEmpty ? 0 : HashCode.Combine(Session, Master);

    /// <summary>True when both are equal.</summary>
    public static bool operator ==(FencingToken left, FencingToken right) => left.Equals(right);

    /// <summary>True unless both are equal.</summary>
    public static bool operator !=(FencingToken left, FencingToken right) => !left.Equals(right);

    /// <summary>True when <paramref name="left"/> comes before <paramref name="right"/>.</summary>
    public static bool operator <(FencingToken left, FencingToken right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> comes after <paramref name="right"/>.</summary>
    public static bool operator >(FencingToken left, FencingToken right) => left.CompareTo(right) > 0;

    /// <summary>True unless <paramref name="left"/> comes after <paramref name="right"/>.</summary>
    public static bool operator <=(FencingToken left, FencingToken right) => left.CompareTo(right) <= 0;

    /// <summary>True unless <paramref name="left"/> comes before <paramref name="right"/>.</summary>
    public static bool operator >=(FencingToken left, FencingToken right) => left.CompareTo(right) >= 0;

    private static bool TryRead(string text, out FencingToken token, [NotNullWhen(false)] out string? error)
    {
        token = default;
        if (text.Length < SessionDigits + 2 || text[SessionDigits] != '@')
        {
            error = $"it must start with the session as {SessionDigits} digits and '@'";
            return false;
        }
        for (var i = 0; i < SessionDigits; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                error = $"the session must be {SessionDigits} decimal digits";
                return false;
            }
        }
        if (!long.TryParse(text.AsSpan(0, SessionDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var session))
        {
            error = $"the session is above {long.MaxValue}";
            return false;
        }
        var hash = text.LastIndexOf('#');
        if (hash <= SessionDigits)
        {
            error = "the master's uid must follow the address after '#'";
            return false;
        }
        if (!int.TryParse(text.AsSpan(hash + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var uid))
        {
            error = "the master's uid must be a 32-bit decimal integer";
            return false;
        }
        if (!TryReadAddress(text[(SessionDigits + 1)..hash], out var address, out error)) return false;
        token = new FencingToken(session, new UniqueAddress(address, uid));
        // One text per token: anything that parses but is written differently (leading zeros in the uid, '+', another
        // spelling of the address) is refused, so stores can compare texts.
        if (token.ToString() != text)
        {
            error = $"it is not in the one canonical form, which is '{Shorten(token.ToString())}'";
            token = default;
            return false;
        }
        error = null;
        return true;
    }

    // protocol://system@host:port, or protocol://system for an address without host and port: as Akka prints it, but
    // written and read here, so that any host (an IPv6 literal too) reads back the same.
    private static string FormatAddress(Address address) =>
        address.Host is null
            ? $"{address.Protocol}://{address.System}"
            : string.Create(CultureInfo.InvariantCulture, $"{address.Protocol}://{address.System}@{address.Host}:{address.Port}");

    private static bool IsWritable(Address address, [NotNullWhen(false)] out string? error)
    {
        error = string.IsNullOrEmpty(address.Protocol) || address.Protocol.AsSpan().IndexOfAny(":/@#") >= 0 ? "the protocol must be non-empty, without ':', '/', '@' or '#'"
            : string.IsNullOrEmpty(address.System) || address.System.AsSpan().IndexOfAny(":/@#") >= 0 ? "the system name must be non-empty, without ':', '/', '@' or '#'"
            : (address.Host is null) != (address.Port is null) ? "the address must have both a host and a port, or neither"
            : address.Host is { } host && (host.Length == 0 || host.AsSpan().IndexOfAny("/@#") >= 0) ? "the host must be non-empty, without '/', '@' or '#'"
            : address.Port is < 0 or > 65535 ? "the port must be in [0, 65535]"
            : null;
        return error is null;
    }

    private static bool TryReadAddress(string text, [NotNullWhen(true)] out Address? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            error = $"'{Shorten(text)}' is not an address written as protocol://system@host:port";
            return false;
        }
        var protocol = text[..scheme];
        var rest = text[(scheme + 3)..];
        var at = rest.IndexOf('@');
        if (at < 0)
        {
            address = new Address(protocol, rest);
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            if (colon < at || !int.TryParse(rest.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                error = $"'{Shorten(text)}' has no port: it must be written as protocol://system@host:port";
                return false;
            }
            address = new Address(protocol, rest[..at], rest[(at + 1)..colon], port);
        }
        // Akka's Address normalises (the host in lower case): only a text that is written back unchanged is accepted.
        if (!IsWritable(address, out error) || FormatAddress(address) != text)
        {
            error ??= $"'{Shorten(text)}' is not in the canonical form, which is '{Shorten(FormatAddress(address))}'";
            address = null;
            return false;
        }
        return true;
    }

    // Error messages quote at most this much of a bad input.
    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
