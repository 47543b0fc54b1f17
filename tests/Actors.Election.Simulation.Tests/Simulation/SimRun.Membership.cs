using Actors.Election.Internal;
using Actors.Election.Membership;
using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>
/// Nodes and what each one is told about the others: membership by gossip, the failure detector's verdicts, and the
/// transport's notices of closed connections.
/// <para>Membership news (a join, a leave, a removal) starts at the node that decides it (the seed a newcomer joins
/// through, the leaver, the leader of a side that downs) and spreads as Akka.Cluster's gossip does: to the members a
/// node knows, over links that are not cut, and never between two incarnations one of which removed the other (Akka.Remote
/// quarantines a removed incarnation). So during a partition each side has its own view: a join, a leave or a downing on
/// one side reaches the other only when a link heals, and downing that each side applies to the other never crosses.</para>
/// </summary>
internal sealed partial class SimRun
{
    private enum NewsKind
    {
        Joined,
        Leaving,
        Removed,
    }

    private sealed class News(NewsKind kind, Incarnation subject, bool left)
    {
        public NewsKind Kind { get; } = kind;
        public Incarnation Subject { get; } = subject;
        public bool Left { get; } = left;
        public HashSet<Incarnation> Informed { get; } = new();

        public override string ToString() => Kind switch
        {
            NewsKind.Joined => $"{Subject} joined",
            NewsKind.Leaving => $"{Subject} is leaving",
            _ => $"{Subject} was removed{(Left ? " (left)" : "")}",
        };
    }

    private readonly List<News> _news = new();
    private readonly List<Incarnation> _pendingJoiners = new();
    private readonly List<(Incarnation Observer, Incarnation Subject)> _blockedNotices = new();

    // ------------------------------------------------------------------ nodes

    private Incarnation Create(int slot, long startedAtUnixMs, TimeSpan clockSkew)
    {
        var spec = _s.Nodes[slot];
        var address = new Address("akka.tcp", "sim", $"n{slot}", 2550 + slot);
        var node = new Incarnation(_incarnations.Count, slot, new UniqueAddress(address, _ids.Next(1, int.MaxValue))) { Epoch = _epoch, CreatedSeq = _h.NextSeq };
        var settings = _s.Settings.WithPriority(spec.Priority).WithCandidate(spec.Candidate);
        var startedAt = DateTimeOffset.FromUnixTimeMilliseconds(startedAtUnixMs);
        SetSkew(node, clockSkew);
        // Its wall clock: the scenario's epoch plus the simulation's time, plus its own skew, read at every step (a clock
        // fault changes the skew). A fixed epoch, so a seed replays.
        var epoch = DateTimeOffset.FromUnixTimeMilliseconds(Scenario.EpochUnixMs);
        var t0 = _t0;
        node.Actor = _sim.Spawn(ElectionActor.PropsWithCore(settings, node.Address, startedAt, _ids.Next(), Core.Policies.Default,
            now => epoch + (now - t0) + node.ClockSkew));
        node.Alive = true;
        _incarnations.Add(node);
        _current[slot] = node;
        _h.Fault($"start {node} (started at epoch{(startedAtUnixMs - Scenario.EpochUnixMs) / 1000.0:+0.###;-0.###}s, clock {node.ClockSkew.TotalMilliseconds:+0;-0;0}ms, " +
                 $"priority {spec.Priority}, candidate {spec.Candidate})");
        node.Actor.Tell(new WatchElectionState(new SyncRef(_sim.System, "state", (m, _) =>
        {
            if (m is ElectionState st) _h.State(node, st);
        })));
        node.Actor.Tell(new SubscribeElection(new SyncRef(_sim.System, "events", (m, _) =>
        {
            if (m is IElectionEvent e) _h.Event(node, e);
        })));
        return node;
    }

