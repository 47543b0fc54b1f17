using System.Diagnostics;
using System.Globalization;

namespace Actors.Election.Nemesis.Tests.Processes;

/// <summary>
/// The wall clock of each node, as its processes read it: the real clock shifted by the node's offset, through
/// libfaketime (Debian's package <c>faketime</c>). Every node process runs with the library preloaded and reads its offset
/// from the node's control file, which libfaketime reads again at most every <see cref="RefreshSeconds"/> s: writing the
/// file steps the running process's clock (an NTP step, forward or back), and a new incarnation starts with the node's
/// current offset (a machine whose clock is off stays off). Only the wall clock is shifted
/// (<c>FAKETIME_DONT_FAKE_MONOTONIC</c>): Akka's scheduler and .NET's timers run on the monotonic clock, as on a real
/// machine whose clock is stepped. The nodes' recording is stamped with the kernel's clock, out of libfaketime's reach
/// (the demo's <c>ObserverClock</c>), so the histories stay on the harness's time line.
/// </summary>
/// <remarks>
/// Checked on this machine (libfaketime 0.9.10, .NET 10, Akka 1.5): <see cref="DateTimeOffset.UtcNow"/> and Akka's
/// <c>Scheduler.Now</c> read the shifted clock and follow a step of the control file within about a second (a step back
/// by D is seen up to D later: libfaketime times its re-reads on the shifted clock); scheduled ticks keep their period
/// through steps.
/// </remarks>
internal sealed class NodeClocks
{
    /// <summary>How often (seconds) libfaketime reads a control file again.</summary>
    public const int RefreshSeconds = 1;

    /// <summary>Where Debian's package <c>libfaketime</c> puts the preload library on this machine, or null when it is missing.</summary>
    public static readonly string? Library = new[]
        {
            "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
            "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
            "/usr/lib/faketime/libfaketime.so.1",
        }.FirstOrDefault(File.Exists);

    private readonly string _directory;
    private readonly Dictionary<int, TimeSpan> _offsets = new();
    private readonly Lock _lock = new();

    public NodeClocks(string directory, IEnumerable<int> nodes)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        foreach (var node in nodes) Write(node, TimeSpan.Zero);
    }

    /// <summary>The node's clock offset now (zero: the real clock).</summary>
    public TimeSpan Offset(int node)
    {
        lock (_lock) return _offsets[node];
    }

    /// <summary>Sets the node's offset: its running process steps to it within a refresh, its next incarnation starts with it.</summary>
    public void Set(int node, TimeSpan offset) => Write(node, offset);

    /// <summary>Preloads libfaketime into a node process, reading <paramref name="node"/>'s control file.</summary>
    public void Apply(ProcessStartInfo info, int node)
    {
        if (Library is null)
            throw new InvalidOperationException("libfaketime is missing: install Debian's package faketime (`apt-get install -y faketime`; build.ps1's test targets do it when missing and running as root)");
        info.Environment["LD_PRELOAD"] = Library;
        info.Environment["FAKETIME_TIMESTAMP_FILE"] = ControlFile(node);
        info.Environment["FAKETIME_CACHE_DURATION"] = RefreshSeconds.ToString(CultureInfo.InvariantCulture);
        info.Environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1";
    }

    /// <summary>libfaketime's relative form: <c>+0</c>, <c>+2.5s</c>, <c>-3s</c>.</summary>
    public static string Spec(TimeSpan offset) =>
        offset == TimeSpan.Zero ? "+0" : (offset > TimeSpan.Zero ? "+" : "-") + Math.Abs(offset.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture) + "s";

    /// <summary>An offset as people read it: <c>+2.5 s</c>, <c>-3 s</c>, <c>0 s</c>.</summary>
    public static string Show(TimeSpan offset) =>
        (offset > TimeSpan.Zero ? "+" : "") + offset.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private string ControlFile(int node) => Path.Combine(_directory, $"n{node.ToString(CultureInfo.InvariantCulture)}.faketime");

    private void Write(int node, TimeSpan offset)
    {
        lock (_lock)
        {
            // Replaced whole (rename), so libfaketime never reads a half-written line.
            var file = ControlFile(node);
            File.WriteAllText(file + ".new", Spec(offset) + "\n");
            File.Move(file + ".new", file, overwrite: true);
            _offsets[node] = offset;
        }
    }
}
