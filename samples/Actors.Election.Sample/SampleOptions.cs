using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Actors.Election.Sample;

/// <summary>
/// What one node of the sample needs to know, from the command line (<c>--port 2552</c>), environment variables or
/// appsettings, as the generic host reads them. Every option has a default fit for three nodes on one machine.
/// </summary>
/// <param name="Host">The address the node binds and is reached at (<c>--host</c>, default 127.0.0.1).</param>
/// <param name="Port">The node's remoting port (<c>--port</c>, default 2551).</param>
/// <param name="SeedNodes">The seed nodes (<c>--seeds</c>, host:port list, default the three local ports 2551-2553).</param>
/// <param name="MinimumMembers">Members before the cluster starts, so the first election sees them all (<c>--min-members</c>, default 3).</param>
/// <param name="Database">The SQLite file of the fenced log, shared by every node (<c>--db</c>, default in the temp folder).</param>
/// <param name="WriteInterval">How often the master appends to the log (<c>--interval-ms</c>, default 500).</param>
public sealed record SampleOptions(string Host, int Port, IReadOnlyList<string> SeedNodes, int MinimumMembers, string Database, TimeSpan WriteInterval)
{
    /// <summary>The actor system's name: every node of one cluster uses the same one.</summary>
    public const string ClusterName = "sample";

    public static SampleOptions From(IConfiguration configuration)
    {
        var host = configuration["host"] ?? "127.0.0.1";
        var seeds = (configuration["seeds"] ?? "127.0.0.1:2551,127.0.0.1:2552,127.0.0.1:2553")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(seed => seed.Contains("://", StringComparison.Ordinal) ? seed : $"akka.tcp://{ClusterName}@{seed}")
            .ToList();
        return new SampleOptions(
            host,
            Int(configuration, "port", 2551),
            seeds,
            Int(configuration, "min-members", 3),
            configuration["db"] ?? Path.Combine(Path.GetTempPath(), "actors-election-sample.db"),
            TimeSpan.FromMilliseconds(Int(configuration, "interval-ms", 500)));
    }

    /// <summary>The connection string of <see cref="Database"/>.</summary>
    public string ConnectionString => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Database }.ToString();

    private static int Int(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (text is null) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"--{key} must be a non-negative whole number, not '{text}'");
    }
}
