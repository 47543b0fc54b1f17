using Actors.Election.Demo.Recording;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Actors.Election.Nemesis.Tests;

/// <summary>The demo's fenced store: one conditional write decides, every attempt is appended in the store's order.</summary>
public sealed class FencedStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fenced-store-").FullName;

    private string StoreFile => Path.Combine(_directory, "store.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Node <paramref name="node"/>'s token in <paramref name="session"/> (incarnation <paramref name="uid"/>), as the library hands it out.</summary>
    private static StoreToken Token(long session, int node, int uid = 1) =>
        new(new FencingToken(session, new UniqueAddress(new Address("akka.tcp", "election", $"10.213.0.{node}", 2551), uid)));

    [Fact]
    public void Newer_sessions_and_the_same_master_are_accepted_older_tokens_and_rivals_refused()
    {
        using var a = FencedStore.Open(StoreFile);
        using var b = FencedStore.Open(StoreFile); // a second connection, as a second process has

        Assert.True(a.Write(Token(5, 1), "a", 1).Accepted);
        Assert.True(a.Write(Token(5, 1), "a", 2).Accepted); // the same leadership again
        Assert.False(b.Write(Token(5, 2), "b", 1).Accepted); // a rival in the same session
        Assert.False(b.Write(Token(4, 2), "b", 2).Accepted); // an older session
        Assert.True(b.Write(Token(6, 2), "b", 3).Accepted); // a newer session
        Assert.False(a.Write(Token(5, 1), "a", 3).Accepted); // the deposed master's late write
        Assert.False(a.Write(Token(6, 2, uid: 2), "b2", 1).Accepted); // a new incarnation at the rival's address, same session

        var writes = FencedStore.ReadWrites(StoreFile);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], writes.Select(w => w.Seq));
        Assert.Equal([true, true, false, false, true, false, false], writes.Select(w => w.Accepted));
        Assert.Equal(default, writes[0].Held);
        Assert.Equal(Token(5, 1), writes[2].Held); // what refused the rival
        Assert.Equal(Token(6, 2), writes[5].Held); // what refused the deposed master
        Assert.Equal(Token(6, 2, uid: 2), writes[6].Token); // read back whole, uid included
        Assert.All(writes.Zip(writes.Skip(1)), p => Assert.True(p.First.At <= p.Second.At));
    }

    [Fact]
    public void The_store_keeps_each_token_in_the_library_s_canonical_text_form()
    {
        var token = Token(1796500000000000, 3, uid: -42);
        using (var store = FencedStore.Open(StoreFile)) store.Write(token, "c", 1);

        using var connection = new SqliteConnection($"Data Source={StoreFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT f.session, f.token, w.token, w.master FROM fence f, writes w;";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(1796500000000000, reader.GetInt64(0));
        Assert.Equal("0001796500000000000@akka.tcp://election@10.213.0.3:2551#-42", reader.GetString(1));
        Assert.Equal(token.Token, FencingToken.Parse(reader.GetString(2)));
        Assert.Equal("10.213.0.3:2551#-42", reader.GetString(3));
    }

    [Fact]
    public void A_store_of_the_earlier_format_is_refused_with_a_reason()
    {
        using (var connection = new SqliteConnection($"Data Source={StoreFile};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE writes (seq INTEGER PRIMARY KEY, at TEXT, node TEXT, pid INTEGER, attempt INTEGER, session INTEGER, master TEXT, accepted INTEGER, held_session INTEGER, held_master TEXT);";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<NotSupportedException>(() => FencedStore.ReadWrites(StoreFile));
        Assert.Contains("earlier format", error.Message);
    }

    [Fact]
    public async Task Concurrent_writers_are_serialised_and_the_store_never_goes_back()
    {
        // Four writers with rising sessions race; whatever the interleaving, the accepted tokens never go down.
        var writers = Enumerable.Range(1, 4).Select(w => Task.Run(() =>
        {
            using var store = FencedStore.Open(StoreFile);
            for (var i = 0; i < 50; i++) store.Write(Token(i * 4 + w, w), $"w{w}", i);
        })).ToArray();
        await Task.WhenAll(writers);

        var writes = FencedStore.ReadWrites(StoreFile);
        Assert.Equal(200, writes.Count);
        var accepted = writes.Where(w => w.Accepted).Select(w => w.Token.Session).ToList();
        Assert.Equal(accepted.Order(), accepted);
        Assert.All(writes.Where(w => !w.Accepted), w => Assert.True(w.Held.Session > w.Token.Session));
    }
}
