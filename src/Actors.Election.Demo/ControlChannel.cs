using System.Globalization;

namespace Actors.Election.Demo;

/// <summary>
/// The parent's way to ask a child node something: one command a line on the child's stdin (only in <c>--report</c>
/// mode with stdin redirected).
/// <list type="bullet">
/// <item><c>SNAPSHOT id</c>: a fresh count of the election messages sent, so the benchmark counts a failover's messages
/// between snapshots taken just before the kill and just after the agreement.</item>
/// <item><c>DOWN host:port#uid</c>: down that member (<c>Cluster.Down</c>), as an operator would once a crashed node is
/// known dead: after a round is measured the benchmark need not wait for the split brain resolver to clean up.</item>
/// </list>
/// </summary>
internal static class ControlChannel
{
    public const string SnapshotCommand = "SNAPSHOT";
    public const string DownCommand = "DOWN";

    /// <summary>The command line that asks for snapshot <paramref name="id"/>.</summary>
    public static string Snapshot(long id) => string.Create(CultureInfo.InvariantCulture, $"{SnapshotCommand} {id}");

    /// <summary>The command line that asks to down the node <paramref name="id"/> (<c>host:port#uid</c>).</summary>
    public static string Down(string id) => $"{DownCommand} {id}";

    /// <summary>The id of a <c>SNAPSHOT id</c> line, or null.</summary>
    public static long? ParseSnapshot(string? line)
    {
        if (line is null || !line.StartsWith(SnapshotCommand + " ", StringComparison.Ordinal)) return null;
        return long.TryParse(line.AsSpan(SnapshotCommand.Length + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>The node id of a <c>DOWN host:port#uid</c> line, or null.</summary>
    public static string? ParseDown(string? line) =>
        line is not null && line.StartsWith(DownCommand + " ", StringComparison.Ordinal) ? line[(DownCommand.Length + 1)..].Trim() : null;

    /// <summary>Reads commands from <paramref name="input"/> until it closes or <paramref name="cancellationToken"/> fires.</summary>
    public static Task RunAsync(TextReader input, Func<long, Task> snapshot, Action<string> down, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            try
            {
                while (await input.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (ParseSnapshot(line) is { } id) await snapshot(id);
                    else if (ParseDown(line) is { } node) down(node);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (IOException)
            {
                // the parent closed the pipe: nothing more to answer
            }
        }, CancellationToken.None);
}
