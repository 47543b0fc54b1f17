using System.Globalization;

namespace Actors.Election.Nemesis.Tests.Network;

/// <summary>
/// Names of everything the harness creates outside its own process: network namespaces
/// <c>aenem-PID-TAG-br</c> (the bridge) and <c>aenem-PID-TAG-nN</c> (node N). The prefix marks them as the project's;
/// the owner's process id lets a later run sweep what a killed run left behind without touching a live run's.
/// </summary>
internal sealed record HarnessNames(int OwnerPid, string Tag)
{
    /// <summary>Every namespace of this project starts with this.</summary>
    public const string Prefix = "aenem-";

    /// <summary>Names for a new run of this process.</summary>
    public static HarnessNames ForThisRun() =>
        new(Environment.ProcessId, Random.Shared.Next(0x10000).ToString("x4", CultureInfo.InvariantCulture));

    public string RunPrefix => $"{Prefix}{OwnerPid.ToString(CultureInfo.InvariantCulture)}-{Tag}-";

    public string BridgeNamespace => RunPrefix + "br";

    public string NodeNamespace(int index) => RunPrefix + "n" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The owner process id of a project namespace name, or null when the name is not the project's.</summary>
    public static int? OwnerOf(string namespaceName)
    {
        if (!namespaceName.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var rest = namespaceName[Prefix.Length..];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0) return null;
        return int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }
}