    /// <summary>
    /// A cluster forms at once from <paramref name="nodes"/> (the initial nodes, or every node after a whole-cluster
    /// restart): each is told of every other, then of itself.
    /// </summary>
    private void StartCluster(IReadOnlyList<(int Slot, long StartedAtUnixMs)> nodes)
    {
        if (_incarnations.Count > 0) BeginHistory();
        var started = nodes.Select(n => Create(n.Slot, n.StartedAtUnixMs, MachineSkew(n.Slot))).ToList();
        foreach (var node in started)
        {
            node.Member = node.EverJoined = true;
            node.Seen.Add(node);
        }
        foreach (var node in started)
        {
            foreach (var other in started.Where(o => o != node).OrderBy(_ => _ids.Next()))
                TellJoined(node, other);
            node.Actor.Tell(new MemberJoined(node.Address, node.Actor));
        }
        ScheduleDetection();
    }

    /// <summary>Tells <paramref name="observer"/> that <paramref name="member"/> is a member, reachable through the network.</summary>
    private void TellJoined(Incarnation observer, Incarnation member)
    {
        observer.Actor.Tell(new MemberJoined(member.Address, Link(observer, member)));
        observer.Knows[member] = true;
        observer.Seen.Add(member);
    }

    /// <summary>
    /// A new incarnation starts and joins through a seed it can reach (or, with no member running anywhere, starts a new
    /// cluster history on its own). With no seed reachable it runs outside the cluster until one is.
    /// </summary>
    private Incarnation StartAndJoin(int slot, long startedAtUnixMs, TimeSpan clockSkew)
    {
        // With no member running anywhere, what the cluster knew is gone: this node starts a new cluster history alone.
        // Its sessions must still come after every earlier one: they carry wall-clock time (the checker holds it to that).
        if (!_incarnations.Any(i => i.Alive && i.Member)) BeginHistory();
        var node = Create(slot, startedAtUnixMs, clockSkew);
        if (!TryJoin(node))
        {
            _pendingJoiners.Add(node);
            _h.Fault($"{node} reaches no member: it joins once it can");
        }
        return node;
    }

    private bool TryJoin(Incarnation node)
    {
        if (!node.Alive)
        {
            _pendingJoiners.Remove(node);
            return false;
        }
        var seed = _incarnations.Where(i => i != node && CanRelay(i) && !_cut[node.Slot, i.Slot] && !_cut[i.Slot, node.Slot])
            .OrderBy(i => i.Slot).ThenBy(i => i.Id).FirstOrDefault();
        if (seed is null)
        {
            if (_incarnations.Any(i => i.Alive && i.Member)) return false;
            // No member runs any more: a node that waited to join begins a new cluster history (a node started just now
            // began it already).
            if (_pendingJoiners.Contains(node)) BeginHistory();
            _pendingJoiners.Remove(node);
            JoinSelf(node);
            return true;
        }
        _pendingJoiners.Remove(node);
        // The newcomer learns the seed's view, its removals included (the gossip state carries them).
        node.RemovedSeen.UnionWith(seed.RemovedSeen);
        foreach (var m in seed.Knows.Keys.Append(seed).Where(m => m != node && !node.RemovedSeen.Contains(m) && !Superseded(node, m)).OrderBy(m => m.Id).ToList())
            TellJoined(node, m);
        JoinSelf(node);
        Publish(NewsKind.Joined, node, [seed, node]);
        return true;
    }

    private void JoinSelf(Incarnation node)
    {
        node.Member = node.EverJoined = true;
        node.Seen.Add(node);
        node.Actor.Tell(new MemberJoined(node.Address, node.Actor));
        ScheduleDetection();
    }

    /// <summary>
    /// The cluster removes <paramref name="node"/> (downed, or left): the decision starts at <paramref name="decider"/>
    /// (default: the lowest running member that knows it) and at the node itself if it runs, and spreads by gossip.
    /// </summary>
    private void Remove(Incarnation node, bool left = false, Incarnation? decider = null)
    {
        _h.Fault($"removed {node}{(left ? " (left)" : "")}");
        var origin = new List<Incarnation>();
        if (node.Alive && !node.Paused) origin.Add(node);
        if ((decider ?? Leader(node)) is { } d) origin.Add(d);
        Publish(NewsKind.Removed, node, origin, left);
        node.Member = false;
    }

