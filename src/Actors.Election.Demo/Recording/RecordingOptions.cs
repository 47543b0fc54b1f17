using System.CommandLine;

namespace Actors.Election.Demo.Recording;

/// <summary>What <c>node</c> mode records for the nemesis harness: its history and its fenced writes.</summary>
internal sealed record RecordingOptions
{
    public static readonly RecordingOptions None = new();

    /// <summary><c>--history FILE</c>: JSON lines of every state change and election event.</summary>
    public string? HistoryFile { get; init; }

    /// <summary><c>--fenced-store FILE</c>: the SQLite store the leadership-scoped job writes to.</summary>
    public string? FencedStoreFile { get; init; }

    public static readonly Option<FileInfo?> History = new("--history")
    {
        Description = "Append every election state change and event to this file (JSON lines, UTC timestamps)",
    };

    public static readonly Option<FileInfo?> FencedStore = new("--fenced-store")
    {
        Description = "While master, write to this SQLite file every 100ms with the fencing token (session, master); needs --history",
    };

    /// <summary>Adds the options to the <c>node</c> command.</summary>
    public static void AddTo(Command node)
    {
        node.Options.Add(History);
        node.Options.Add(FencedStore);
        node.Validators.Add(r =>
        {
            if (r.GetValue(FencedStore) is not null && r.GetValue(History) is null)
                r.AddError("--fenced-store needs --history (the leadership of every write is recorded there)");
        });
    }

    public static RecordingOptions Read(System.CommandLine.ParseResult r) => new()
    {
        HistoryFile = r.GetValue(History)?.FullName,
        FencedStoreFile = r.GetValue(FencedStore)?.FullName,
    };
}
