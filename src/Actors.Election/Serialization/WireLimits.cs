namespace Actors.Election.Serialization;

/// <summary>
/// The bounds of every election message, in either wire format. A reader checks them before it allocates anything a
/// field declares, so a hostile payload can make it allocate no more than a bounded multiple of its own size; a
/// writer refuses a message beyond them, so a bad message fails on its sender instead of on every receiver.
/// </summary>
internal static class WireLimits
{
    /// <summary>The longest text field (protocol, system name, host), in UTF-8 bytes.</summary>
    public const int MaxStringBytes = 1024;

    /// <summary>The most node ids in each of a message's node lists (members, outgoing members, removed members).</summary>
    public const int MaxElectorate = 4096;

    /// <summary>
    /// The largest payload, in bytes. Far above any real message (a 4096-member electorate with typical addresses is
    /// about 150 KB, and Akka.Remote's default maximum frame is 128,000 bytes), far below what would hurt a receiver.
    /// </summary>
    public const int MaxMessageBytes = 1024 * 1024;
}
