using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Actors.Election.Sample.Tests;

/// <summary>One node of the sample as a process of its own (<c>dotnet Actors.Election.Sample.dll --port …</c>), its output kept.</summary>
internal sealed class SampleNode : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SampleNode(int port, IEnumerable<string> arguments)
    {
        Port = port;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ProgramPath);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data is null ? null : "[stderr] " + e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The sample's program, built beside this test (the test project references it).</summary>
    public static string ProgramPath
    {
        get
        {
            var path = typeof(FencedLog).Assembly.Location;
            if (!File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")))
                throw new InvalidOperationException($"{path} has no runtimeconfig.json next to it: not a runnable program");
            return path;
        }
    }

    public int Port { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>True once the test killed or stopped the node: an exit is expected from then on.</summary>
    public bool Stopping { get; private set; }

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the node printed so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static SampleNode Start(int port, IReadOnlyList<int> seedPorts, string database, TimeSpan writeInterval) =>
        new(port,
        [
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--seeds", string.Join(',', seedPorts.Select(p => $"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}")),
            "--db", database,
            "--interval-ms", ((int)writeInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ]);

    /// <summary>SIGKILL: the process dies at once, nothing runs on its way out.</summary>
    public void Kill()
    {
        Stopping = true;
        _process.Kill();
    }

    /// <summary>SIGTERM (through the <c>kill</c> command): what a service manager or Kubernetes sends for a graceful stop.</summary>
    public void Terminate()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            throw new PlatformNotSupportedException("the end-to-end sample test sends SIGTERM, which needs Linux or macOS");
        Stopping = true;
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -TERM {_process.Id} failed with exit code {kill.ExitCode}");
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var bounded = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(bounded.Token);
            _process.WaitForExit(); // flush the output readers
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
