using System.Runtime.InteropServices;

namespace Actors.Election.Benchmarks;

/// <summary>
/// The calling thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): unlike wall-clock time it does
/// not grow while the thread waits for a core, so on a machine other work keeps busy it still measures the code's own
/// work (inflated only by what sharing does to caches). Blocking gen0 collections the thread triggers run on it and count.
/// </summary>
internal static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Keeps each call's result alive, so the JIT cannot drop a call whose result nobody reads.</summary>
    private static volatile object? _sink;

    /// <summary>The calling thread's CPU time so far, in nanoseconds.</summary>
    public static long Nanoseconds()
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("thread CPU time is read with Linux's clock_gettime");
        return clock_gettime(ClockThreadCpuTimeId, out var time) == 0
            ? time.Seconds * 1_000_000_000 + time.Nanoseconds
            : throw new InvalidOperationException($"clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>
    /// The median CPU time of one call of <paramref name="operation"/> over <paramref name="rounds"/> rounds, each of as
    /// many calls as take about <paramref name="round"/> of CPU. Before them, <paramref name="warmUp"/> of calls lets
    /// tiered compilation reach its final code, and one more round's length of calls counts how many a round takes.
    /// Every round counts: none is dropped.
    /// </summary>
    public static double MedianNanosecondsPerCall(Func<object> operation, int rounds, TimeSpan round, TimeSpan warmUp)
    {
        RunFor(operation, ToNanoseconds(warmUp));
        var roundNanoseconds = ToNanoseconds(round);
        var (calls, elapsed) = RunFor(operation, roundNanoseconds);
        var callsPerRound = Math.Max(1, calls * roundNanoseconds / elapsed);

        var perCall = new double[rounds];
        for (var r = 0; r < rounds; r++)
        {
            var start = Nanoseconds();
            for (var c = 0L; c < callsPerRound; c++) _sink = operation();
            perCall[r] = (double)(Nanoseconds() - start) / callsPerRound;
        }
        Array.Sort(perCall);
        return rounds % 2 == 1 ? perCall[rounds / 2] : (perCall[rounds / 2 - 1] + perCall[rounds / 2]) / 2;
    }

    /// <summary>Calls <paramref name="operation"/> until <paramref name="nanoseconds"/> of CPU passed: how many calls, in how long.</summary>
    private static (long Calls, long Elapsed) RunFor(Func<object> operation, long nanoseconds)
    {
        var (calls, start) = (0L, Nanoseconds());
        long elapsed;
        do
        {
            _sink = operation();
            calls++;
        } while ((elapsed = Nanoseconds() - start) < nanoseconds);
        return (calls, elapsed);
    }

    private static long ToNanoseconds(TimeSpan span) => span.Ticks * 100;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clockId, out Timespec time);
}
