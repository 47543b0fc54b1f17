using System.Diagnostics;
using System.Text;

namespace Actors.Election.Nemesis.Tests.Network;

/// <summary>Runs the system tools the harness drives (<c>ip</c>, <c>iptables</c>, <c>sysctl</c>) and fails loudly.</summary>
internal static class Shell
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="file"/> and returns its standard output; throws with its error output when it fails.</summary>
    public static string Run(string file, params string[] args) => RunWithInput(file, null, args);

    /// <summary>As <see cref="Run"/>, with <paramref name="input"/> on the program's standard input.</summary>
    public static string RunWithInput(string file, string? input, params string[] args)
    {
        var (code, output, error) = TryRun(file, input, args);
        if (code != 0)
            throw new InvalidOperationException($"`{Describe(file, args)}` failed with exit code {code}: {error.Trim()}{(output.Length > 0 ? " / " + output.Trim() : "")}");
        return output;
    }

    /// <summary>Runs <paramref name="file"/>: exit code (127 when it cannot be started), standard output, error output.</summary>
    public static (int Code, string Output, string Error) TryRun(string file, params string[] args) => TryRun(file, null, args);

    private static (int Code, string Output, string Error) TryRun(string file, string? input, string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, "", $"cannot start {file}: {e.Message}");
        }
        using (process)
        {
            var output = new StringBuilder();
            var error = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data is { } l) lock (output) output.AppendLine(l); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { } l) lock (error) error.AppendLine(l); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (input is not null)
            {
                process.StandardInput.Write(input);
                process.StandardInput.Close();
            }
            if (!process.WaitForExit(Timeout))
            {
                process.Kill();
                return (124, output.ToString(), $"timed out after {Timeout.TotalSeconds} s");
            }
            process.WaitForExit(); // the output handlers drain
            return (process.ExitCode, output.ToString(), error.ToString());
        }
    }

    public static string Describe(string file, IEnumerable<string> args) => string.Join(' ', new[] { file }.Concat(args));
}
