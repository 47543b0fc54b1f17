using Akka.Actor;
using Akka.Cluster;
using CsCheck;
using Xunit.Sdk;

namespace Actors.Election.Tests.Api;

/// <summary>
/// CsCheck generators of fencing tokens, and a driver that draws a fixed number of samples from a fixed seed, so a
/// property test checks the same inputs on every run (CsCheck's own <c>Sample</c> seeds only its first iteration).
/// </summary>
internal static class TokenGen
{
    /// <summary>Sessions: small numbers, hybrid-logical-clock values (µs since the epoch, below 2^62), the extremes.</summary>
    public static readonly Gen<long> Session = Gen.Frequency(
        (2, Gen.Long[0, 16]),
        (4, Gen.Long[1_600_000_000_000_000, (1L << 62) - 1]),
        (2, Gen.Long[0, long.MaxValue]),
        (1, Gen.OneOf(0L, 1L, (1L << 62) - 1, long.MaxValue - 1, long.MaxValue)));

    private static readonly Gen<string> Label = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"], 1, 12];

    /// <summary>Hosts as Akka keeps them (lower case): names, IPv4, bracketed and bare IPv6 literals.</summary>
    public static readonly Gen<string> Host = Gen.Frequency(
        (3, Label.Array[1, 4].Select(labels => string.Join('.', labels))),
        (3, Gen.Byte.Array[4].Select(b => string.Join('.', b))),
        (1, Gen.UShort.Array[1, 8].Select(g => string.Join(':', g.Select(x => x.ToString("x"))))),
        (1, Gen.UShort.Array[1, 8].Select(g => "[" + string.Join(':', g.Select(x => x.ToString("x"))) + "]")),
        (1, Gen.OneOf("localhost", "127.0.0.1", "[::1]", "::1")));

    public static readonly Gen<string> SystemName = Gen.Select(
        Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"],
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"], 0, 15],
        (first, rest) => first + rest);

    public static readonly Gen<Address> Address = Gen.Frequency(
        (9, Gen.Select(Gen.OneOf("akka.tcp", "akka.ssl.tcp", "akka"), SystemName, Host, Gen.Int[0, 65535],
            (protocol, system, host, port) => new Address(protocol, system, host, port))),
        (1, Gen.Select(Gen.OneOf("akka", "akka.tcp"), SystemName, (protocol, system) => new Address(protocol, system))));

    public static readonly Gen<UniqueAddress> Master = Gen.Select(Address, Gen.Int, (address, uid) => new UniqueAddress(address, uid));

    public static readonly Gen<FencingToken> Token = Gen.Select(Session, Master, (session, master) => new FencingToken(session, master));

    /// <summary>
    /// Pairs of tokens that often share a session, a master, an address or a uid, so the order's later criteria are
    /// reached, not just the session.
    /// </summary>
    public static readonly Gen<(FencingToken, FencingToken)> Pair = Gen.Frequency(
        (2, Gen.Select(Token, Token, (a, b) => (a, b))),
        (2, Gen.Select(Token, Master, (a, master) => (a, new FencingToken(a.Session, master)))),
        (2, Gen.Select(Token, Session, (a, session) => (a, new FencingToken(session, a.Master)))),
        (2, Gen.Select(Token, Gen.Int, (a, uid) => (a, new FencingToken(a.Session, new UniqueAddress(a.Master.Address, uid))))),
        (1, Token.Select(a => (a, new FencingToken(a.Session, a.Master)))));

    /// <summary>
    /// Runs <paramref name="assert"/> on <paramref name="count"/> samples of <paramref name="gen"/> drawn from
    /// <paramref name="seed"/>: the same samples on every run. A failure names the sample.
    /// </summary>
    public static void ForAll<T>(Gen<T> gen, int count, Action<T> assert, ulong seed = 20261125)
    {
        var pcg = new PCG(1, seed);
        for (var i = 0; i < count; i++)
        {
            var sample = gen.Generate(pcg, null, out _);
            try
            {
                assert(sample);
            }
            catch (Exception e)
            {
                throw new XunitException($"sample {i} of {count} (seed {seed}) fails: {Describe(sample)}{Environment.NewLine}{e.Message}", e);
            }
        }
    }

    private static string Describe<T>(T sample) => sample switch
    {
        FencingToken token => token.ToString(),
        ValueTuple<FencingToken, FencingToken> pair => $"({pair.Item1}, {pair.Item2})",
        _ => sample?.ToString() ?? "null",
    };
}
