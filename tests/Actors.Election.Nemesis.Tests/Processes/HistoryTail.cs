using System.Text;
using System.Text.Json;
using Actors.Election.Demo.Recording;

namespace Actors.Election.Nemesis.Tests.Processes;

/// <summary>Follows a growing history file: each <see cref="ReadNew"/> returns the complete lines added since the last.</summary>
internal sealed class HistoryTail(string path)
{
    private long _offset;
    private readonly StringBuilder _partial = new();

    public IReadOnlyList<HistoryRecord> ReadNew()
    {
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (stream.Length <= _offset) return [];
        stream.Seek(_offset, SeekOrigin.Begin);
        var buffer = new byte[stream.Length - _offset];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        _offset += read;
        _partial.Append(Encoding.UTF8.GetString(buffer, 0, read));
        var text = _partial.ToString();
        var end = text.LastIndexOf('\n');
        if (end < 0) return [];
        _partial.Clear().Append(text[(end + 1)..]);
        var records = new List<HistoryRecord>();
        foreach (var line in text[..end].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                records.Add(HistoryRecord.Parse(line));
            }
            catch (JsonException)
            {
                // only a killed writer's last line can be malformed, and it never gets its newline
            }
        }
        return records;
    }
}
