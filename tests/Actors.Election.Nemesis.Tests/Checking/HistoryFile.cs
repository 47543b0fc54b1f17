using System.Text.Json;
using Actors.Election.Demo.Recording;

namespace Actors.Election.Nemesis.Tests.Checking;

/// <summary>Reads a node's history file (<see cref="HistoryRecord"/> lines).</summary>
internal static class HistoryFile
{
    /// <summary>
    /// Every complete record of <paramref name="path"/>; a last line cut short (the process was killed while writing it)
    /// is left out, a malformed line anywhere else is an error.
    /// </summary>
    public static IReadOnlyList<HistoryRecord> Read(string path)
    {
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var lines = text.Split('\n');
        var records = new List<HistoryRecord>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0) continue;
            try
            {
                records.Add(HistoryRecord.Parse(line));
            }
            catch (JsonException) when (i == lines.Length - 1)
            {
                // the unterminated last line of a killed process
            }
        }
        return records;
    }
}
