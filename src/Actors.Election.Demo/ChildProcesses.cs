using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Actors.Election.Demo;

/// <summary>
/// The parent's half of the supervision: starts node processes of this same program and kills every one of them
/// (the whole process tree) when disposed, on process exit and on Ctrl+C. Each child also gets <c>--parent-pid</c>
/// and exits by itself when the parent disappears (see <see cref="ParentWatcher"/>), which covers a SIGKILLed parent.
/// </summary>
internal sealed class ChildProcesses : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Process> _children = new();
    private bool _disposed;

    public ChildProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += OnExit;
        Console.CancelKeyPress += OnCancel;
    }

    /// <summary>How to start this program again: the apphost itself, or <c>dotnet</c> with the entry assembly.</summary>
    public static (string FileName, IReadOnlyList<string> Prefix) SelfCommand()
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var name = Path.GetFileNameWithoutExtension(processPath);
        if (string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var assembly = Assembly.GetEntryAssembly()?.Location;
            if (string.IsNullOrEmpty(assembly)) throw new InvalidOperationException("no entry assembly");
            return (processPath, [assembly]);
        }
        return (processPath, []);
    }

    /// <summary>Free TCP ports on 127.0.0.1: bound to port 0 together (so they differ), then released.</summary>
    public static IReadOnlyList<int> FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var l in listeners) l.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }

    /// <summary>
    /// Starts a child of this program with <paramref name="arguments"/>; its stdout and stderr lines go to
    /// <paramref name="onLine"/>, and its stdin is a pipe the parent may write commands to (see <see cref="ControlChannel"/>).
    /// </summary>
    public Process Start(IEnumerable<string> arguments, Action<string> onLine, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (fileName, prefix) = SelfCommand();
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var a in prefix.Concat(arguments)) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        info.ArgumentList.Add("--parent-pid");
        info.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) onLine(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) onLine(line); }; // errors explain an exit
        lock (_lock)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(ChildProcesses));
            process.Start();
            _children.Add(process);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A real crash: SIGKILL on Unix (TerminateProcess on Windows), no graceful leave.</summary>
    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void KillAll()
    {
        List<Process> children;
        lock (_lock) children = _children.ToList();
        foreach (var child in children)
        {
            try
            {
                if (!child.HasExited) child.Kill(entireProcessTree: true);
            }
            catch (Exception)
            {
                // already gone
            }
        }
        foreach (var child in children)
        {
            try
            {
                child.WaitForExit(5000);
            }
            catch (Exception)
            {
            }
        }
    }

    private void OnExit(object? sender, EventArgs e) => KillAll();

    private void OnCancel(object? sender, ConsoleCancelEventArgs e) => KillAll();

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
        }
        KillAll();
        AppDomain.CurrentDomain.ProcessExit -= OnExit;
        Console.CancelKeyPress -= OnCancel;
        lock (_lock)
        {
            foreach (var c in _children) c.Dispose();
            _children.Clear();
        }
    }
}
