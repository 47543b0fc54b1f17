using Actors.Election.Demo.Recording;
using Xunit;

namespace Actors.Election.Nemesis.Tests;

/// <summary>The demo's fenced store: one conditional write decides, every attempt is appended in the store's order.</summary>
public sealed class FencedStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fenced-store-").FullName;

    private string StoreFile => Path.Combine(_directory, "store.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Newer_sessions_and_the_same_master_are_accepted_older_tokens_and_rivals_refused()
    {
        using var a = FencedStore.Open(StoreFile);
        using var b = FencedStore.Open(StoreFile); // a second connection, as a second process has

        Assert.True(a.Write(new StoreToken(5, "a"), "a", 1).Accepted);
        Assert.True(a.Write(new StoreToken(5, "a"), "a", 2).Accepted); // the same leadership again
        Assert.False(b.Write(new StoreToken(5, "b"), "b", 1).Accepted); // a rival in the same session
        Assert.False(b.Write(new StoreToken(4, "b"), "b", 2).Accepted); // an older session
        Assert.True(b.Write(new StoreToken(6, "b"), "b", 3).Accepted); // a newer session
        Assert.False(a.Write(new StoreToken(5, "a"), "a", 3).Accepted); // the deposed master's late write

        var writes = FencedStore.ReadWrites(StoreFile);
        Assert.Equal([1L, 2, 3, 4, 5, 6], writes.Select(w => w.Seq));
        Assert.Equal([true, true, false, false, true, false], writes.Select(w => w.Accepted));
        Assert.Equal(new StoreToken(0, ""), writes[0].Held);
        Assert.Equal(new StoreToken(5, "a"), writes[2].Held); // what refused the rival
        Assert.Equal(new StoreToken(6, "b"), writes[5].Held); // what refused the deposed master
        Assert.All(writes.Zip(writes.Skip(1)), p => Assert.True(p.First.At <= p.Second.At));
    }

    [Fact]
    public async Task Concurrent_writers_are_serialised_and_the_store_never_goes_back()
    {
        // Four writers with rising sessions race; whatever the interleaving, the accepted tokens never go down.
        var writers = Enumerable.Range(1, 4).Select(w => Task.Run(() =>
        {
            using var store = FencedStore.Open(StoreFile);
            for (var i = 0; i < 50; i++) store.Write(new StoreToken(i * 4 + w, $"w{w}"), $"w{w}", i);
        })).ToArray();
        await Task.WhenAll(writers);

        var writes = FencedStore.ReadWrites(StoreFile);
        Assert.Equal(200, writes.Count);
        var accepted = writes.Where(w => w.Accepted).Select(w => w.Token.Session).ToList();
        Assert.Equal(accepted.Order(), accepted);
        Assert.All(writes.Where(w => !w.Accepted), w => Assert.True(w.Held.Session > w.Token.Session));
    }
}
