namespace Actors.Election.Tests.Settings;

/// <summary>
/// Every value of an <see cref="ElectionSettings"/>, as a mutable record so tests can state "the defaults, but
/// with this one changed" (the settings' own <c>with</c> is closed to outside code: copies go through <c>With…</c>).
/// </summary>
internal record struct SettingsValues(
    TimeSpan ElectionTimeout, TimeSpan ConnectionDelay, bool AutoElectOnPeerLoss, TimeSpan GatherTimeout,
    TimeSpan HeartbeatInterval, TimeSpan FailureTimeout, QuorumMode Quorum, string? Role, bool Candidate, int Priority,
    bool TrustDowning, TimeSpan MaxClockSkew, WireFormat WireFormat)
{
    public static SettingsValues Of(ElectionSettings s) => new(
        s.ElectionTimeout, s.ConnectionDelay, s.AutoElectOnPeerLoss, s.GatherTimeout, s.HeartbeatInterval, s.FailureTimeout, s.Quorum,
        s.Role, s.Candidate, s.Priority, s.TrustDowning, s.MaxClockSkew, s.WireFormat);

    /// <summary>The values of <c>ElectionSettings.Create(Config.Empty)</c>.</summary>
    public static SettingsValues Defaults => Of(ElectionSettings.Create(Akka.Configuration.Config.Empty));
}
