using System.Text.RegularExpressions;
using Xunit;

namespace Actors.Election.Tests.Docs;

/// <summary>The repository's files, found from the test binaries by walking up to the folder holding Actors.sln.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootDirectory = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Actors.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} contains Actors.sln");
    });

    /// <summary>The repository root.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>The full path of <paramref name="relative"/> (with '/' separators) under the root.</summary>
    public static string Path(string relative) =>
        System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>The text of <paramref name="relative"/>, with line ends normalised to '\n'.</summary>
    public static string Read(string relative)
    {
        var path = Path(relative);
        Assert.True(File.Exists(path), $"{relative} is missing (looked at {path})");
        return File.ReadAllText(path).Replace("\r\n", "\n");
    }

    public static string Readme => Read("README.md");
}

/// <summary>Just enough Markdown for the documentation checks: sections, fenced code blocks, pipe tables.</summary>
internal static partial class Markdown
{
    /// <summary>A fenced code block: its info string (language) and its lines.</summary>
    public sealed record CodeBlock(string Language, IReadOnlyList<string> Lines)
    {
        public string Text => string.Join("\n", Lines);
    }

    /// <summary>The lines of <paramref name="markdown"/> with, for each, whether it lies inside a code fence.</summary>
    private static IEnumerable<(string Line, bool InFence, bool IsFence)> Scan(string markdown)
    {
        var inFence = false;
        foreach (var line in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                yield return (line, true, true);
                continue;
            }
            yield return (line, inFence, false);
        }
    }

    /// <summary>
    /// The body of the section whose heading text is <paramref name="title"/> (any level), up to the next heading of
    /// the same or a higher level; headings inside code blocks do not count.
    /// </summary>
    public static string Section(string markdown, string title)
    {
        var body = new List<string>();
        int? level = null;
        foreach (var (line, inFence, _) in Scan(markdown))
        {
            var heading = inFence ? null : HeadingPattern().Match(line) is { Success: true } m ? m : null;
            if (level is null)
            {
                if (heading is not null && heading.Groups[2].Value.Trim().Equals(title, StringComparison.OrdinalIgnoreCase))
                    level = heading.Groups[1].Length;
                continue;
            }
            if (heading is not null && heading.Groups[1].Length <= level) break;
            body.Add(line);
        }
        Assert.True(level is not null, $"README.md has no section '{title}'");
        return string.Join("\n", body);
    }

    /// <summary>The fenced code blocks of <paramref name="markdown"/>, in order.</summary>
    public static IReadOnlyList<CodeBlock> CodeBlocks(string markdown)
    {
        var blocks = new List<CodeBlock>();
        string? language = null;
        List<string>? lines = null;
        foreach (var (line, _, isFence) in Scan(markdown))
        {
            if (isFence)
            {
                if (lines is null)
                {
                    language = line.Trim().TrimStart('`').Trim();
                    lines = new List<string>();
                }
                else
                {
                    blocks.Add(new CodeBlock(language!, lines));
                    lines = null;
                }
                continue;
            }
            lines?.Add(line);
        }
        Assert.True(lines is null, "README.md has an unclosed code block");
        return blocks;
    }

    /// <summary>
    /// The first pipe table of <paramref name="section"/>: its header cells and its rows (the separator row dropped),
    /// every cell trimmed.
    /// </summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) Table(string section)
    {
        var tableLines = Scan(section)
            .Where(l => !l.InFence)
            .Select(l => l.Line.Trim())
            .SkipWhile(l => !l.StartsWith('|'))
            .TakeWhile(l => l.StartsWith('|'))
            .ToList();
        Assert.True(tableLines.Count >= 2, "no table found");
        static IReadOnlyList<string> Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();
        var header = Cells(tableLines[0]);
        Assert.All(Cells(tableLines[1]), c => Assert.Matches("^:?-{3,}:?$", c));
        return (header, tableLines.Skip(2).Select(Cells).ToList());
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex HeadingPattern();
}
