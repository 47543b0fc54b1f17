using Akka.Actor;
using Akka.Configuration;

namespace Actors.Election;

/// <summary>
/// The election's settings, read from the <c>actors.election</c> HOCON section with the library's embedded
/// reference.conf as fallback. Immutable; <c>With…</c> returns validated copies. Invalid values fail with a
/// <see cref="ConfigurationException"/> that names the key.
/// </summary>
public sealed record ElectionSettings
{
    /// <summary>The HOCON section the settings live in.</summary>
    public const string ConfigPath = "actors.election";

    private ElectionSettings(
        TimeSpan electionTimeout, TimeSpan connectionDelay, bool autoElectOnPeerLoss, TimeSpan gatherTimeout,
        TimeSpan heartbeatInterval, TimeSpan failureTimeout, QuorumMode quorum, string? role, bool candidate, int priority, bool trustDowning,
        TimeSpan maxClockSkew, WireFormat wireFormat)
    {
        FailureTimeout = failureTimeout;
        TrustDowning = trustDowning;
        MaxClockSkew = maxClockSkew;
        ElectionTimeout = electionTimeout;
        ConnectionDelay = connectionDelay;
        AutoElectOnPeerLoss = autoElectOnPeerLoss;
        GatherTimeout = gatherTimeout;
        HeartbeatInterval = heartbeatInterval;
        Quorum = quorum;
        Role = role;
        Candidate = candidate;
        Priority = priority;
        WireFormat = wireFormat;
    }

    /// <summary><c>election-timeout</c>: no master within this (randomised in [T, 1.5T)) starts a new session.</summary>
    public TimeSpan ElectionTimeout { get; private init; }

    /// <summary><c>connection-delay</c>: how long a loss must last before anyone acts on it.</summary>
    public TimeSpan ConnectionDelay { get; private init; }

    /// <summary><c>auto-elect-on-peer-loss</c>: elect by itself when the master is lost.</summary>
    public bool AutoElectOnPeerLoss { get; private init; }

    /// <summary><c>gather-timeout</c>: the longest a campaign waits for candidates before voting.</summary>
    public TimeSpan GatherTimeout { get; private init; }

    /// <summary><c>heartbeat-interval</c>: how often a master announces itself.</summary>
    public TimeSpan HeartbeatInterval { get; private init; }

    /// <summary>
    /// <c>failure-timeout</c>: a master silent this long is lost, whatever Akka.Cluster's failure detector says yet (a
    /// master announces itself every <c>heartbeat-interval</c>). A pause or a blip shorter than this costs no election.
    /// A master whose process died is noticed sooner: its connections close, and the followers go to a pre-vote at once.
    /// </summary>
    public TimeSpan FailureTimeout { get; private init; }

    /// <summary><c>quorum</c>: how many votes make a quorum.</summary>
    public QuorumMode Quorum { get; private init; }

    /// <summary><c>role</c>: only members with this role take part; null for every member.</summary>
    public string? Role { get; private init; }

    /// <summary><c>candidate</c>: false when this node votes but is never elected.</summary>
    public bool Candidate { get; private init; }

    /// <summary><c>priority</c>: ranks before seniority, higher first.</summary>
    public int Priority { get; private init; }

    /// <summary>
    /// <c>trust-downing</c>: off (default): in majority mode a member the downing provider removed still counts towards
    /// the size of the electorate until a master drops it, because a downed process may still run and vote on the other
    /// side of a partition. on: a downed member counts as gone, so the survivors' quorum shrinks at once (a two-node
    /// cluster keeps electing when either node is downed); safe only if the downing provider never downs a running
    /// process on both sides of a partition.
    /// </summary>
    public bool TrustDowning { get; private init; }

    /// <summary>
    /// <c>max-clock-skew</c>: sessions carry wall-clock time (microseconds since the Unix epoch); a session more than this
    /// ahead of this node's clock is absurd and ignored with a warning, so no peer can push sessions far into the future.
    /// </summary>
    public TimeSpan MaxClockSkew { get; private init; }
    /// <summary><c>wire-format</c>: the format this node writes its election messages in (it reads both).</summary>
    public WireFormat WireFormat { get; private init; }

    /// <summary>The library's embedded reference.conf (the <c>actors.election</c> defaults and the serializer binding).</summary>
    public static Config DefaultConfig() => ReferenceConfig.Value;

