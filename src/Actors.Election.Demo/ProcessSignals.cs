using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Actors.Election.Demo;

/// <summary>
/// Signals a process directly: SIGKILL (a crash, delivered in one system call) and SIGSTOP / SIGCONT (a hung process).
/// Unlike a crash, a stop closes none of its TCP connections (the kernel keeps them open and even acknowledges data), so
/// its peers learn of it only from missing heartbeats.
/// </summary>
internal static class ProcessSignals
{
    /// <summary>True where this can stop a process (Linux and macOS).</summary>
    public static bool Supported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    // The numbers differ between the two: Linux SIGSTOP 19, SIGCONT 18; macOS (BSD) SIGSTOP 17, SIGCONT 19.
    private static int SigStop => OperatingSystem.IsMacOS() ? 17 : 19;
    private static int SigCont => OperatingSystem.IsMacOS() ? 19 : 18;

    private const int SigKill = 9; // the same on Linux and macOS

    /// <summary>
    /// Kills <paramref name="process"/> with one SIGKILL: the failure happens at the call. (<see cref="Process.Kill(bool)"/>
    /// with its process tree first walks every process on the machine, which takes tens of milliseconds, and would be
    /// counted in a failover measured from the call.) Elsewhere, <see cref="Process.Kill()"/>.
    /// </summary>
    public static void Kill(Process process)
    {
        if (!Supported)
        {
            ChildProcesses.Kill(process);
            return;
        }
        Send(process, SigKill, exitedIsFine: true);
    }

    private const int NoSuchProcess = 3; // ESRCH: it exited already

    public static void Stop(Process process) => Send(process, SigStop);

    public static void Continue(Process process) => Send(process, SigCont);

    private static void Send(Process process, int signal, bool exitedIsFine = false)
    {
        if (!Supported) throw new PlatformNotSupportedException("stopping a process needs Linux or macOS");
        if (kill(process.Id, signal) == 0) return;
        var errno = Marshal.GetLastPInvokeError();
        if (!(exitedIsFine && errno == NoSuchProcess))
            throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: errno {errno}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
