using Actors.Election.Sample;
using Actors.Election.Tests.Api;
using Akka.Actor;
using Akka.Cluster;
using CsCheck;
using Xunit;

namespace Actors.Election.Tests.Docs;

/// <summary>
/// README's fenced store (the sample's <see cref="FencedLog"/>) against a real embedded SQLite: its one conditional
/// write takes a newer session or the very same token, and refuses an older session and a second master of a session.
/// </summary>
public sealed class FencedLogSpec : IDisposable
{
    // Sessions as the hybrid logical clock makes them (µs since the epoch), not 1, 2, 3.
    private const long Session = 1_796_500_000_000_000;
    private static readonly UniqueAddress A = new(new Address("akka.tcp", "orders", "10.0.0.1", 2551), 11);
    private static readonly UniqueAddress B = new(new Address("akka.tcp", "orders", "10.0.0.2", 2551), 22);
    private static readonly UniqueAddress ARestarted = new(A.Address, 33); // the same address, a new incarnation

    private readonly TempStore _store = new();

    [Fact]
    public void The_first_token_is_taken_and_the_same_token_keeps_writing()
    {
        var log = new FencedLog(_store.ConnectionString);
        var token = new FencingToken(Session, A);
        Assert.True(log.Append(token, "one"));
        Assert.True(log.Append(token, "two"));
        Assert.Equal(token, _store.Fence());
        Assert.Equal([(token, "one"), (token, "two")], _store.Entries());
    }

    [Fact]
    public void After_a_newer_session_wrote_an_older_token_is_refused()
    {
        var log = new FencedLog(_store.ConnectionString);
        var old = new FencingToken(Session, A);
        var newer = new FencingToken(Session + 1, B);
        Assert.True(log.Append(old, "old master"));
        Assert.True(log.Append(newer, "new master"));
        Assert.False(log.Append(old, "a late write of the old master"));
        Assert.False(log.Append(new FencingToken(Session - 1_000_000, B), "anything older"));
        Assert.True(log.Append(newer, "the new master goes on"));
        Assert.Equal(newer, _store.Fence());
        Assert.Equal(["old master", "new master", "the new master goes on"], _store.Entries().Select(e => e.Entry));
    }

    [Fact]
    public void Another_master_of_the_same_session_is_refused_even_from_the_same_address()
    {
        var log = new FencedLog(_store.ConnectionString);
        var token = new FencingToken(Session, A);
        Assert.True(log.Append(token, "the master"));
        Assert.False(log.Append(new FencingToken(Session, B), "another node"));
        Assert.False(log.Append(new FencingToken(Session, ARestarted), "a restarted incarnation"));
        Assert.Equal(token, _store.Fence());
        Assert.Single(_store.Entries());
    }

    [Fact]
    public void The_store_decides_exactly_as_the_token_order_says()
    {
        // Model: the fence accepts a token when it has none, when the token's session is newer, or when it is the
        // fence's own token. A few sessions and masters, so that equal sessions and equal tokens come up often.
        var tokens = Gen.Select(Gen.Long[Session, Session + 3], Gen.Int[0, 2],
            (session, master) => new FencingToken(session, new[] { A, B, ARestarted }[master]));
        TokenGen.ForAll(tokens.Array[1, 12], 60, sequence =>
        {
            using var store = new TempStore();
            var log = new FencedLog(store.ConnectionString);
            FencingToken? fence = null;
            var accepted = new List<(FencingToken, string)>();
            for (var i = 0; i < sequence.Length; i++)
            {
                var token = sequence[i];
                var expected = fence is not { } held || token.Session > held.Session || token.Equals(held);
                Assert.Equal(expected, log.Append(token, $"write {i}"));
                if (!expected) continue;
                fence = token;
                accepted.Add((token, $"write {i}"));
            }
            Assert.Equal(fence, store.Fence());
            Assert.Equal(accepted, store.Entries());
        });
    }

    [Fact]
    public async Task Racing_writers_never_take_the_log_backwards()
    {
        // Four masters of four sessions write at once, each through its own connections: the conditional write is
        // atomic, so the log's sessions never go down, and the newest master is never refused.
        var log = new FencedLog(_store.ConnectionString);
        var tokens = Enumerable.Range(0, 4).Select(i => new FencingToken(Session + i, i % 2 == 0 ? A : B)).ToArray();
        var writes = 40;
        var results = await Task.WhenAll(tokens.Select(token => Task.Run(() =>
            Enumerable.Range(0, writes).Count(i => log.Append(token, $"{token.Session}:{i}")))));

        var entries = _store.Entries();
        Assert.Equal(results.Sum(), entries.Count);
        Assert.Equal(writes, results[^1]);
        for (var i = 1; i < entries.Count; i++) Assert.True(entries[i].Token.Session >= entries[i - 1].Token.Session, $"entry {i} went back");
        Assert.Equal(tokens[^1], _store.Fence());
    }

    public void Dispose() => _store.Dispose();
}
