namespace Actors.Election.Logic;

/// <summary>
/// Which electorate a node takes, and when. The electorate decides whose votes count, so taking the wrong one is how two
/// masters of one session come about: Raft's single-server-change bug is two masters of different sessions each making
/// one change from the same electorate, and a node later taking the orphaned change of the older one. The rules:
/// <list type="bullet">
/// <item>A new master re-stamps the electorate it won under with its own session (<see cref="OnWin"/>), and changes
/// nothing before a quorum acknowledged that (<see cref="ElectoratePlanner"/>): Raft's "commit an entry of your own term
/// first". Versions order by session first, so whatever a later session settles outranks any change an earlier master
/// left half-done.</item>
/// <item>From the master it follows, a node takes the announced electorate unless it holds a newer one
/// (<see cref="FromMaster(Electorate, Electorate, QuorumMode)"/>): messages may be reordered across senders. In reachable mode only versions of one session
/// compare: one minted in another session may come from another side of a partition.</item>
/// <item>From anyone else (hearsay, <see cref="MayTakeFromPeer"/>) only a newer electorate, only while it neither leads,
/// campaigns (a campaign counts under the electorate it started with) nor follows a live master, and only one minted in
/// a session not below its own: Raft refuses entries of a term below its current one, and so does this. A node that
/// never held an announced electorate takes any (it is no voter of any yet, only stale), so a newcomer can always catch up.
/// In reachable mode, where each side of a partition mints its own versions, only that newcomer rule applies.</item>
/// </list>
/// </summary>
public static class ElectorateAdoption
{
    /// <summary>The electorate a new master of <paramref name="session"/> holds: the one it won under, re-stamped with its session.</summary>
    public static Electorate OnWin(Electorate wonUnder, long session) => wonUnder.WithVersion(new ElectorateVersion(session, 0));

    /// <summary>As <see cref="FromMaster(Electorate, Electorate, QuorumMode)"/> in majority mode: the newer one.</summary>
    public static Electorate FromMaster(Electorate held, Electorate announced) => FromMaster(held, announced, QuorumMode.Majority);

    /// <summary>
    /// The electorate a node holding <paramref name="held"/> takes from the master it follows, which announced
    /// <paramref name="announced"/>: the newer one; in <paramref name="mode"/> reachable, the announced one unless both
    /// were minted in one session and the held one is newer.
    /// </summary>
    public static Electorate FromMaster(Electorate held, Electorate announced, QuorumMode mode) =>
        announced.Version >= held.Version || mode == QuorumMode.Reachable && announced.Version.Session != held.Version.Session ? announced : held;

    /// <summary>
    /// Whether a node may take <paramref name="shown"/>, which a member showed it in a message.
    /// </summary>
    /// <param name="mode">The quorum mode.</param>
    /// <param name="status">The node's state.</param>
    /// <param name="session">The node's session.</param>
    /// <param name="held">The electorate the node holds.</param>
    /// <param name="followsLiveMaster">True when the node follows a master it still considers live.</param>
    /// <param name="shown">The electorate in the message.</param>
    public static bool MayTakeFromPeer(QuorumMode mode, ElectionStatus status, long session, Electorate held, bool followsLiveMaster, Electorate shown)
    {
        if (shown.Version.IsBootstrap || shown.Version <= held.Version) return false;
        if (status is ElectionStatus.Master or ElectionStatus.Campaigning || followsLiveMaster) return false;
        if (held.Version.IsBootstrap) return true;
        return mode == QuorumMode.Majority && shown.Version.Session >= session;
    }
}
