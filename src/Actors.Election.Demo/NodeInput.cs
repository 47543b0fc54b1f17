using System.Globalization;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Election.Demo;

/// <summary>Bad input to <c>node</c> mode; its message is the one line the node prints, naming the input.</summary>
internal sealed class BadNodeInputException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Checks everything <c>node</c> was given before anything starts, so that bad input ends in one line that names it
/// and exit code 2, with nothing left running: options, the <c>--config</c> file, the election's settings (a
/// <see cref="ConfigurationException"/> names its key) and unknown keys in the <c>actors.election</c> section.
/// </summary>
internal static class NodeInput
{
    /// <summary>The exit code for bad input (1 is a failure at run time, 3 an orphaned node).</summary>
    public const int BadInputExitCode = 2;

    /// <summary>Prints <paramref name="message"/> as the one error line and returns <see cref="BadInputExitCode"/>.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {OneLine(message)}");
        return BadInputExitCode;
    }

    /// <summary>The first line of <paramref name="text"/>, trimmed.</summary>
    public static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return line.Length > 400 ? line[..400] + "…" : line;
    }

    /// <summary>The node's configuration, once every input checks out; throws <see cref="BadNodeInputException"/> otherwise.</summary>
    public static Config Load(NodeOptions options)
    {
        CheckOptions(options);
        if (options.ConfigFile is { } file) CheckConfigFile(file);
        Config config;
        try
        {
            config = NodeHost.BuildConfig(options);
        }
        catch (Exception e) when (e is not BadNodeInputException)
        {
            throw new BadNodeInputException($"{Source(options)}: {OneLine(e.Message)}", e);
        }
        CheckElectionSection(config, options);
        return config;
    }

    private static void CheckOptions(NodeOptions options)
    {
        if (options.Port is { } port && port is < 0 or > 65535)
            throw new BadNodeInputException($"--port {port}: not a TCP port (0 to 65535)");
        if (options.Host is { } host && string.IsNullOrWhiteSpace(host))
            throw new BadNodeInputException("--host: empty");
        foreach (var seed in options.Seeds) CheckSeed(seed);
        if (options.Port is > 0 and var taken && !PortIsFree(options.Host ?? "127.0.0.1", taken))
            throw new BadNodeInputException($"--port {taken}: already in use on {options.Host ?? "127.0.0.1"}");
        if (options.Detector is { } detector && DetectorProfile.Find(detector) is null)
            throw new BadNodeInputException($"--detector {detector}: not one of {DetectorProfile.Names}");
        if (options.MinMembers is { } min && min < 1)
            throw new BadNodeInputException($"--min-members {min}: must be at least 1");
        if (options.DowningStableAfter is { } stableAfter && !IsDuration(stableAfter))
            throw new BadNodeInputException($"--sbr-stable-after {stableAfter}: not a duration (e.g. 2s, 500ms)");
    }

    /// <summary>A seed is <c>host:port</c> or <c>akka.tcp://election@host:port</c>.</summary>
    public static void CheckSeed(string seed)
    {
        var bad = $"--seeds {seed}: not host:port or akka.tcp://{NodeHost.SystemName}@host:port";
        if (seed.Contains("://", StringComparison.Ordinal))
        {
            Address address;
            try
            {
                address = Address.Parse(seed);
            }
            catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
            {
                throw new BadNodeInputException(bad, e);
            }
            if (string.IsNullOrEmpty(address.Host) || address.Port is not (> 0 and <= 65535)) throw new BadNodeInputException(bad);
            if (address.System != NodeHost.SystemName)
                throw new BadNodeInputException($"--seeds {seed}: names the actor system '{address.System}', but every node of this program is '{NodeHost.SystemName}'");
            return;
        }
        var colon = seed.LastIndexOf(':');
        if (colon <= 0 || colon == seed.Length - 1) throw new BadNodeInputException(bad);
        var hostPart = seed[..colon];
        if (hostPart.StartsWith('[') != hostPart.EndsWith(']') || hostPart.Trim('[', ']').Length == 0) throw new BadNodeInputException(bad);
        if (!hostPart.StartsWith('[') && hostPart.Contains(':', StringComparison.Ordinal)) throw new BadNodeInputException(bad); // IPv6 needs [ ]
        if (!int.TryParse(seed.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seedPort) || seedPort is < 1 or > 65535)
            throw new BadNodeInputException(bad);
    }

    private static void CheckConfigFile(string file)
    {
        if (Directory.Exists(file)) throw new BadNodeInputException($"--config {file}: a directory, not a file");
        if (!File.Exists(file)) throw new BadNodeInputException($"--config {file}: no such file");
        try
        {
            ConfigurationFactory.ParseString(File.ReadAllText(file));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new BadNodeInputException($"--config {file}: not valid HOCON: {OneLine(e.Message)}", e);
        }
    }

    /// <summary>The election's settings as the library reads them, and no key it does not know (a typo would be ignored silently).</summary>
    private static void CheckElectionSection(Config config, NodeOptions options)
    {
        var section = config.GetConfig(ElectionSettings.ConfigPath);
        try
        {
            ElectionSettings.Create(section ?? Config.Empty);
        }
        catch (ConfigurationException e)
        {
            throw new BadNodeInputException($"{Source(options)}: {OneLine(e.Message)}", e);
        }
        if (section is null || section.IsEmpty) return;
        var known = ElectionSettings.DefaultConfig().GetConfig(ElectionSettings.ConfigPath).AsEnumerable().Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var unknown = section.AsEnumerable().Select(kv => kv.Key).Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new BadNodeInputException(
                $"{Source(options)}: unknown key {string.Join(", ", unknown.Select(k => $"{ElectionSettings.ConfigPath}.{k}"))} (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
    }

    // Akka would log the bind failure with its stack traces before failing: check first where the host is an address.
    private static bool PortIsFree(string host, int port)
    {
        if (!System.Net.IPAddress.TryParse(host, out var address)) return true; // a name: let Akka resolve and bind it
        try
        {
            // A plain socket with SO_REUSEADDR alone, as DotNetty binds: it fails on an active listener but not on connections
            // of a previous run in TIME_WAIT (a node restarted on its port). TcpListener's own reuse options bind even over a
            // listener on Linux, so it cannot tell.
            using var socket = new System.Net.Sockets.Socket(address.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(1, 2, BitConverter.GetBytes(1));            // SOL_SOCKET, SO_REUSEADDR
            else if (OperatingSystem.IsMacOS()) socket.SetRawSocketOption(0xffff, 4, BitConverter.GetBytes(1));  // the BSD numbers
            socket.Bind(new System.Net.IPEndPoint(address, port));
            return true;
        }
        catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return true; // not ours to judge (e.g. an address of another machine): Akka reports it
        }
    }

    private static bool IsDuration(string text)
    {
        try
        {
            ConfigurationFactory.ParseString($"d = {text}").GetTimeSpan("d", null, allowInfinite: false);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>
    /// A failure to start, as one line: Akka's settings readers often say only what was wrong with a value ("The input
    /// string 'banana' was not in a correct format"), so the keys of the <c>--config</c> file whose value the message quotes are named with it.
    /// </summary>
    public static string StartFailure(NodeOptions options, string message)
    {
        var keys = new List<string>();
        if (options.ConfigFile is { } file && File.Exists(file))
        {
            try
            {
                var root = ConfigurationFactory.ParseString(File.ReadAllText(file)).Root;
                keys.AddRange(Leaves(root, "").Where(l => l.Value.Length > 0 && message.Contains($"'{l.Value}'", StringComparison.Ordinal)).Select(l => $"{l.Path} = {l.Value}"));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // checked before the start; nothing more to add
            }
        }
        var where = options.ConfigFile is { } f ? $"--config {f}: " : "";
        return $"{where}{(keys.Count > 0 ? $"{string.Join(", ", keys)}: " : "")}the node could not start: {OneLine(message)}";
    }

    private static IEnumerable<(string Path, string Value)> Leaves(Akka.Configuration.Hocon.HoconValue value, string path)
    {
        if (value.IsObject())
        {
            foreach (var (key, child) in value.GetObject().Items)
                foreach (var leaf in Leaves(child, path.Length == 0 ? key : $"{path}.{key}"))
                    yield return leaf;
        }
        else if (value.IsString())
        {
            yield return (path, value.GetString() ?? "");
        }
    }

    // Which input a configuration problem comes from: the file when one was given (the options are checked above).
    private static string Source(NodeOptions options) => options.ConfigFile is { } file ? $"--config {file}" : "configuration";
}
