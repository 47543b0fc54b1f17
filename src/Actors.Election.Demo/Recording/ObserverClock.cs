using System.Runtime.InteropServices;

namespace Actors.Election.Demo.Recording;

/// <summary>
/// The clock the recording stamps its lines with (histories, store writes): the observer's clock, not the node's. The
/// nemesis skews a node's wall clock with libfaketime, a preloaded library that intercepts the C library's clock calls
/// (<c>clock_gettime</c>, <c>gettimeofday</c>, <c>time</c>), which is where .NET's <see cref="DateTime.UtcNow"/>, and so the
/// election library and Akka, read the time. The recording must not be skewed with them, or the checker could not lay the
/// nodes' histories on one time line. On Linux it therefore reads the kernel's <c>CLOCK_REALTIME</c> with a raw system
/// call, which no preloaded library sees; elsewhere (no such skewing there) it is <see cref="DateTime.UtcNow"/>.
/// </summary>
internal static class ObserverClock
{
    private const int ClockRealtime = 0;

    // The clock_gettime system call's number: x86-64 228, arm64 113 (the generic table); 0 where none is known.
    private static readonly long ClockGettimeCall = !OperatingSystem.IsLinux() ? 0 : RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 228,
        Architecture.Arm64 => 113,
        _ => 0,
    };

    private static readonly bool Raw = ClockGettimeCall != 0 && TryRead(out _);

    /// <summary>True when the time comes from the kernel directly (Linux x86-64 or arm64), out of libfaketime's reach.</summary>
    public static bool IsKernelClock => Raw;

    /// <summary>The current UTC time, as the kernel's real-time clock says it (see <see cref="ObserverClock"/>).</summary>
    public static DateTime UtcNow => Raw && TryRead(out var now) ? now : DateTime.UtcNow;

    private static bool TryRead(out DateTime now)
    {
        now = default;
        if (Syscall(ClockGettimeCall, ClockRealtime, out var spec) != 0) return false;
        now = DateTime.UnixEpoch.AddTicks(spec.Seconds * TimeSpan.TicksPerSecond + spec.Nanoseconds / 100);
        return true;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // syscall(2) is variadic; on x86-64 and arm64 Linux integer and pointer arguments pass as in a plain call.
    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern long Syscall(long number, int clock, out TimeSpec spec);
}
