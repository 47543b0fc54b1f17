using Actors.Election.Logic;
using Akka.Cluster;

namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>
/// The safety rules, checked over a run's history (liveness is checked while the run goes, by <see cref="SimRun"/>):
/// <list type="bullet">
/// <item>at most one master per session, whatever the quorum mode (from masters' and followers' states);</item>
/// <item>in majority mode, a master holds votes of a majority of its electorate, as delivered to it on the wire;</item>
/// <item>a node's session never decreases, and it never follows a master of a session below the highest it voted in;</item>
/// <item>every <see cref="NewMaster"/> names a real change of master;</item>
/// <item>fencing tokens never go backwards across cluster histories: every master of a history that began after a
/// whole-cluster restart holds a session above every master's session of every earlier history (sessions carry
/// wall-clock time; the simulation keeps the documented clock assumption, see <c>SimRun.Clocks.cs</c>);</item>
/// <item>no error is logged (the library logs its own safety violations and the actor system logs crashes).</item>
/// </list>
/// </summary>
internal static class Checker
{
    private sealed class Track
    {
        public long LastSession = -1;
        public ElectionStatus LastStatus = ElectionStatus.Idle;
        public long MaxVoted = -1;
        public UniqueAddress? LastNewMaster;
        public bool HasNewMaster;
    }

    private sealed record Win(Incarnation Node, long Session, long Seq, TimeSpan At, ElectionState State);

