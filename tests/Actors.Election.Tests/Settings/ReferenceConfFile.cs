using Akka.Configuration;

namespace Actors.Election.Tests.Settings;

/// <summary>The checked-in hocon/reference.conf, linked into the test output directory as reference.conf.</summary>
internal static class ReferenceConfFile
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "reference.conf");

    /// <summary>The file's <c>actors.election</c> section.</summary>
    public static Config ElectionSection() =>
        ConfigurationFactory.ParseString(File.ReadAllText(Path)).GetConfig(ElectionSettings.ConfigPath);

    /// <summary>Parses an <c>actors.election</c> section body, e.g. <c>priority = 3</c>.</summary>
    public static Config Section(string hocon) => ConfigurationFactory.ParseString(hocon);
}
