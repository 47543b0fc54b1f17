using System.Text.RegularExpressions;
using Akka.Configuration;
using Xunit;

namespace Actors.Election.Tests.Docs;

/// <summary>
/// README.md's code blocks are real: every C# block appears in ReadmeSnippets.cs or in the sample's FencedLog.cs (both
/// compiled by this project), and the HOCON blocks parse into settings the library accepts.
/// </summary>
public sealed partial class ReadmeSnippetsSpec
{
    private static readonly string[] SnippetFiles =
    [
        "tests/Actors.Election.Tests/Docs/ReadmeSnippets.cs",
        "samples/Actors.Election.Sample/FencedLog.cs", // README's fenced store
    ];

    [Fact]
    public void Every_csharp_block_of_the_readme_is_compiled_in_the_snippets_file()
    {
        var blocks = Markdown.CodeBlocks(Repository.Readme).Where(b => b.Language == "csharp").ToList();
        Assert.NotEmpty(blocks);
        var sources = SnippetFiles.Select(f => Repository.Read(f).Split('\n')).ToList();
        var compiled = sources.Select(lines => Significant(lines).ToList()).ToList();
        var compiledUsings = sources.SelectMany(lines => lines).Select(l => l.Trim()).Where(l => UsingDirective().IsMatch(l)).ToHashSet();
        var where = string.Join(" or ", SnippetFiles);

        foreach (var block in blocks)
        {
            var lines = Significant(block.Lines).ToList();
            Assert.NotEmpty(lines);
            Assert.True(compiled.Any(file => IndexOf(file, lines) >= 0),
                $"this README block is not in {where} (line for line, indentation aside):\n{block.Text}");
            foreach (var directive in block.Lines.Select(l => l.Trim()).Where(l => UsingDirective().IsMatch(l)))
                Assert.True(compiledUsings.Contains(directive), $"the README's '{directive}' is not used by {where}");
        }
    }

    [Fact]
    public void The_hocon_blocks_of_the_readme_parse_and_configure_a_cluster_node()
    {
        var blocks = Markdown.CodeBlocks(Repository.Readme).Where(b => b.Language == "hocon").ToList();
        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
        {
            var config = ConfigurationFactory.ParseString(block.Text);
            Assert.Equal("cluster", config.GetString("akka.actor.provider"));
            var settings = ElectionSettings.Create(config.GetConfig(ElectionSettings.ConfigPath));
            Assert.Equal(QuorumMode.Majority, settings.Quorum);
        }
    }

    [Fact]
    public void The_readme_has_a_state_diagram_of_the_four_states()
    {
        var diagram = Assert.Single(Markdown.CodeBlocks(Repository.Readme), b => b.Language == "mermaid");
        Assert.Equal("stateDiagram-v2", diagram.Lines.First(l => l.Trim().Length > 0).Trim());
        foreach (var state in Enum.GetNames<ElectionStatus>())
            Assert.Contains(diagram.Lines, l => Regex.IsMatch(l, $@"\b{state}\s*-->|-->\s*{state}\b"));
    }

    /// <summary>Trimmed lines that carry code: blank lines and using directives dropped.</summary>
    private static IEnumerable<string> Significant(IEnumerable<string> lines) =>
        lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !UsingDirective().IsMatch(l));

    private static int IndexOf(IReadOnlyList<string> haystack, IReadOnlyList<string> needle)
    {
        for (var i = 0; i + needle.Count <= haystack.Count; i++)
        {
            var j = 0;
            while (j < needle.Count && haystack[i + j] == needle[j]) j++;
            if (j == needle.Count) return i;
        }
        return -1;
    }

    [GeneratedRegex(@"^using\s+(static\s+)?[\w.]+(\s*=\s*[\w.<>]+)?;$")]
    private static partial Regex UsingDirective();
}