    /// <summary>The lowest running member that knows <paramref name="subject"/>: the one whose decision about it spreads.</summary>
    private Incarnation? Leader(Incarnation subject) =>
        _incarnations.Where(i => i != subject && CanRelay(i) && i.Knows.ContainsKey(subject)).OrderBy(i => i.Slot).ThenBy(i => i.Id).FirstOrDefault();

    /// <summary>Stops a node's actor (crash, leave, shutdown): its peers' transports see the connection close.</summary>
    private void StopActor(Incarnation node, string why)
    {
        node.Alive = false;
        node.Paused = false;
        node.StoppedAt = Now;
        _pendingJoiners.Remove(node);
        _h.Fault($"{why} {node}");
        _sim.Stop(node.Actor);
        ConnectionClosed(node);
        ScheduleDetection();
    }

    /// <summary>The slot's machine clock: a process restarted on the same machine keeps its clock's skew.</summary>
    private TimeSpan MachineSkew(int slot) => _current[slot]?.ClockSkew ?? TimeSpan.FromMilliseconds(_s.Nodes[slot].ClockSkewMs);

    private long StartedNow(TimeSpan skew) => Scenario.EpochUnixMs + (long)(Now + skew).TotalMilliseconds;

    // ------------------------------------------------------------------ gossip

    private static bool CanRelay(Incarnation i) => i.Alive && i.Member && !i.Paused;

    private bool Gossips(Incarnation from, Incarnation to) =>
        !_cut[from.Slot, to.Slot] && !from.RemovedSeen.Contains(to) && !to.RemovedSeen.Contains(from);

    /// <summary>
    /// Membership news: <paramref name="origin"/> learn it at once, the others by gossip (<see cref="Spread"/>, at once
    /// unless <paramref name="spread"/> is false: a side's several decisions then travel together).
    /// </summary>
    private void Publish(NewsKind kind, Incarnation subject, IEnumerable<Incarnation> origin, bool left = false, bool spread = true)
    {
        var news = new News(kind, subject, left);
        _news.Add(news);
        foreach (var o in origin.Distinct().OrderBy(o => o.Id))
            if (o.Alive && !o.Paused) Learn(o, news);
        if (spread) Spread();
    }

    /// <summary>Spreads every piece of news as far as the links allow, and lets waiting newcomers join once they can.</summary>
    private void Spread()
    {
        for (var again = true; again;)
        {
            again = false;
            for (var n = 0; n < _news.Count; n++)
            {
                var news = _news[n];
                var queue = new Queue<Incarnation>(news.Informed.Where(CanRelay).OrderBy(i => i.Id));
                while (queue.TryDequeue(out var from))
                {
                    foreach (var to in from.Knows.Keys.OrderBy(i => i.Id).ToList())
                    {
                        if (!CanRelay(to) || news.Informed.Contains(to) || !Gossips(from, to)) continue;
                        if (_h.Full) _h.Fault($"gossip: {to} learns that {news}");
                        Learn(to, news);
                        queue.Enqueue(to);
                    }
                }
            }
            _news.RemoveAll(news => _incarnations.All(i => !i.Alive || !i.Member || news.Informed.Contains(i)));
            foreach (var joiner in _pendingJoiners.ToList())
                if (TryJoin(joiner)) again = true;
        }
    }

    private void Learn(Incarnation o, News news)
    {
        news.Informed.Add(o);
        var subject = news.Subject;
        switch (news.Kind)
        {
            case NewsKind.Joined:
                // Gossip state only moves forward: an incarnation this node saw removed, or whose address it has seen a newer
                // incarnation take, never joins again in its view.
                if (o != subject && !o.RemovedSeen.Contains(subject) && !o.Knows.ContainsKey(subject) && !Superseded(o, subject)) TellJoined(o, subject);
                break;
            case NewsKind.Leaving when o == subject:
                o.Actor.Tell(new MemberLeaving(o.Address, o.Actor));
                break;
            case NewsKind.Leaving:
                if (o.Knows.ContainsKey(subject)) o.Actor.Tell(new MemberLeaving(subject.Address, Link(o, subject)));
                break;
            case NewsKind.Removed when o == subject:
                o.Actor.Tell(new MemberRemoved(o.Address) { Left = news.Left });
                break;
            case NewsKind.Removed:
                o.RemovedSeen.Add(subject);
                if (!o.Knows.Remove(subject)) break;
                // Only a member it knew is reported to its actor: a newcomer never hears of the leave of a member removed
                // before it joined (Akka publishes no MemberRemoved for a member it never saw), nor does a node hear of a
                // leave once it had removed that member by downing. What its actor was never told is no fact it holds.
                if (news.Left) o.LearnedLeft.Add(subject);
                o.Actor.Tell(new MemberRemoved(subject.Address) { Left = news.Left });
                break;
        }
    }

