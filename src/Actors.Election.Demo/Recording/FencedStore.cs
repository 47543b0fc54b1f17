using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Actors.Election.Demo.Recording;

/// <summary>
/// A store outside the cluster that only takes writes whose fencing token is at least as new as the newest it has
/// accepted: a SQLite file, shared by the node processes of one host. The decision is one conditional
/// <c>UPDATE</c> of the <c>fence</c> row; every attempt, accepted or refused, is appended to <c>writes</c> in the
/// same transaction, so the order of <c>writes.seq</c> is the order in which the store decided. Tokens are the library's
/// <see cref="FencingToken"/> (<see cref="StoreToken"/>): the store keeps the session as an integer, to order by, and the
/// token's canonical text, to tell one leadership from another within a session (one text per token, so equal texts are
/// equal tokens); <c>writes.master</c> repeats the master as <c>host:port#uid</c> for people.
/// </summary>
/// <remarks>
/// Several processes write to the file at once: it runs in WAL mode, every write transaction is
/// <c>BEGIN IMMEDIATE</c> (the write lock is taken up front, so two writers never deadlock upgrading a read lock),
/// and a writer waits up to <see cref="BusyTimeout"/> for the lock, which a stopped (SIGSTOP) writer can hold.
/// </remarks>
internal sealed class FencedStore : IDisposable
{
    /// <summary>How long a writer waits for another process's write lock before the attempt fails.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private readonly SqliteConnection _connection;

    private FencedStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (and creates, when missing) the store at <paramref name="path"/>.</summary>
    public static FencedStore Open(string path)
    {
        var connection = Connect(path, SqliteOpenMode.ReadWriteCreate);
        try
        {
            Execute(connection, "PRAGMA journal_mode = WAL;");
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS fence (
                  id INTEGER PRIMARY KEY CHECK (id = 1),
                  session INTEGER NOT NULL,
                  token TEXT NOT NULL);
                INSERT OR IGNORE INTO fence (id, session, token) VALUES (1, 0, '');
                CREATE TABLE IF NOT EXISTS writes (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  at TEXT NOT NULL,
                  node TEXT NOT NULL,
                  pid INTEGER NOT NULL,
                  attempt INTEGER NOT NULL,
                  session INTEGER NOT NULL,
                  token TEXT NOT NULL,
                  master TEXT NOT NULL,
                  accepted INTEGER NOT NULL,
                  held_session INTEGER NOT NULL,
                  held_token TEXT NOT NULL);
                """);
            return new FencedStore(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Tries one write carrying <paramref name="token"/>: accepted when the store holds an older session, or this very
    /// token (<see cref="StoreToken.MayFollow"/>); refused otherwise. Either way the attempt is appended to <c>writes</c>.
    /// </summary>
    public StoreWrite Write(StoreToken token, string node, long attempt)
    {
        using var transaction = _connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE
        StoreToken held;
        using (var read = _connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT token FROM fence WHERE id = 1;";
            using var reader = read.ExecuteReader();
            reader.Read();
            held = StoreToken.Parse(reader.GetString(0));
        }
        int changed;
        using (var update = _connection.CreateCommand())
        {
            update.Transaction = transaction;
            // The one conditional write: the same rule as StoreToken.MayFollow, decided by the store.
            update.CommandText = """
                UPDATE fence SET session = $session, token = $token
                WHERE id = 1 AND (session < $session OR token = $token);
                """;
            update.Parameters.AddWithValue("$session", token.Session);
            update.Parameters.AddWithValue("$token", token.Text);
            changed = update.ExecuteNonQuery();
        }
        var write = new StoreWrite(0, ObserverClock.UtcNow, node, Environment.ProcessId, attempt, token, changed == 1, held);
        using (var insert = _connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO writes (at, node, pid, attempt, session, token, master, accepted, held_session, held_token)
                VALUES ($at, $node, $pid, $attempt, $session, $token, $master, $accepted, $heldSession, $heldToken)
                RETURNING seq;
                """;
            insert.Parameters.AddWithValue("$at", write.At.ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$node", node);
            insert.Parameters.AddWithValue("$pid", write.Pid);
            insert.Parameters.AddWithValue("$attempt", attempt);
            insert.Parameters.AddWithValue("$session", token.Session);
            insert.Parameters.AddWithValue("$token", token.Text);
            insert.Parameters.AddWithValue("$master", token.Master);
            insert.Parameters.AddWithValue("$accepted", write.Accepted ? 1 : 0);
            insert.Parameters.AddWithValue("$heldSession", held.Session);
            insert.Parameters.AddWithValue("$heldToken", held.Text);
            write = write with { Seq = (long)insert.ExecuteScalar()! };
        }
        transaction.Commit();
        return write;
    }

    /// <summary>Every attempt in <c>writes</c>, in the order the store decided them.</summary>
    /// <exception cref="NotSupportedException">The store was written before tokens were <see cref="FencingToken"/>s.</exception>
    public static IReadOnlyList<StoreWrite> ReadWrites(string path)
    {
        using var connection = Connect(path, SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        if (HasColumn(connection, "writes", "master") && !HasColumn(connection, "writes", "token"))
            throw new NotSupportedException($"{path} is a fenced store of the earlier format, whose tokens were (session, host:port#uid): it cannot be read as FencingTokens");
        command.CommandText = """
            SELECT seq, at, node, pid, attempt, token, accepted, held_token
            FROM writes ORDER BY seq;
            """;
        using var reader = command.ExecuteReader();
        var writes = new List<StoreWrite>();
        while (reader.Read())
        {
            writes.Add(new StoreWrite(
                reader.GetInt64(0),
                DateTime.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.GetInt64(4),
                StoreToken.Parse(reader.GetString(5)),
                reader.GetInt64(6) == 1,
                StoreToken.Parse(reader.GetString(7))));
        }
        return writes;
    }

    public void Dispose() => _connection.Dispose();

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds};");
        return connection;
    }

    private static bool HasColumn(SqliteConnection connection, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column;";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$column", column);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>One attempt the <see cref="FencedStore"/> decided.</summary>
/// <param name="Seq">Its place in the store's order (1, 2, …).</param>
/// <param name="At">When the store decided (UTC, inside the transaction).</param>
/// <param name="Node">The writing node, <c>host:port#uid</c>.</param>
/// <param name="Pid">The writing process.</param>
/// <param name="Attempt">The writer's own counter of attempts.</param>
/// <param name="Token">The fencing token the write carried.</param>
/// <param name="Accepted">True when the conditional write took it.</param>
/// <param name="Held">The token the store held when it decided (before this write).</param>
internal sealed record StoreWrite(long Seq, DateTime At, string Node, int Pid, long Attempt, StoreToken Token, bool Accepted, StoreToken Held);
