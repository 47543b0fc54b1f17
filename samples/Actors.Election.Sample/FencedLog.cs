using Actors.Election;
using Microsoft.Data.Sqlite;

namespace Actors.Election.Sample;

// README's fenced store example is this class, line for line (tests/Actors.Election.Tests/Docs checks it and runs it
// against SQLite): keep the two in step.

/// <summary>
/// An append-only log in SQLite that takes an entry only from the newest master it has seen: one conditional write
/// checks the whole fencing token, so a deposed master's late write is refused.
/// </summary>
public sealed class FencedLog
{
    private readonly string _connectionString;

    public FencedLog(string connectionString)
    {
        _connectionString = connectionString;
        using var db = Open();
        Execute(db, null, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS fence (name TEXT PRIMARY KEY, session INTEGER NOT NULL, token TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS log (id INTEGER PRIMARY KEY AUTOINCREMENT, token TEXT NOT NULL, entry TEXT NOT NULL);
            """);
    }

    /// <summary>Appends <paramref name="entry"/> if <paramref name="token"/> is the newest token seen; false when refused.</summary>
    public bool Append(FencingToken token, string entry)
    {
        using var db = Open();
        using var transaction = db.BeginTransaction();
        // The whole token in one conditional write: a newer session takes the fence over, the very same token passes,
        // and anything else (an older session, or another master of the same session) changes no row.
        var passed = Execute(db, transaction, """
            INSERT INTO fence (name, session, token) VALUES ('log', $session, $token)
            ON CONFLICT (name) DO UPDATE SET session = excluded.session, token = excluded.token
            WHERE excluded.session > fence.session OR excluded.token = fence.token
            """, ("$session", token.Session), ("$token", token.ToString()));
        if (passed == 0) return false; // refused: disposing the transaction rolls it back
        Execute(db, transaction, "INSERT INTO log (token, entry) VALUES ($token, $entry)", ("$token", token.ToString()), ("$entry", entry));
        transaction.Commit();
        return true;
    }

    private SqliteConnection Open()
    {
        var db = new SqliteConnection(_connectionString);
        db.Open();
        return db;
    }

    private static int Execute(SqliteConnection db, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = db.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
    }
}
