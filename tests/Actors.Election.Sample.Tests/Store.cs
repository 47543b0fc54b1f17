using Microsoft.Data.Sqlite;

namespace Actors.Election.Sample.Tests;

/// <summary>Reads what the sample's <see cref="FencedLog"/> holds: the fence and the entries, in the order written.</summary>
internal static class Store
{
    public static FencingToken? Fence(string connectionString)
    {
        using var db = Open(connectionString);
        using var command = db.CreateCommand();
        command.CommandText = "SELECT token FROM fence WHERE name = 'log'";
        return command.ExecuteScalar() is string token ? FencingToken.Parse(token) : null;
    }

    public static IReadOnlyList<(FencingToken Token, string Entry)> Entries(string connectionString)
    {
        using var db = Open(connectionString);
        using var command = db.CreateCommand();
        command.CommandText = "SELECT token, entry FROM log ORDER BY id";
        using var reader = command.ExecuteReader();
        var entries = new List<(FencingToken, string)>();
        while (reader.Read()) entries.Add((FencingToken.Parse(reader.GetString(0)), reader.GetString(1)));
        return entries;
    }

    private static SqliteConnection Open(string connectionString)
    {
        var db = new SqliteConnection(connectionString);
        db.Open();
        return db;
    }
}
