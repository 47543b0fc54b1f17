namespace Actors.Election.Nemesis.Tests.Network;

/// <summary>
/// What the harness needs from the machine: root, working <c>ip netns</c> and <c>iptables</c>. Missing pieces fail the
/// test with a message that says what to do; the harness never skips.
/// </summary>
internal static class Prerequisites
{
    /// <summary>The iptables program the harness drives (Debian's package <c>iptables</c>; .ci/run installs it when missing).</summary>
    public const string Iptables = "iptables";

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
            throw new InvalidOperationException($"`{Iptables} --version` does not work ({error.Trim()}): install Debian's package iptables (`apt-get install -y iptables`; .ci/run does it when missing).");
        var probe = $"{HarnessNames.Prefix}{Environment.ProcessId}-probe";
        (code, _, error) = Shell.TryRun("ip", "netns", "add", probe);
        if (code != 0)
            throw new InvalidOperationException($"`ip netns add` fails ({error.Trim()}): the harness needs network namespaces (root, CONFIG_NET_NS).");
        Shell.TryRun("ip", "netns", "del", probe);
    }
}
