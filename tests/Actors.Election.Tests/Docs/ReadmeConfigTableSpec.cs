using Akka.Configuration;
using Xunit;

namespace Actors.Election.Tests.Docs;

/// <summary>README.md's configuration table and quick start agree with hocon/reference.conf and .ci/run.</summary>
public sealed class ReadmeConfigTableSpec
{
    private const string TestCommand = "dotnet pwsh ./build.ps1 test";

    [Fact]
    public void The_configuration_table_lists_exactly_the_keys_of_the_election_section_with_their_defaults()
    {
        var (header, rows) = Markdown.Table(Markdown.Section(Repository.Readme, "Configuration"));
        Assert.Equal(["Key", "Default", "Meaning"], header);
        Assert.All(rows, row => Assert.Equal(3, row.Count));
        Assert.All(rows, row => Assert.False(string.IsNullOrWhiteSpace(row[2]), $"{row[0]} has no meaning"));

        var documented = new Dictionary<string, string>();
        foreach (var row in rows)
        {
            var key = Unquote(row[0]);
            if (key.StartsWith(ElectionSettings.ConfigPath + ".", StringComparison.Ordinal)) key = key[(ElectionSettings.ConfigPath.Length + 1)..];
            Assert.True(documented.TryAdd(key, Normalise(row[1])), $"{key} appears twice in the table");
        }

        var reference = ReferenceDefaults();
        Assert.Equal(reference.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in reference)
            Assert.True(value == documented[key], $"{key}: README says '{documented[key]}', reference.conf says '{value}'");
    }

    [Fact]
    public void The_table_keeps_the_order_of_reference_conf()
    {
        var (_, rows) = Markdown.Table(Markdown.Section(Repository.Readme, "Configuration"));
        Assert.Equal(ReferenceDefaults().Keys, rows.Select(r => Unquote(r[0])));
    }

    [Fact]
    public void The_quick_start_runs_exactly_the_commands_of_the_CI_script()
    {
        var ciCommands = Repository.Read(".ci/run").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("set ", StringComparison.Ordinal) && !l.StartsWith("cd ", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(TestCommand, ciCommands);

        var quickStart = Markdown.Section(Repository.Readme, "Quick start");
        Assert.Contains(TestCommand, quickStart);
        // The command to type: one line of the quick start's first code block, the CI script's commands joined by &&.
        var block = Assert.Single(Markdown.CodeBlocks(quickStart), b => b.Lines.Any(l => l.Contains(TestCommand, StringComparison.Ordinal)));
        var line = Assert.Single(block.Lines, l => l.Contains(TestCommand, StringComparison.Ordinal));
        Assert.Equal(ciCommands, line.Split("&&").Select(c => c.Trim()));
    }

    [Fact]
    public void The_quick_start_does_not_pretend_the_demo_exists_before_it_does()
    {
        var quickStart = Markdown.Section(Repository.Readme, "Quick start");
        Assert.Contains("dotnet run --project src/Actors.Election.Demo", quickStart);
        if (!Directory.Exists(Repository.Path("src/Actors.Election.Demo")))
            Assert.Contains("coming with the demo", quickStart);
    }

    /// <summary>The keys of reference.conf's <c>actors.election</c> section, in file order, with normalised values.</summary>
    internal static IReadOnlyDictionary<string, string> ReferenceDefaults()
    {
        var config = ConfigurationFactory.ParseString(Repository.Read("hocon/reference.conf"));
        var section = config.GetConfig(ElectionSettings.ConfigPath);
        Assert.False(section.IsEmpty, "reference.conf has no actors.election section");
        var defaults = new Dictionary<string, string>();
        foreach (var (key, value) in section.AsEnumerable())
        {
            Assert.True(value.IsString(), $"{key} is not a plain value");
            defaults.Add(key, Normalise(value.GetString()));
        }
        return defaults;
    }

    /// <summary>A value as HOCON means it: backticks and quotes dropped, on/off as booleans, case ignored.</summary>
    internal static string Normalise(string? value)
    {
        var v = Unquote(value ?? "").ToLowerInvariant();
        return v switch
        {
            "on" or "true" or "yes" => "true",
            "off" or "false" or "no" => "false",
            _ => v,
        };
    }

    private static string Unquote(string cell)
    {
        var v = cell.Trim();
        if (v.Length >= 2 && v[0] == '`' && v[^1] == '`') v = v[1..^1].Trim();
        if (v.Length >= 2 && v[0] == '"' && v[^1] == '"') v = v[1..^1];
        return v;
    }
}
