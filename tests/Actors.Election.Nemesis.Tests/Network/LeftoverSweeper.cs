namespace Actors.Election.Nemesis.Tests.Network;

/// <summary>
/// Removes what an earlier run left behind when it was killed before its own cleanup ran: every namespace of the
/// project (<see cref="HarnessNames.Prefix"/>) whose owner process is gone, with the processes still inside it.
/// Deleting a namespace deletes its bridge, veths and firewall rules with it.
/// </summary>
internal static class LeftoverSweeper
{
    /// <summary>Sweeps; returns the namespaces it removed.</summary>
    public static IReadOnlyList<string> Sweep()
    {
        var removed = new List<string>();
        foreach (var name in ListNamespaces())
        {
            if (HarnessNames.OwnerOf(name) is not { } owner) continue;
            if (owner == Environment.ProcessId || ProcessIsAlive(owner)) continue; // ours, or a live run's: their cleanup owns it
            RemoveNamespace(name);
            removed.Add(name);
        }
        return removed;
    }

    /// <summary>Kills every process inside <paramref name="name"/> (all started by the harness), then deletes it.</summary>
    public static void RemoveNamespace(string name)
    {
        foreach (var pid in PidsIn(name))
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(5000);
            }
            catch (ArgumentException)
            {
            }
            catch (InvalidOperationException)
            {
            }
        }
        Shell.TryRun("ip", "netns", "del", name);
    }

    public static IReadOnlyList<string> ListNamespaces() =>
        Shell.Run("ip", "netns", "list")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ')[0])
            .ToList();

    public static IReadOnlyList<int> PidsIn(string name)
    {
        var (code, output, _) = Shell.TryRun("ip", "netns", "pids", name);
        if (code != 0) return [];
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, out var pid) ? pid : -1)
            .Where(p => p > 0)
            .ToList();
    }

    private static bool ProcessIsAlive(int pid) => Directory.Exists($"/proc/{pid}");
}