    public static List<Violation> Check(Scenario scenario, History history)
    {
        var violations = new List<Violation>();
        var tracks = new Dictionary<Incarnation, Track>();
        var masters = new Dictionary<(int, long), (UniqueAddress Master, long Seq, Incarnation Witness, TimeSpan At)>();
        var partitionedSessions = new HashSet<long>();
        var entered = new Dictionary<(Incarnation, long), long>();
        var wonAt = new Dictionary<(int, long, UniqueAddress), TimeSpan>();
        var incarnations = new Dictionary<UniqueAddress, Incarnation>();
        var reported = new HashSet<(int, long, UniqueAddress)>();
        var wins = new List<Win>();
        // Votes for a candidate in a session, as delivered to that candidate: (candidate, session) -> voter -> first seq.
        var delivered = new Dictionary<(UniqueAddress, long), Dictionary<UniqueAddress, long>>();
        var selfVotes = new Dictionary<(UniqueAddress, long), long>();
        var votedElsewhere = new HashSet<(UniqueAddress, long)>();
        // The highest session a master held in each cluster history, and who held it.
        var highestByHistory = new SortedDictionary<int, (long Session, UniqueAddress Master)>();

        foreach (var entry in history.Entries)
        {
            switch (entry)
            {
                case StateEntry { Node: var node, State: var st } e:
                {
                    var t = Get(node);
                    incarnations.TryAdd(node.Address, node);
                    entered.TryAdd((node, st.Session), e.Seq);
                    if (st.Session < t.LastSession)
                        Add("session decreased", $"{node} went from session {t.LastSession} to {st.Session} ({st.Status})", e);
                    if (st.Status == ElectionStatus.Follower && st.Session < t.MaxVoted)
                        Add("follows a stale master", $"{node} follows {Sim.Name(st.Master)} of session {st.Session} after voting in session {t.MaxVoted}", e);
                    UniqueAddress? claimed = st.Status switch
                    {
                        ElectionStatus.Master => node.Address,
                        ElectionStatus.Follower => st.Master,
                        _ => null,
                    };
                    if (st.Status == ElectionStatus.Master) wonAt.TryAdd((0, st.Session, node.Address), e.At);
                    if (claimed is not null)
                    {
                        // Sessions carry wall-clock time, so a session is unique across cluster histories too: a cluster
                        // started after every node stopped must not reuse one of the cluster before.
                        const int epoch = 0;
                        if (masters.TryGetValue((epoch, st.Session), out var known))
                        {
                            if (!known.Master.Equals(claimed) && reported.Add((epoch, st.Session, claimed)))
                            {
                                var defect = KnownDefects.ReachableSessionsCollide(scenario,
                                                 wonAt.GetValueOrDefault((epoch, st.Session, known.Master), known.At),
                                                 wonAt.GetValueOrDefault((epoch, st.Session, claimed), e.At));
                                if (defect is not null) partitionedSessions.Add(st.Session);
                                Add("two masters in one session",
                                    $"session {st.Session}: {Sim.Name(known.Master)} (seen by {known.Witness} at #{known.Seq}) and {Sim.Name(claimed)} (seen by {node} as {st.Status})", e, defect);
                            }
                        }
                        else masters[(epoch, st.Session)] = (claimed, e.Seq, node, e.At);
                    }
                    if (st.Status == ElectionStatus.Master && (t.LastStatus != ElectionStatus.Master || t.LastSession != st.Session))
                    {
                        wins.Add(new Win(node, st.Session, e.Seq, e.At, st));
                        // Histories follow one another (a new one begins only once no member of the old one runs), so
                        // every earlier history is complete when this one's masters appear.
                        var earlier = highestByHistory.Where(h => h.Key < node.Epoch).Select(h => h.Value).DefaultIfEmpty((-1L, null!)).MaxBy(h => h.Item1);
                        if (earlier.Item1 >= st.Session)
                            Add("fencing token went backwards across cluster histories",
                                $"{node} became master of session {st.Session} in cluster history {node.Epoch}, not above session {earlier.Item1} " +
                                $"of {Sim.Name(earlier.Item2)} in an earlier history (a store fenced on tokens would refuse the new master)", e);
                        if (!highestByHistory.TryGetValue(node.Epoch, out var best) || best.Session < st.Session)
                            highestByHistory[node.Epoch] = (st.Session, node.Address);
                    }
                    t.LastSession = Math.Max(t.LastSession, st.Session);
                    t.LastStatus = st.Status;
                    break;
                }
                case EventEntry { Node: var node, Event: NewMaster nm } e:
                {
                    var t = Get(node);
                    if (t.HasNewMaster && nm.Master.Equals(t.LastNewMaster))
                        Add("NewMaster without a change", $"{node} published NewMaster({Sim.Name(nm.Master)}, {nm.Session}) but its master was already {Sim.Name(t.LastNewMaster)}", e);
                    t.LastNewMaster = nm.Master;
                    t.HasNewMaster = true;
                    break;
                }
                case WireEntry { Op: WireOp.Sent, From: { } from, Message: { Kind: ElectionMessageKind.Campaign, VoteFor: { } vote } m } e:
                {
                    var t = Get(from);
                    t.MaxVoted = Math.Max(t.MaxVoted, m.ProposedSession);
                    if (vote.Equals(from.Address)) selfVotes.TryAdd((vote, m.ProposedSession), e.Seq);
                    else votedElsewhere.Add((from.Address, m.ProposedSession));
                    break;
                }
                // A vote counts wherever it travels: in a campaign message, or in the status reply of a campaigning voter
                // (the ballot takes both).
                case WireEntry { Op: WireOp.Delivered, To: var to, Message: { VoteFor: { } vote } m } e
                    when vote.Equals(to.Address) && (m.Kind == ElectionMessageKind.Campaign || m is { Kind: ElectionMessageKind.Reply, Status: ElectionStatus.Campaigning }):
                {
                    if (!delivered.TryGetValue((vote, m.ProposedSession), out var voters))
                        delivered[(vote, m.ProposedSession)] = voters = new();
                    voters.TryAdd(m.Sender, e.Seq);
                    break;
                }
                case LogEntry e:
                    Add("error logged", e.Text, e, KnownDefects.ReachableSessionsCollideLogged(scenario, e.Text, partitionedSessions));
                    break;
            }
        }

        if (scenario.Mode == QuorumMode.Majority)
        {
            foreach (var win in wins)
            {
                // Removed members vote no more, but still count towards the size: the votes must be a quorum of the
                // electorate the winner counted under (QuorumRule: a majority, or the half with the lowest member; both
                // member sets of a joint electorate).
                var counted = new Electorate(win.State.ElectorateVersion, win.State.Electorate, win.State.Outgoing);
                var electorate = counted.AllVoters.ToHashSet();
                var votes = new HashSet<UniqueAddress>();
                if (delivered.TryGetValue((win.Node.Address, win.Session), out var voters))
                    foreach (var (voter, seq) in voters)
                        if (seq < win.Seq && electorate.Contains(voter)) votes.Add(voter);
                var self = win.Node.Address;
                // Its own vote: seen leaving on the wire, or, when it had nobody to send it to, a vote it cast for no one
                // else (a vote is final, and every vote cast is sent to the candidate or to everyone).
                if (electorate.Contains(self) &&
                    ((selfVotes.TryGetValue((self, win.Session), out var s) && s < win.Seq) || !votedElsewhere.Contains((self, win.Session))))
                    votes.Add(self);
                var empty = new HashSet<UniqueAddress>();
                if (!QuorumRule.IsQuorum(QuorumMode.Majority, counted, votes, empty, empty))
                    violations.Add(new Violation("master without a quorum",
                        $"{win.Node} became master of session {win.Session} with votes from {{{string.Join(", ", votes.Select(v => Sim.Name(v)))}}} " +
                        $"delivered to it, no quorum of its electorate {win.State.ElectorateVersion}" +
                        $"{{{string.Join(", ", electorate.Select(v => Sim.Name(v)))}}}", win.Seq, win.At));
            }
        }
        return violations;

        Track Get(Incarnation node)
        {
            if (!tracks.TryGetValue(node, out var t)) tracks[node] = t = new Track();
            return t;
        }

        void Add(string rule, string detail, Entry at, string? defect = null) =>
            violations.Add(new Violation(rule, detail, at.Seq, at.At) { Defect = defect });
    }
}