    /// <summary>Whether <paramref name="observer"/> has seen a newer incarnation at <paramref name="node"/>'s address (or is one).</summary>
    private static bool Superseded(Incarnation observer, Incarnation node) =>
        observer.Slot == node.Slot && observer.Id > node.Id || observer.Seen.Any(y => y.Slot == node.Slot && y.Id > node.Id);

    /// <summary>
    /// Each side's leader downs every member of the other side it knows, every process running (two operators, two
    /// downing tools, a cluster split in two): the side of <paramref name="group"/> downs the rest, and with
    /// <paramref name="mutual"/> the rest downs <paramref name="group"/>. Returns false when neither side had a running member.
    /// </summary>
    private bool SplitDowning(int[] group, bool mutual)
    {
        var downed = DownOtherSide(group, inGroup: true);
        if (mutual) downed |= DownOtherSide(group, inGroup: false);
        Spread();
        return downed;
    }

    private bool DownOtherSide(int[] group, bool inGroup)
    {
        var leader = _incarnations.Where(i => CanRelay(i) && group.Contains(i.Slot) == inGroup).OrderBy(i => i.Slot).ThenBy(i => i.Id).FirstOrDefault();
        if (leader is null) return false;
        var subjects = leader.Knows.Keys.Where(k => group.Contains(k.Slot) != inGroup).OrderBy(k => k.Id).ToList();
        foreach (var subject in subjects)
        {
            _h.Fault($"{leader}'s side downs {subject}{(subject.Alive ? " (still running)" : "")}");
            Publish(NewsKind.Removed, subject, [leader], spread: false);
            if (!subject.Alive) subject.Member = false;
        }
        return subjects.Count > 0;
    }

    /// <summary>
    /// At the heal, sides that downed each other cannot merge (quarantine): the side kept is the largest set of members
    /// that removed none of each other and belong to one cluster (each knows the other), as keep-majority would keep it
    /// (ties: the set holding the lowest slots). Every other member learns it was downed, shuts down (Akka stops a downed
    /// node) and restarts as a new incarnation that joins the side kept.
    /// <para>Two rules keep the side kept whole, as in Akka. A member that joined one side during the partition is not of
    /// the other side, even where neither side removed it: it never joined the other's cluster (Akka merges no two
    /// clusters), so it goes with its own side. And the losers' decisions die with them: the side kept accepts no gossip
    /// from a node it downed, so a downing of a kept member that only the losing side made never reaches the side kept,
    /// neither through a loser while the others are being removed nor through a newcomer that joined the side kept after
    /// the split.</para>
    /// </summary>
    private void ResolveSplitDowning()
    {
        var alive = LiveMembers().Where(i => !i.Paused).OrderBy(i => i.Slot).ThenBy(i => i.Id).ToList();
        if (alive.All(a => alive.All(b => Compatible(a, b)))) return;
        static bool Together(Incarnation a, Incarnation b) => Compatible(a, b) && (a.Knows.ContainsKey(b) || b.Knows.ContainsKey(a));
        var kept = LargestSide(alive, Together);
        var keeper = kept[0];
        _news.RemoveAll(news => news.Kind == NewsKind.Removed && kept.Contains(news.Subject));
        var losers = alive.Except(kept).ToList();
        foreach (var loser in losers) loser.Member = false;
        foreach (var loser in losers)
        {
            _h.Fault($"{loser} was downed by the side kept: it learns it was downed, shuts down and restarts");
            Remove(loser, decider: keeper);
            StopActor(loser, "shut down (downed)");
        }
        foreach (var loser in losers) StartAndJoin(loser.Slot, StartedNow(loser.ClockSkew), loser.ClockSkew);
    }