    /// <summary>The settings of <paramref name="system"/>: its <c>actors.election</c> section over the embedded defaults.</summary>
    public static ElectionSettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Create(system.Settings.Config.GetConfig(ConfigPath));
    }

    /// <summary>Settings from the <c>actors.election</c> section itself (missing keys fall back to the embedded defaults).</summary>
    public static ElectionSettings Create(Config section)
    {
        var config = (section ?? Config.Empty).WithFallback(DefaultConfig().GetConfig(ConfigPath));
        var settings = new ElectionSettings(
            electionTimeout: ReadDuration(config, "election-timeout"),
            connectionDelay: ReadDuration(config, "connection-delay"),
            autoElectOnPeerLoss: ReadBool(config, "auto-elect-on-peer-loss"),
            gatherTimeout: ReadDuration(config, "gather-timeout"),
            heartbeatInterval: ReadDuration(config, "heartbeat-interval"),
            failureTimeout: ReadDuration(config, "failure-timeout"),
            quorum: ReadQuorum(config, "quorum"),
            role: ReadString(config, "role") is { Length: > 0 } role ? role : null,
            candidate: ReadBool(config, "candidate"),
            priority: ReadInt(config, "priority"),
            trustDowning: ReadBool(config, "trust-downing"),
            maxClockSkew: ReadDuration(config, "max-clock-skew"),
            wireFormat: ReadWireFormat(config, "wire-format"));
        return settings.Validated();
    }

    /// <summary>
    /// <c>actors.election.wire-format</c> of a whole system configuration (the embedded default when absent), for the
    /// serializer, which Akka creates with the system, before any election reads its settings.
    /// </summary>
    internal static WireFormat ReadWireFormat(Config systemConfig)
    {
        var section = (systemConfig.GetConfig(ConfigPath) ?? Config.Empty).WithFallback(DefaultConfig().GetConfig(ConfigPath));
        return ReadWireFormat(section, "wire-format");
    }

    /// <summary>A copy with <c>election-timeout</c> set.</summary>
    public ElectionSettings WithElectionTimeout(TimeSpan value) => (this with { ElectionTimeout = value }).Validated();

    /// <summary>A copy with <c>connection-delay</c> set.</summary>
    public ElectionSettings WithConnectionDelay(TimeSpan value) => (this with { ConnectionDelay = value }).Validated();

    /// <summary>A copy with <c>auto-elect-on-peer-loss</c> set.</summary>
    public ElectionSettings WithAutoElectOnPeerLoss(bool value) => (this with { AutoElectOnPeerLoss = value }).Validated();

    /// <summary>A copy with <c>gather-timeout</c> set.</summary>
    public ElectionSettings WithGatherTimeout(TimeSpan value) => (this with { GatherTimeout = value }).Validated();

    /// <summary>A copy with <c>heartbeat-interval</c> set.</summary>
    public ElectionSettings WithHeartbeatInterval(TimeSpan value) => (this with { HeartbeatInterval = value }).Validated();

    /// <summary>A copy with <c>failure-timeout</c> set.</summary>
    public ElectionSettings WithFailureTimeout(TimeSpan value) => (this with { FailureTimeout = value }).Validated();

    /// <summary>A copy with <c>quorum</c> set.</summary>
    public ElectionSettings WithQuorum(QuorumMode value) => (this with { Quorum = value }).Validated();

    /// <summary>A copy with <c>role</c> set (null or empty: every member).</summary>
    public ElectionSettings WithRole(string? value) => (this with { Role = string.IsNullOrEmpty(value) ? null : value }).Validated();

    /// <summary>A copy with <c>candidate</c> set.</summary>
    public ElectionSettings WithCandidate(bool value) => (this with { Candidate = value }).Validated();

    /// <summary>A copy with <c>priority</c> set.</summary>
    public ElectionSettings WithPriority(int value) => (this with { Priority = value }).Validated();

    /// <summary>A copy with <c>trust-downing</c> set.</summary>
    public ElectionSettings WithTrustDowning(bool value) => (this with { TrustDowning = value }).Validated();

    /// <summary>A copy with <c>max-clock-skew</c> set.</summary>
    public ElectionSettings WithMaxClockSkew(TimeSpan value) => (this with { MaxClockSkew = value }).Validated();
    /// <summary>A copy with <c>wire-format</c> set.</summary>
    public ElectionSettings WithWireFormat(WireFormat value) => (this with { WireFormat = value }).Validated();

    /// <summary>These settings as an <c>actors.election</c> HOCON section (round-trips through <see cref="Create(Config)"/>).</summary>
    public string ToHocon() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $$"""
        actors.election {
          election-timeout = {{Hocon(ElectionTimeout)}}
          connection-delay = {{Hocon(ConnectionDelay)}}
          auto-elect-on-peer-loss = {{(AutoElectOnPeerLoss ? "on" : "off")}}
          gather-timeout = {{Hocon(GatherTimeout)}}
          heartbeat-interval = {{Hocon(HeartbeatInterval)}}
          failure-timeout = {{Hocon(FailureTimeout)}}
          quorum = {{Quorum.ToString().ToLowerInvariant()}}
          role = {{Hocon(Role ?? "")}}
          candidate = {{(Candidate ? "on" : "off")}}
          priority = {{Priority}}
          trust-downing = {{(TrustDowning ? "on" : "off")}}
          max-clock-skew = {{Hocon(MaxClockSkew)}}
          wire-format = {{WireFormat.ToString().ToLowerInvariant()}}
        }
        """);

    // Whole milliseconds as ms; anything finer as ns (HOCON has no unit for ticks, and Akka reads ns exactly).
    private static string Hocon(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerMillisecond == 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value.Ticks / TimeSpan.TicksPerMillisecond}ms")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(Int128)value.Ticks * 100}ns");

    // A quoted HOCON string: quotes, backslashes and control characters escaped.
    private static string Hocon(string value)
    {
        var quoted = new System.Text.StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') quoted.Append('\\').Append(c);
            else if (char.IsControl(c)) quoted.Append($"\\u{(int)c:x4}");
            else quoted.Append(c);
        }
        return quoted.Append('"').ToString();
    }

    private ElectionSettings Validated()
    {
        Require(ElectionTimeout > TimeSpan.Zero, "election-timeout", $"must be positive, was {ElectionTimeout}");
        Require(ConnectionDelay >= TimeSpan.Zero, "connection-delay", $"must not be negative, was {ConnectionDelay}");
        Require(GatherTimeout > TimeSpan.Zero, "gather-timeout", $"must be positive, was {GatherTimeout}");
        Require(GatherTimeout < ElectionTimeout, "gather-timeout",
            $"must be below election-timeout ({ElectionTimeout}), was {GatherTimeout}");
        Require(HeartbeatInterval > TimeSpan.Zero, "heartbeat-interval", $"must be positive, was {HeartbeatInterval}");
        Require(HeartbeatInterval < ElectionTimeout, "heartbeat-interval",
            $"must be below election-timeout ({ElectionTimeout}), was {HeartbeatInterval}");
        Require(FailureTimeout > HeartbeatInterval, "failure-timeout",
            $"must be above heartbeat-interval ({HeartbeatInterval}), was {FailureTimeout}");
        Require(Enum.IsDefined(Quorum), "quorum", $"must be majority or reachable, was {Quorum}");
        Require(MaxClockSkew > TimeSpan.Zero, "max-clock-skew", $"must be positive, was {MaxClockSkew}");
        Require(MaxClockSkew <= TimeSpan.FromDays(3650), "max-clock-skew", $"must be at most 3650d, was {MaxClockSkew}");
        Require(Enum.IsDefined(WireFormat), "wire-format", $"must be protobuf or legacy, was {WireFormat}");
        return this;
    }

    private static void Require(bool condition, string key, string problem)
    {
        if (!condition) throw new ConfigurationException($"{ConfigPath}.{key} {problem}");
    }

    private static T Read<T>(Config config, string key, Func<Config, string, T> read)
    {
        if (!config.HasPath(key))
            throw new ConfigurationException($"{ConfigPath}.{key} is missing");
        try
        {
            return read(config, key);
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            throw new ConfigurationException($"{ConfigPath}.{key} is invalid: {e.Message}", e);
        }
    }

    private static TimeSpan ReadDuration(Config config, string key) =>
        Read(config, key, static (c, k) => c.GetTimeSpan(k, null, allowInfinite: false));

    private static bool ReadBool(Config config, string key) => Read(config, key, static (c, k) =>
        c.GetString(k)?.Trim().ToLowerInvariant() switch
        {
            "on" or "true" or "yes" => true,
            "off" or "false" or "no" => false,
            var other => throw new ConfigurationException($"{ConfigPath}.{k} must be on or off, was '{other}'"),
        });

    private static int ReadInt(Config config, string key) => Read(config, key, static (c, k) =>
        int.TryParse(c.GetString(k), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ConfigurationException($"{ConfigPath}.{k} must be a whole number, was '{c.GetString(k)}'"));

    private static string ReadString(Config config, string key) => Read(config, key, static (c, k) => c.GetString(k) ?? "");

    private static QuorumMode ReadQuorum(Config config, string key) => Read(config, key, static (c, k) =>
        c.GetString(k)?.Trim().ToLowerInvariant() switch
        {
            "majority" => QuorumMode.Majority,
            "reachable" => QuorumMode.Reachable,
            var other => throw new ConfigurationException($"{ConfigPath}.{k} must be majority or reachable, was '{other}'"),
        });

    private static WireFormat ReadWireFormat(Config config, string key) => Read(config, key, static (c, k) =>
        c.GetString(k)?.Trim().ToLowerInvariant() switch
        {
            "protobuf" => WireFormat.Protobuf,
            "legacy" => WireFormat.Legacy,
            var other => throw new ConfigurationException($"{ConfigPath}.{k} must be protobuf or legacy, was '{other}'"),
        });

    private static readonly Lazy<Config> ReferenceConfig = new(() =>
    {
        using var stream = typeof(ElectionSettings).Assembly.GetManifestResourceStream("Actors.Election.reference.conf")
                           ?? throw new InvalidOperationException("the embedded Actors.Election.reference.conf is missing");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    });
}
