using System.Diagnostics;
using System.Text;

namespace Actors.Election.Demo.Tests;

/// <summary>Starts the built demo program with <c>dotnet Actors.Election.Demo.dll</c>.</summary>
internal static class DemoProcess
{
    public static string DllPath
    {
        get
        {
            var path = typeof(Cli).Assembly.Location;
            if (!File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")))
                throw new InvalidOperationException($"{path} has no runtimeconfig.json next to it");
            return path;
        }
    }

    public static Process Start(params string[] args) => Start(args, null);

    public static Process Start(IEnumerable<string> args, StringBuilder? output)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line && output is not null) lock (output) output.AppendLine(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line && output is not null) lock (output) output.AppendLine("ERR " + line); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A process that just lives for a minute (the stand-in parent).</summary>
    public static Process StartSleeper() =>
        OperatingSystem.IsWindows()
            ? Process.Start(new ProcessStartInfo("powershell", "-NoProfile -Command Start-Sleep 60") { UseShellExecute = false })!
            : Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;

    public static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (Exception)
        {
        }
    }

    /// <summary>Node processes (children of a demo) whose command line names <paramref name="parentPid"/>, on Linux.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parentPid)
    {
        if (!OperatingSystem.IsLinux()) return [];
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                var i = Array.IndexOf(cmdline, "--parent-pid");
                if (i >= 0 && i + 1 < cmdline.Length && cmdline[i + 1] == parentPid.ToString(System.Globalization.CultureInfo.InvariantCulture)) found.Add(pid);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }
}
