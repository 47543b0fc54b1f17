using Actors.Election.Explorer.Model;
using Akka.Cluster;

namespace Actors.Election.Explorer.Search;

/// <summary>
/// A deterministic 64-bit digest of what decides a world's future: each node's protocol state, the messages in flight,
/// the cut links, and the membership news. Clocks, counters and timestamps are left out, so worlds that differ only in
/// them count as one state (pruning is a heuristic: two such worlds may still drop different stale messages).
/// </summary>
internal struct Fingerprint
{
    private ulong _h;

    private Fingerprint(ulong seed) => _h = seed;

    private void Add(long value)
    {
        _h ^= (ulong)value + 0x9E3779B97F4A7C15UL + (_h << 6) + (_h >> 2);
        _h *= 0xBF58476D1CE4E5B9UL;
    }

    private void Add(UniqueAddress? node) => Add(node is null ? -1 : node.Uid);

    private void Add(Electorate e)
    {
        Add(e.Version.Session);
        Add(e.Version.Sequence);
        foreach (var m in e.Members) Add(m);
        Add(-2);
        foreach (var m in e.Outgoing) Add(m);
    }

    /// <summary>A digest of one value: what unordered collections sum up, so their order never matters and nothing is sorted.</summary>
    private static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static ulong Set(IEnumerable<UniqueAddress> nodes, ulong tag)
    {
        var sum = tag;
        foreach (var n in nodes) sum += Mix((ulong)n.Uid ^ tag);
        return sum;
    }

    /// <summary>The digest of the whole world.</summary>
    public static ulong Of(World w)
    {
        var f = new Fingerprint(1469598103934665603UL);
        foreach (var n in w.Nodes)
        {
            if (n is null) { f.Add(-3); continue; }
            var s = n.State;
            f.Add(n.Id);
            f.Add(n.Running ? 1 : 0);
            f.Add((long)s.Status);
            f.Add(s.Session);
            f.Add(s.HighestSeen);
            f.Add(s.HighestSettled);
            f.Add(s.Master);
            f.Add(s.Electorate);
            f.Add(s.ElectorateCommitted ? 1 : 0);
            f.Add(s.Joined ? 1 : 0);
            f.Add((long)Set(s.Members, 11));
            f.Add((long)Set(s.Unreachable, 13));
            f.Add((long)Set(s.Gone, 17));
            f.Add((long)Set(s.Downed, 19));
            f.Add((long)Set(s.Leaving, 23));
            f.Add((long)Set(s.Disconnected.Keys, 29));
            f.Add((long)Set(s.GoneStillCounted, 31));
            if (s.Ballot is { } b)
            {
                f.Add(b.Session);
                f.Add(b.Vote);
                f.Add(b.GatherOver ? 1 : 0);
                ulong heard = 29;
                foreach (var (node, m) in b.Heard)
                    heard += Mix((ulong)node.Uid * 31 + (ulong)(m.VoteFor?.Uid ?? 7) * 131 + (ulong)m.Electorate.Version.Session * 17 + (ulong)m.Electorate.Version.Sequence);
                f.Add((long)heard);
            }
            if (s.PreVote is { } p)
            {
                f.Add(p.ProposedSession);
                f.Add((long)Set(p.Grants.Keys, 37));
                f.Add(p.Answered.Count);
            }
            ulong acks = 41;
            foreach (var (node, version) in s.Acks) acks += Mix((ulong)node.Uid * 31 + (ulong)version.Session * 7 + (ulong)version.Sequence);
            f.Add((long)acks);
            f.Add(s.SitOutSession);
            f.Add(s.ForcedSession);
            ulong timers = 43;
            foreach (var key in n.Timers.Keys) timers += Mix((ulong)key + 1000);
            f.Add((long)timers);
            ulong told = 47;
            foreach (var (subject, what) in n.Told) told += Mix((ulong)subject.Uid * 5 + (ulong)what);
            f.Add((long)told);
        }
        ulong network = 53;
        foreach (var e in w.Network)
        {
            var m = e.Message;
            var h = new Fingerprint((ulong)e.From);
            h.Add(e.To);
            h.Add((long)m.Kind);
            h.Add((long)m.Status);
            h.Add(m.ProposedSession);
            h.Add(m.VoteFor);
            h.Add(m.Master);
            h.Add(m.Granted ? 1 : 0);
            h.Add(m.Electorate.Version.Session);
            h.Add(m.Electorate.Version.Sequence);
            network += Mix(h._h);
        }
        f.Add((long)network);
        for (var i = 0; i < w.Cut.Length; i++) if (w.Cut[i]) f.Add(1000 + i);
        return f._h;
    }

    /// <summary>
    /// A coarse digest of a world's shape (each node's status, whether its electorate is changing, its size, and the order
    /// of sessions and electorate versions across nodes): a schedule that reaches a new shape is kept in the corpus, and
    /// later schedules continue from it.
    /// </summary>
    public static ulong ShapeOf(World w)
    {
        var f = new Fingerprint(7UL);
        var running = w.Nodes.Where(n => n is { Running: true }).Select(n => n!).ToList();
        var sessions = running.Select(n => n.State.Session).Distinct().Order().ToList();
        var versions = running.Select(n => n.State.Electorate.Version).Distinct().Order().ToList();
        foreach (var n in w.Nodes)
        {
            if (n is not { Running: true }) { f.Add(-1); continue; }
            var s = n.State;
            f.Add((long)s.Status);
            f.Add(s.Electorate.IsJoint ? 1 : 0);
            f.Add(s.Electorate.Version.IsBootstrap ? 1 : 0);
            f.Add(s.Electorate.Members.Count);
            f.Add(sessions.IndexOf(s.Session));
            f.Add(versions.IndexOf(s.Electorate.Version));
            f.Add(s.Members.Count);
            f.Add(s.Gone.Count + 2 * s.Downed.Count);
        }
        f.Add(w.Cut.Count(c => c));
        return f._h;
    }
}
