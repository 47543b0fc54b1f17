using System.Globalization;
using System.Text;

namespace Actors.Election.Hosting;

/// <summary>
/// The <c>actors.election</c> settings in code, for <see cref="ElectionHostingExtensions.WithElection(Akka.Hosting.AkkaConfigurationBuilder, Action{ElectionOptions})"/>.
/// Every property left null keeps whatever the system's HOCON says (and, below that, the library's reference.conf);
/// the set ones take precedence. The keys and their meaning are those of <see cref="ElectionSettings"/>.
/// </summary>
public sealed class ElectionOptions
{
    /// <summary><c>election-timeout</c>: no master within this (randomised in [T, 1.5T)) starts a new session.</summary>
    public TimeSpan? ElectionTimeout { get; set; }

    /// <summary><c>connection-delay</c>: how long a loss must last before anyone acts on it.</summary>
    public TimeSpan? ConnectionDelay { get; set; }

    /// <summary><c>auto-elect-on-peer-loss</c>: elect by itself when the master is lost.</summary>
    public bool? AutoElectOnPeerLoss { get; set; }

    /// <summary><c>gather-timeout</c>: the longest a campaign waits for candidates before voting.</summary>
    public TimeSpan? GatherTimeout { get; set; }

    /// <summary><c>heartbeat-interval</c>: how often a master announces itself.</summary>
    public TimeSpan? HeartbeatInterval { get; set; }

    /// <summary><c>failure-timeout</c>: how long a master may be silent before it is lost.</summary>
    public TimeSpan? FailureTimeout { get; set; }

    /// <summary><c>trust-downing</c>: whether a member removed by the downing provider counts as gone (off: safe whatever the downing provider decides).</summary>
    public bool? TrustDowning { get; set; }

    /// <summary><c>max-clock-skew</c>: how far ahead of this node's clock a session may be before it is ignored as absurd.</summary>
    public TimeSpan? MaxClockSkew { get; set; }

    /// <summary><c>quorum</c>: <see cref="QuorumMode.Majority"/> (safe) or <see cref="QuorumMode.Reachable"/> (available).</summary>
    public QuorumMode? Quorum { get; set; }

    /// <summary><c>role</c>: only members with this role take part (empty: every member).</summary>
    public string? Role { get; set; }

    /// <summary><c>candidate</c>: false when this node votes but is never elected.</summary>
    public bool? Candidate { get; set; }

    /// <summary><c>priority</c>: ranks before seniority, higher first.</summary>
    public int? Priority { get; set; }

    /// <summary><c>wire-format</c>: the format this node writes its election messages in (<c>legacy</c> only while upgrading from an earlier release).</summary>
    public WireFormat? WireFormat { get; set; }

    /// <summary>The set properties as an <c>actors.election</c> HOCON section (empty when none is set).</summary>
    public string ToHocon()
    {
        var keys = new StringBuilder();
        void Key(string key, string? value)
        {
            if (value is not null) keys.Append("  ").Append(key).Append(" = ").Append(value).Append('\n');
        }
        Key("election-timeout", Duration(ElectionTimeout));
        Key("connection-delay", Duration(ConnectionDelay));
        Key("auto-elect-on-peer-loss", Switch(AutoElectOnPeerLoss));
        Key("gather-timeout", Duration(GatherTimeout));
        Key("heartbeat-interval", Duration(HeartbeatInterval));
        Key("failure-timeout", Duration(FailureTimeout));
        Key("quorum", Quorum?.ToString().ToLowerInvariant());
        Key("role", Role is null ? null : Quoted(Role));
        Key("candidate", Switch(Candidate));
        Key("priority", Priority?.ToString(CultureInfo.InvariantCulture));
        Key("trust-downing", Switch(TrustDowning));
        Key("max-clock-skew", Duration(MaxClockSkew));
        Key("wire-format", WireFormat?.ToString().ToLowerInvariant());
        return keys.Length == 0 ? "" : $"{ElectionSettings.ConfigPath} {{\n{keys}}}\n";
    }

    private static string? Switch(bool? value) => value switch { true => "on", false => "off", null => null };

    // Whole milliseconds as ms; anything finer as ns (Akka reads ns exactly).
    private static string? Duration(TimeSpan? value) => value switch
    {
        null => null,
        { } v when v.Ticks % TimeSpan.TicksPerMillisecond == 0 =>
            (v.Ticks / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture) + "ms",
        { } v => ((Int128)v.Ticks * 100).ToString(CultureInfo.InvariantCulture) + "ns",
    };

    private static string Quoted(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') quoted.Append('\\').Append(c);
            else if (char.IsControl(c)) quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else quoted.Append(c);
        }
        return quoted.Append('"').ToString();
    }
}
