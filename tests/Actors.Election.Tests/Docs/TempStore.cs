using Microsoft.Data.Sqlite;

namespace Actors.Election.Tests.Docs;

/// <summary>A SQLite file of its own in a temporary folder, for the README's <c>FencedLog</c>, and what it holds.</summary>
internal sealed class TempStore : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("actors-election-store-").FullName;

    public TempStore() => ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "log.db") }.ToString();

    public string ConnectionString { get; }

    /// <summary>The token the fence holds, or null before the first accepted write.</summary>
    public FencingToken? Fence() =>
        Query("SELECT token FROM fence WHERE name = 'log'", r => FencingToken.Parse(r.GetString(0))).SingleOrDefault();

    /// <summary>The log's entries in the order written.</summary>
    public IReadOnlyList<(FencingToken Token, string Entry)> Entries() =>
        Query("SELECT token, entry FROM log ORDER BY id", r => (FencingToken.Parse(r.GetString(0)), r.GetString(1)));

    public int Written(FencingToken token) => Entries().Count(e => e.Token.Equals(token));

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var db = new SqliteConnection(ConnectionString);
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools(); // pooled connections keep the file open
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
