namespace Actors.Election.Demo.Recording;

/// <summary>
/// Appends <see cref="HistoryRecord"/> lines to a history file, one writer at a time. Every line is handed to the
/// operating system as soon as it is written, so a SIGKILL loses nothing already recorded.
/// </summary>
internal sealed class HistoryLog : IDisposable
{
    private readonly Lock _lock = new();
    private readonly StreamWriter _writer;
    private bool _disposed;

    public HistoryLog(string path, string node)
    {
        Node = node;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        // Readers (the nemesis harness) tail the file while it grows.
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        _writer = new StreamWriter(stream) { AutoFlush = true, NewLine = "\n" };
    }

    /// <summary>This node, <c>host:port#uid</c>.</summary>
    public string Node { get; }

    /// <summary>
    /// Writes <paramref name="record"/> as one line (ignored once disposed), stamped with the time it is written: taken
    /// under the lock, so the lines of several writers (the recorder, the fenced job) are in time order in the file.
    /// </summary>
    public void Write(HistoryRecord record)
    {
        lock (_lock)
        {
            if (_disposed) return;
            _writer.WriteLine((record with { At = ObserverClock.UtcNow }).ToJson());
        }
    }

    /// <summary>A record of <paramref name="kind"/> for this node, stamped now.</summary>
    public HistoryRecord New(string kind) => new() { At = ObserverClock.UtcNow, Kind = kind, Node = Node };

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _writer.Dispose();
        }
    }
}