    /// <summary>Whether neither of <paramref name="a"/> and <paramref name="b"/> has seen the other removed.</summary>
    private static bool Compatible(Incarnation a, Incarnation b) => !a.RemovedSeen.Contains(b) && !b.RemovedSeen.Contains(a);

    /// <summary>
    /// The largest set of <paramref name="alive"/> (ordered by slot) that are pairwise <paramref name="together"/>; of
    /// equal sizes, the one holding the lowest slots. A handful of nodes: every subset is tried.
    /// </summary>
    private static List<Incarnation> LargestSide(List<Incarnation> alive, Func<Incarnation, Incarnation, bool> together)
    {
        List<Incarnation>? best = null;
        for (var mask = 1; mask < 1 << alive.Count; mask++)
        {
            var side = alive.Where((_, i) => (mask & 1 << i) != 0).ToList();
            if (!side.All(a => side.All(b => a == b || together(a, b)))) continue;
            if (best is null || side.Count > best.Count || side.Count == best.Count && Lower(side, best)) best = side;
        }
        return best!;

        static bool Lower(List<Incarnation> a, List<Incarnation> b)
        {
            for (var i = 0; i < a.Count; i++)
                if (a[i] != b[i]) return a[i].Slot < b[i].Slot || a[i].Slot == b[i].Slot && a[i].Id < b[i].Id;
            return false;
        }
    }

    /// <summary>
    /// At the heal, running members whose views share no running member (a node joined through a seed cut off from the
    /// rest, and every member both sides knew has stopped since) are separate clusters that gossip can never merge. In
    /// Akka.Cluster such a join never completes: the seed's leader cannot move the newcomer Up without convergence, which
    /// the members it cannot reach block, so the newcomer is no member and joins again. Here it became one at once, so the
    /// heal settles it the way Akka would: the largest such cluster is kept (ties: the one with the lowest slot), and every
    /// member of the others shuts down and restarts as a new incarnation that joins the cluster kept.
    /// </summary>
    private void ResolveIslands()
    {
        var alive = LiveMembers().OrderBy(i => i.Slot).ThenBy(i => i.Id).ToList();
        var islands = new List<List<Incarnation>>();
        foreach (var start in alive)
        {
            if (islands.Any(island => island.Contains(start))) continue;
            var island = new List<Incarnation> { start };
            for (var k = 0; k < island.Count; k++)
                foreach (var other in alive)
                    if (!island.Contains(other) && (island[k].Knows.ContainsKey(other) || other.Knows.ContainsKey(island[k]))) island.Add(other);
            islands.Add(island);
        }
        if (islands.Count < 2) return;
        var kept = islands.OrderByDescending(island => island.Count).ThenBy(island => island.Min(i => i.Slot)).First();
        var losers = islands.Where(island => island != kept).SelectMany(island => island).ToList();
        foreach (var loser in losers)
        {
            _h.Fault($"{loser} shares no running member with the cluster kept: it shuts down and joins again");
            Remove(loser, decider: loser);
            StopActor(loser, "shut down (separate cluster)");
        }
        foreach (var loser in losers) StartAndJoin(loser.Slot, StartedNow(loser.ClockSkew), loser.ClockSkew);
    }

    /// <summary>
    /// Whether a live member holds a fact that <paramref name="node"/> is gone for good (members report such facts to each
    /// other): the cluster told it the node left gracefully, an election message reported the node gone to it, or it has
    /// seen a newer incarnation at the node's address join (or is one). A downing alone is no such fact, nor is a leave
    /// the cluster never reported to it (it had removed the node already, or joined after it), and a fact known only to
    /// nodes that are gone since is lost with them.
    /// </summary>
    private bool ProvenGone(UniqueAddress node)
    {
        if (_incarnations.FirstOrDefault(i => i.Address.Equals(node)) is not { } x) return true;
        return LiveMembers().Any(o => o.LearnedLeft.Contains(x) || o.ToldGone.Contains(node)) || Replaced(node);
    }

