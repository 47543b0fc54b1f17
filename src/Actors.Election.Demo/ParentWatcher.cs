using System.Diagnostics;

namespace Actors.Election.Demo;

/// <summary>
/// A child's half of the supervision: polls that the parent process is still alive and calls back once it is gone
/// (the parent was killed, even with SIGKILL, so it could not stop its children itself).
/// </summary>
internal static class ParentWatcher
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>True while a process with <paramref name="pid"/> exists and has not exited.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Polls <paramref name="isAlive"/> every <paramref name="interval"/>; returns true (after calling
    /// <paramref name="onGone"/>) once it reports the parent gone, false when cancelled first.
    /// </summary>
    public static async Task<bool> WatchAsync(Func<bool> isAlive, TimeSpan interval, Action onGone, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!isAlive())
                {
                    onGone();
                    return true;
                }
                await Task.Delay(interval, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        return false;
    }

    /// <summary>
    /// Watches parent <paramref name="pid"/> in the background; once it is gone calls <paramref name="onGone"/> (which
    /// should stop the node) and, should the node not have exited 15 s later, ends the process (code 3).
    /// </summary>
    public static void StopWhenGone(int pid, Action onGone, CancellationToken cancellationToken) =>
        _ = Task.Run(() => WatchAsync(() => IsAlive(pid), DefaultInterval, () =>
        {
            Console.Error.WriteLine($"parent process {pid} is gone; exiting");
            _ = Task.Delay(TimeSpan.FromSeconds(15), CancellationToken.None).ContinueWith(_ => Environment.Exit(3), TaskScheduler.Default);
            onGone();
        }, cancellationToken), CancellationToken.None);
}
