using System.Globalization;

namespace Actors.Election.Nemesis.Tests.Processes;

/// <summary>
/// Where a run keeps its files: <c>artifacts/nemesis/&lt;time&gt;-seed&lt;seed&gt;/</c> under the repository (or
/// <c>NEMESIS_ARTIFACTS</c>): the journal, the SQLite store, the nodes' histories and logs, the report and its chart.
/// The store is on the host's file system, outside the faulted network.
/// </summary>
internal sealed class RunFolder
{
    public RunFolder(string root)
    {
        Root = root;
        Directory.CreateDirectory(NodesDirectory);
    }

    public string Root { get; }

    public string NodesDirectory => Path.Combine(Root, "nodes");

    public string NodeConfigFile => Path.Combine(Root, "nemesis.conf");

    public string StoreFile => Path.Combine(Root, "store.db");

    /// <summary>The nodes' clock control files (<see cref="NodeClocks"/>).</summary>
    public string ClocksDirectory => Path.Combine(Root, "clocks");

    public string JournalFile => Path.Combine(Root, "journal.jsonl");

    public string ReportFile => Path.Combine(Root, "report.md");

    public string ChartFile => Path.Combine(Root, "timeline.png");

    public string SummaryFile => Path.Combine(Root, "summary.txt");

    /// <summary>The harness's progress lines as they happen (the test's own output only shows once it ends).</summary>
    public string ProgressFile => Path.Combine(Root, "progress.log");

    /// <summary>A new folder for a run with <paramref name="seed"/>.</summary>
    public static RunFolder Create(int seed)
    {
        var baseDirectory = Environment.GetEnvironmentVariable("NEMESIS_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot() ?? Path.GetTempPath(), "artifacts", "nemesis");
        var name = $"{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-seed{seed.ToString(CultureInfo.InvariantCulture)}";
        return new RunFolder(Path.Combine(baseDirectory, name));
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln"))) return dir.FullName;
        return null;
    }
}
