namespace Actors.Election.Nemesis.Tests.Network;

/// <summary>
/// What the harness needs from the machine: root, working <c>ip netns</c> and <c>iptables</c>, libfaketime. Missing pieces fail the
/// test with a message that says what to do; the harness never skips.
/// </summary>
internal static class Prerequisites
{
    /// <summary>
    /// The iptables program the harness drives (Debian's package <c>iptables</c>; build.ps1's test targets install it
    /// when missing), found on the PATH or in the sbin folders a non-login PATH may lack.
    /// </summary>
    public static readonly string Iptables = Find("iptables");

    /// <summary>The full path of <paramref name="program"/>, or the bare name when it is nowhere (running it then fails).</summary>
    public static string Find(string program)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists) ?? program;
    }

    public static void Check()
    {
        if (!OperatingSystem.IsLinux())
            throw new InvalidOperationException("The nemesis harness needs Linux (network namespaces, iptables, netfilter queues).");
        if (Libc.GetEuid() != 0)
            throw new InvalidOperationException("The nemesis harness needs root: it creates network namespaces and firewall rules. Run the tests as root (CI does).");
        var (code, _, error) = Shell.TryRun("ip", "netns", "list");
        if (code != 0)
            throw new InvalidOperationException($"`ip netns list` does not work ({error.Trim()}): install iproute2 and run as root.");
        (code, _, error) = Shell.TryRun(Iptables, "--version");
        if (code != 0)
            throw new InvalidOperationException($"`{Iptables} --version` does not work ({error.Trim()}): install Debian's package iptables (`apt-get install -y iptables`; `dotnet pwsh ./build.ps1 test` does it when missing and running as root).");
        if (Processes.NodeClocks.Library is null)
            throw new InvalidOperationException("libfaketime is missing (the nodes' clocks are shifted with it): install Debian's package faketime (`apt-get install -y faketime`; `dotnet pwsh ./build.ps1 test` does it when missing and running as root).");
        var probe = $"{HarnessNames.Prefix}{Environment.ProcessId}-probe";
        (code, _, error) = Shell.TryRun("ip", "netns", "add", probe);
        if (code != 0)
            throw new InvalidOperationException($"`ip netns add` fails ({error.Trim()}): the harness needs network namespaces (root, CONFIG_NET_NS).");
        Shell.TryRun("ip", "netns", "del", probe);
    }
}