    /// <summary>Whether a live member has seen a newer incarnation at <paramref name="node"/>'s address join (or is one).</summary>
    private bool Replaced(UniqueAddress node) =>
        _incarnations.FirstOrDefault(i => i.Address.Equals(node)) is { } x && LiveMembers().Any(o => o.Seen.Any(y => y.Slot == x.Slot && y.Id > x.Id));

    // ------------------------------------------------------------------ the failure detector

    private void ScheduleDetection() => _fdChecks.Add((Now + _s.DetectDelay).Ticks);

    /// <summary>
    /// Tells each running member what it can hear now: A hears B while B runs, is not paused, and the link B -> A is up.
    /// A paused observer's detector is paused too: it catches up once the pause ends.
    /// </summary>
    private void Detect()
    {
        foreach (var observer in _incarnations)
        {
            if (!observer.Alive || !observer.Member || observer.Paused) continue;
            List<(Incarnation, bool)>? changes = null;
            foreach (var (subject, told) in observer.Knows)
            {
                var hears = subject.Alive && !subject.Paused && !_cut[subject.Slot, observer.Slot];
                if (hears != told) (changes ??= new()).Add((subject, hears));
            }
            if (changes is null) continue;
            foreach (var (subject, hears) in changes)
            {
                observer.Knows[subject] = hears;
                _h.Fault($"failure detector: {observer} finds {subject} {(hears ? "reachable" : "unreachable")}");
                observer.Actor.Tell(hears ? new MemberReachable(subject.Address) : new MemberUnreachable(subject.Address));
            }
        }
    }

    // ------------------------------------------------------------------ the transport

    /// <summary>
    /// <paramref name="node"/>'s process stopped: its TCP connections close, and a few milliseconds later each peer's
    /// transport reports the disassociation (Akka.Remote's <c>DisassociatedEvent</c>, which the election actor turns into
    /// the core's <c>ConnectionLost</c>). Across a cut link no FIN arrives: that peer hears of it once the link heals.
    /// </summary>
    private void ConnectionClosed(Incarnation node)
    {
        foreach (var peer in _incarnations.Where(i => i.Alive && i != node && i.Knows.ContainsKey(node)).ToList())
            At(Now + TimeSpan.FromMilliseconds(_net.Next(1, 6)), () => Disassociate(peer, node, overLink: true));
    }

    /// <summary>The connection between two running nodes resets: each transport reports the other disassociated.</summary>
    private void ResetConnection(Incarnation a, Incarnation b)
    {
        At(Now + TimeSpan.FromMilliseconds(_net.Next(1, 6)), () => Disassociate(a, b, overLink: false));
        At(Now + TimeSpan.FromMilliseconds(_net.Next(1, 6)), () => Disassociate(b, a, overLink: false));
    }

    private void Disassociate(Incarnation observer, Incarnation subject, bool overLink)
    {
        // The adapter maps the event to a member by address: none when the observer no longer knows the subject, and the
        // wrong one when a newer incarnation already holds the address (then the old connection's close says nothing).
        if (!observer.Alive || !observer.Knows.ContainsKey(subject) || observer.Knows.Keys.Any(k => k.Slot == subject.Slot && k.Id > subject.Id)) return;
        if (overLink && _cut[subject.Slot, observer.Slot])
        {
            _blockedNotices.Add((observer, subject));
            return;
        }
        _h.Fault($"transport: {observer} loses its connection to {subject}");
        observer.Actor.Tell(new Akka.Remote.DisassociatedEvent(observer.Address.Address, subject.Address.Address, false));
    }

    /// <summary>Closed connections whose notice waited for a cut link: reported once the link is up.</summary>
    private void RetryBlockedNotices()
    {
        if (_blockedNotices.Count == 0) return;
        var waiting = _blockedNotices.ToList();
        _blockedNotices.Clear();
        foreach (var (observer, subject) in waiting) Disassociate(observer, subject, overLink: true);
    }
}
