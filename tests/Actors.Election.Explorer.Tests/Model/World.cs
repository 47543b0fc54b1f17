using System.Collections.Immutable;
using Actors.Election.Core;
using Actors.Election.Logic;
using Actors.Election.Membership;
using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election.Explorer.Model;

/// <summary>
/// A whole cluster as the explorer sees it: every node's core state, the messages in flight, the cut links, what the
/// cluster decided about every incarnation and what each node was told of it, the time, the faults spent, and the
/// history the invariants are checked against. <see cref="Clone"/> copies it for a branch; a step changes one copy.
/// </summary>
internal sealed class World
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public World(Scenario scenario)
    {
        Scenario = scenario;
        Now = Epoch;
        Nodes = new Node?[scenario.Nodes];
        Cut = new bool[scenario.Nodes * scenario.Nodes];
    }

    public Scenario Scenario { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public Node?[] Nodes { get; private set; }
    public List<Envelope> Network { get; private set; } = new();
    public bool[] Cut { get; private set; }
    public ImmutableDictionary<UniqueAddress, Fate> Fates { get; private set; } = ImmutableDictionary<UniqueAddress, Fate>.Empty;
    public ImmutableList<UniqueAddress> Incarnations { get; private set; } = ImmutableList<UniqueAddress>.Empty;
    public Budget Spent { get; private set; } = new();
    public long NextSeq { get; private set; }
    public int Steps { get; private set; }

    /// <summary>Who was elected master of each session, and by whom it was first known (the safety history).</summary>
    public ImmutableDictionary<long, UniqueAddress> Masters { get; private set; } = ImmutableDictionary<long, UniqueAddress>.Empty;

    /// <summary>The world's time each session got its first master.</summary>
    public ImmutableDictionary<long, DateTimeOffset> ElectedAt { get; private set; } = ImmutableDictionary<long, DateTimeOffset>.Empty;

    /// <summary>Every (node, session) win so far.</summary>
    public ImmutableHashSet<(UniqueAddress, long)> ElectedOnce { get; private set; } = ImmutableHashSet<(UniqueAddress, long)>.Empty;

    /// <summary>Sessions that had a master and were opened again with the restart assumption broken: who could still keep each.</summary>
    public ImmutableDictionary<long, ImmutableHashSet<UniqueAddress>> Keepers { get; private set; } = ImmutableDictionary<long, ImmutableHashSet<UniqueAddress>>.Empty;

    /// <summary>How many times a session was elected again after it was forgotten (only when clocks ignore restarts or lag after one).</summary>
    public int Amnesia { get; private set; }

    /// <summary>The fencing token each incarnation last published (NewMaster).</summary>
    public ImmutableDictionary<UniqueAddress, (long Session, UniqueAddress Master)> Tokens { get; private set; } =
        ImmutableDictionary<UniqueAddress, (long, UniqueAddress)>.Empty;

    /// <summary>When set, every log line of every node's core (debug included) goes here: for reading a counterexample.</summary>
    public Action<string>? Log { get; set; }

    /// <summary>The first invariant broken, or null.</summary>
    public Violation? Violation { get; private set; }

    public World Clone()
    {
        var copy = (World)MemberwiseClone();
        copy.Nodes = Nodes.Select(n => n?.Clone()).ToArray();
        copy.Network = new List<Envelope>(Network);
        copy.Cut = (bool[])Cut.Clone();
        return copy;
    }

    /// <summary>
    /// This world, continued with the fault budget, weights and depth of <paramref name="fresh"/> (the cluster, its clocks
    /// and its rules stay as they are).
    /// </summary>
    public World Continue(Scenario fresh)
    {
        Scenario = Scenario with { Budget = fresh.Budget, Weights = fresh.Weights, Depth = fresh.Depth };
        Spent = new Budget();
        Violation = null;
        return this;
    }

    // ---------------------------------------------------------------- names

    public static UniqueAddress Address(int slot, int incarnation) =>
        new(new Address("akka.tcp", "sys", ((char)('a' + slot)).ToString(), 2551 + slot), 1 + slot + 10 * incarnation);

    /// <summary>The name of slot <paramref name="slot"/>'s current incarnation (A, then A', A'' after restarts).</summary>
    public string Name(int slot) => Nodes[slot] is { } n ? Name(n.Id) : ((char)('A' + slot)).ToString();

    public string Name(UniqueAddress node)
    {
        var slot = SlotOf(node);
        return Short(node);
    }

    public static int SlotOf(UniqueAddress node) => node.Address.Port!.Value - 2551;

    /// <summary>The message a choice is about: the one with its sequence number if it still matches, else the oldest with its signature.</summary>
    public Envelope? Find(MessageChoice c) =>
        Network.FirstOrDefault(e => e.Seq == c.Seq && MessageSig.Of(e) == c.Sig) ?? Network.FirstOrDefault(e => MessageSig.Of(e) == c.Sig);

    public static string Show(ElectionMessage m) =>
        $"{m.Kind}({m.Status}, session {m.ProposedSession}" +
        (m.VoteFor is { } v ? $", vote {Short(v)}" : "") + (m.Master is { } ms ? $", master {Short(ms)}" : "") +
        (m.Granted ? ", granted" : "") + (m.Forced ? ", forced" : "") +
        $", electorate {m.Electorate.Version}[{string.Join(",", m.Electorate.Members.Select(Short))}{(m.Electorate.IsJoint ? " | " + string.Join(",", m.Electorate.Outgoing.Select(Short)) : "")}])";

    private static string Short(UniqueAddress node)
    {
        var slot = SlotOf(node);
        var incarnation = (node.Uid - 1 - slot) / 10;
        var name = ((char)('A' + slot)).ToString();
        return incarnation == 0 ? name : name + new string('\'', incarnation);
    }

    // ---------------------------------------------------------------- start

    /// <summary>The world at the start of a schedule: the initial nodes running, told the initial membership if the scenario says so.</summary>
    public static World Initial(Scenario scenario)
    {
        var w = new World(scenario);
        for (var slot = 0; slot < scenario.Initial; slot++) w.StartIncarnation(slot);
        if (scenario.Prelude)
        {
            foreach (var observer in w.Running().ToList())
            {
                foreach (var subject in w.Incarnations.Where(i => !i.Equals(observer.Id)))
                    w.Apply(new Tell(observer.Slot, subject, Told.Up, false));
                w.Apply(new Tell(observer.Slot, observer.Id, Told.Up, false));
            }
        }
        w.Steps = 0;
        return w;
    }

    public IEnumerable<Node> Running() => Nodes.Where(n => n is { Running: true })!;

    private void StartIncarnation(int slot)
    {
        var previous = Nodes[slot];
        var incarnation = previous is null ? 0 : (previous.Id.Uid - 1 - slot) / 10 + 1;
        if (previous is not null) Now += Scenario.RestartTime;
        var id = Address(slot, incarnation);
        var state = ElectionCore.Start(Scenario.Settings, id, Seniority.StartedAt(Now - TimeSpan.FromMinutes(10 - slot)), (ulong)(slot * 7919 + incarnation + 1), Scenario.Policies);
        // The wall clock runs with the world's time (a restart takes RestartTime of it), skewed per slot; or, when the
        // scenario's clocks ignore restarts, it stands still at the start, so every incarnation proposes from the same floor.
        var skew = Scenario.ClockOffset(slot) - (previous is not null && slot == 0 ? Scenario.RestartLag : TimeSpan.Zero);
        Func<DateTimeOffset, DateTimeOffset> wallClock = Scenario.ClocksIgnoreRestarts ? _ => Epoch + skew : now => now + skew;
        Nodes[slot] = new Node { Slot = slot, Id = id, State = state, WallClock = wallClock, StartedAt = Now };
        Fates = Fates.SetItem(id, Fate.Up);
        Incarnations = Incarnations.Add(id);
    }

    // ---------------------------------------------------------------- choices

    /// <summary>Every choice enabled in this world, within the scenario's budget.</summary>
    public List<(Choice Choice, double Weight)> Choices()
    {
        var s = Scenario;
        var b = s.Budget;
        var wt = s.Weights;
        var choices = new List<(Choice, double)>();
        foreach (var e in Network)
        {
            var sig = MessageSig.Of(e);
            choices.Add((new Deliver(e.Seq, sig), wt.Deliver));
            if (Spent.Drops < b.Drops) choices.Add((new Drop(e.Seq, sig), wt.Fault));
            if (Spent.Duplicates < b.Duplicates) choices.Add((new Duplicate(e.Seq, sig), wt.Fault / 2));
        }
        foreach (var n in Running())
        {
            foreach (var key in n.Timers.Keys) choices.Add((new Fire(n.Slot, key), wt.Timer));
            foreach (var subject in Incarnations)
            {
                var told = n.Told.TryGetValue(subject, out var t) ? t : (Told?)null;
                if (told is null || told == Told.Up && Fates[subject] is Fate.Leaving or Fate.Left || told == Told.Leaving && Fates[subject] == Fate.Left)
                {
                    var news = new Tell(n.Slot, subject, told is null ? Told.Up : told == Told.Up ? Told.Leaving : Told.Removed, false);
                    if (IsEnabled(news)) choices.Add((news, wt.Membership));
                }
                if (told is Told.Up or Told.Leaving && !subject.Equals(n.Id))
                {
                    // A downing of a crashed process is what the cluster does; of a running one, a fault (inconsistent downing).
                    var truthful = Fates[subject] == Fate.Crashed;
                    if (truthful || Spent.FalseDownings < b.FalseDownings)
                        choices.Add((new Tell(n.Slot, subject, Told.Removed, true), truthful ? wt.Membership : wt.Fault));
                    var connectionGone = ActuallyUnreachable(n, subject) || Cut[n.Slot * s.Nodes + SlotOf(subject)];
                    if (!n.Disconnected.Contains(subject) && (connectionGone || Spent.FalseDisconnects < b.FalseDisconnects))
                        choices.Add((new Disconnect(n.Slot, subject), connectionGone ? wt.Membership : wt.Fault));
                    var unreachable = n.Unreachable.Contains(subject);
                    var truthfulVerdict = unreachable != ActuallyUnreachable(n, subject);
                    if (truthfulVerdict || Spent.FalseDetections < b.FalseDetections)
                        choices.Add((new Detect(n.Slot, subject, !unreachable), truthfulVerdict ? wt.Membership : wt.Fault));
                }
            }
            if (Spent.Crashes < b.Crashes) choices.Add((new Crash(n.Slot), wt.Fault));
            if (Spent.Leaves < b.Leaves && Fates[n.Id] == Fate.Up) choices.Add((new BeginLeave(n.Slot), wt.Fault));
            if (Fates[n.Id] == Fate.Leaving) choices.Add((new Exit(n.Slot), wt.Fault));
            if (Spent.Commands < b.Commands && n.State.Joined)
            {
                if (n.State.Status == ElectionStatus.Master) choices.Add((new Command(n.Slot, StepDown.Instance), wt.Fault));
                else choices.Add((new Command(n.Slot, StartElection.Instance), wt.Fault));
                choices.Add((new Command(n.Slot, ForceMaster.Instance), wt.Fault / 2));
            }
        }
        for (var slot = 0; slot < s.Nodes; slot++)
        {
            if (Nodes[slot] is { Running: true }) continue;
            if (Spent.Starts < b.Starts) choices.Add((new Start(slot), wt.Fault));
        }
        for (var from = 0; from < s.Nodes; from++)
        for (var to = 0; to < s.Nodes; to++)
        {
            if (from == to) continue;
            if (Cut[from * s.Nodes + to]) choices.Add((new Link(from, to, false), wt.Fault));
            else if (Spent.Cuts < b.Cuts) choices.Add((new Link(from, to, true), wt.Fault));
        }
        return choices;
    }

    private bool ActuallyUnreachable(Node observer, UniqueAddress subject) =>
        Fates[subject] == Fate.Crashed || Nodes[SlotOf(subject)] is not { Running: true } other || !other.Id.Equals(subject)
        || Cut[SlotOf(subject) * Scenario.Nodes + observer.Slot];

    /// <summary>
    /// Whether <paramref name="choice"/> can happen in this world, whatever the budget: the model's rules, which a
    /// shortened replay must obey too. Membership news follows what the cluster decided, in Akka's order (Up, then
    /// leaving, then removed), never of an incarnation after a newer one at its address; a node hears it is Up itself only
    /// once it has heard of every member the cluster has (a joining node receives the membership before it is Up, so no
    /// newcomer forms a cluster of its own).
    /// </summary>
    public bool IsEnabled(Choice choice)
    {
        // A node never hears of an incarnation after it heard of a newer one at the same address: Akka's gossip keeps
        // tombstones of removed members, and a new incarnation joins only once the old one is on its way out.
        bool ToldOfNewer(Node observer, UniqueAddress subject) =>
            observer.Told.Keys.Any(k => SlotOf(k) == SlotOf(subject) && Incarnations.IndexOf(k) > Incarnations.IndexOf(subject));

        switch (choice)
        {
            case MessageChoice m:
                return Find(m) is not null;
            case Fire f:
                return Nodes[f.Slot] is { Running: true } n && n.Timers.ContainsKey(f.Key);
            case Tell t:
            {
                if (Nodes[t.Observer] is not { Running: true } observer || !Fates.TryGetValue(t.Subject, out var fate)) return false;
                var told = observer.Told.TryGetValue(t.Subject, out var x) ? x : (Told?)null;
                return t.What switch
                {
                    Told.Up => told is null && fate != Fate.Left && !ToldOfNewer(observer, t.Subject)
                               && (!t.Subject.Equals(observer.Id)
                                   || Incarnations.All(i => i.Equals(observer.Id) || Fates[i] == Fate.Left || observer.Told.ContainsKey(i) || ToldOfNewer(observer, i))),
                    Told.Leaving => told == Told.Up && fate is Fate.Leaving or Fate.Left,
                    _ when t.Downed => told is Told.Up or Told.Leaving && !t.Subject.Equals(observer.Id),
                    _ => told == Told.Leaving && fate == Fate.Left,
                };
            }
            case Disconnect dc:
                return Nodes[dc.Observer] is { Running: true } observed && observed.Told.TryGetValue(dc.Subject, out var known) && known != Told.Removed
                       && !dc.Subject.Equals(observed.Id) && !observed.Disconnected.Contains(dc.Subject);
            case Detect d:
                return Nodes[d.Observer] is { Running: true } o && o.Told.TryGetValue(d.Subject, out var seen) && seen != Told.Removed
                       && !d.Subject.Equals(o.Id) && o.Unreachable.Contains(d.Subject) != d.Unreachable;
            case Link l:
                return l.From != l.To && Cut[l.From * Scenario.Nodes + l.To] != l.Cut;
            case Start st:
                return Nodes[st.Slot] is not { Running: true };
            case Crash c:
                return Nodes[c.Slot] is { Running: true };
            case BeginLeave bl:
                return Nodes[bl.Slot] is { Running: true } leaving && Fates[leaving.Id] == Fate.Up;
            case Exit x:
                return Nodes[x.Slot] is { Running: true } exiting && Fates[exiting.Id] == Fate.Leaving;
            case Command c:
                return Nodes[c.Slot] is { Running: true } commanded && commanded.State.Joined;
            default:
                return false;
        }
    }

    // ---------------------------------------------------------------- applying a choice

    /// <summary>Applies <paramref name="choice"/> to this world (the caller cloned it if it needs the old one).</summary>
    public void Apply(Choice choice)
    {
        Steps++;
        if (!IsEnabled(choice)) return;
        switch (choice)
        {
            case Deliver d when Find(d) is { } e:
                Network.Remove(e);
                Deliver(e);
                break;
            case Drop d when Find(d) is { } e:
                Network.Remove(e);
                Spent = Spent with { Drops = Spent.Drops + 1 };
                break;
            case Duplicate d when Find(d) is { } e:
                Spent = Spent with { Duplicates = Spent.Duplicates + 1 };
                Deliver(e);
                break;
            case Fire f when Nodes[f.Slot] is { Running: true } n && n.Timers.TryGetValue(f.Key, out var timer):
                if (timer.Due > Now) Now = timer.Due;
                n.Timers = n.Timers.Remove(f.Key);
                Step(n, new TimerFired(f.Key, timer.Generation));
                break;
            case Tell t when Nodes[t.Observer] is { Running: true } n:
                TellNode(n, t);
                break;
            case Detect d when Nodes[d.Observer] is { Running: true } n:
                if (d.Unreachable != ActuallyUnreachable(n, d.Subject)) Spent = Spent with { FalseDetections = Spent.FalseDetections + 1 };
                n.Unreachable = d.Unreachable ? n.Unreachable.Add(d.Subject) : n.Unreachable.Remove(d.Subject);
                Step(n, d.Unreachable ? new MemberUnreachable(d.Subject) : new MemberReachable(d.Subject));
                break;
            case Disconnect dc when Nodes[dc.Observer] is { Running: true } n:
                if (!ActuallyUnreachable(n, dc.Subject) && !Cut[n.Slot * Scenario.Nodes + SlotOf(dc.Subject)])
                    Spent = Spent with { FalseDisconnects = Spent.FalseDisconnects + 1 };
                n.Disconnected = n.Disconnected.Add(dc.Subject);
                Step(n, new ConnectionLost(dc.Subject));
                break;
            case Link l:
                if (l.Cut) Spent = Spent with { Cuts = Spent.Cuts + 1 };
                Cut[l.From * Scenario.Nodes + l.To] = l.Cut;
                break;
            case Start st when Nodes[st.Slot] is not { Running: true }:
                Spent = Spent with { Starts = Spent.Starts + 1 };
                StartIncarnation(st.Slot);
                break;
            case Crash c when Nodes[c.Slot] is { Running: true } n:
                Spent = Spent with { Crashes = Spent.Crashes + 1 };
                n.Running = false;
                Fates = Fates.SetItem(n.Id, Fate.Crashed);
                break;
            case BeginLeave bl when Nodes[bl.Slot] is { Running: true } n && Fates[n.Id] == Fate.Up:
                Spent = Spent with { Leaves = Spent.Leaves + 1 };
                Fates = Fates.SetItem(n.Id, Fate.Leaving);
                if (n.State.Status == ElectionStatus.Master) Step(n, StepDown.Instance); // the hand-over of a graceful leave
                break;
            case Exit x when Nodes[x.Slot] is { Running: true } n && Fates[n.Id] == Fate.Leaving:
                n.Running = false;
                Fates = Fates.SetItem(n.Id, Fate.Left);
                break;
            case Command c when Nodes[c.Slot] is { Running: true } n:
                Spent = Spent with { Commands = Spent.Commands + 1 };
                Step(n, c.What);
                break;
        }
    }

    private void TellNode(Node n, Tell t)
    {
        if (t.What == Told.Removed && t.Downed && Fates[t.Subject] != Fate.Crashed)
            Spent = Spent with { FalseDownings = Spent.FalseDownings + 1 };
        n.Told = n.Told.SetItem(t.Subject, t.What);
        if (t.What == Told.Removed) n.Unreachable = n.Unreachable.Remove(t.Subject);
        var peer = new Peer(t.Subject);
        object message = t.What switch
        {
            Told.Up => new MemberJoined(t.Subject, peer),
            Told.Leaving => new MemberLeaving(t.Subject, peer),
            _ => new MemberRemoved(t.Subject) { Left = !t.Downed },
        };
        Step(n, message);
        if (t.What == Told.Removed && t.Subject.Equals(n.Id))
        {
            // A node told it was removed stops (Akka's run-coordinated-shutdown-when-down).
            n.Running = false;
            if (Fates[n.Id] is Fate.Up or Fate.Leaving) Fates = Fates.SetItem(n.Id, Fate.Crashed);
        }
    }

    private void Deliver(Envelope e)
    {
        if (Nodes[World.SlotOf(e.To)] is not { Running: true } n || !n.Id.Equals(e.To)) return; // to a dead incarnation
        n.Disconnected = n.Disconnected.Remove(e.Message.Sender);
        Step(n, e.Message);
    }

    /// <summary>Runs one core step of <paramref name="n"/> and carries out its effects into the world.</summary>
    private void Step(Node n, object input)
    {
        var before = n.State;
        var time = new StepTime(Now, n.WallClock(Now));
        var outcome = ElectionCore.Step(before, input, time, debugEnabled: Log is not null);
        n.State = outcome.State;
        foreach (var effect in outcome.Effects)
        {
            switch (effect)
            {
                case SendEffect send:
                    var to = SlotOf(send.To);
                    if (!Cut[n.Slot * Scenario.Nodes + to]) Network.Add(new Envelope(NextSeq++, n.Slot, send.To, send.Message));
                    break;
                case StartTimerEffect start:
                    n.Timers = n.Timers.SetItem(start.Key, (start.Generation, Now + start.Delay));
                    break;
                case CancelTimerEffect cancel:
                    n.Timers = n.Timers.Remove(cancel.Key);
                    break;
                case LogEffect log when Log is not null:
                    Log($"      [{Name(n.Id)}] {log.Text}");
                    break;
                case PublishEffect { Event: ElectionStarted started } when started.Session > before.Session:
                    OnOpened(n, started.Session);
                    break;
                case PublishEffect { Event: ElectedMaster elected }:
                    OnElected(n, elected.Session);
                    break;
                case PublishEffect { Event: NewMaster newMaster }:
                    OnNewMaster(n, newMaster);
                    break;
            }
        }
        if (n.State.Session < before.Session)
            Fail("sessions never decrease on a node", $"{Name(n.Id)} went from session {before.Session} to {n.State.Session}");
        if (n.State.HighestSeen < before.HighestSeen)
            Fail("sessions never decrease on a node", $"{Name(n.Id)}'s highest session seen went from {before.HighestSeen} to {n.State.HighestSeen}");
    }

    /// <summary>
    /// A node opened (or joined) a session above its own. The first time that happens to a session that had a master, with
    /// the restart assumption broken on purpose (clocks that ignore restarts; or clocks that lag after one, when none of
    /// the nodes the opener counts on ran when the session was first won: a survivor's clock would keep it), the nodes the
    /// opener counts on (in its view or electorate, not leaving) that know of the session are noted: if they are all gone
    /// or leaving by the time it is won again, it was forgotten.
    /// </summary>
    private void OnOpened(Node n, long session)
    {
        if (!Masters.ContainsKey(session) || Keepers.ContainsKey(session)) return;
        bool CountedOn(Node? o) => o is { Running: true } && !ReferenceEquals(o, n) && Fates[o.Id] != Fate.Leaving &&
                                   (n.State.Members.Contains(o.Id) || n.State.Electorate.Contains(o.Id));
        var clockBroken = Scenario.ClocksIgnoreRestarts ||
                          (Scenario.RestartLag > TimeSpan.Zero && !Nodes.Any(o => CountedOn(o) && o!.StartedAt <= ElectedAt[session]));
        if (!clockBroken) return;
        var keepers = Nodes.Where(o => CountedOn(o) && o!.State.HighestSeen >= session).Select(o => o!.Id).ToImmutableHashSet();
        Keepers = Keepers.SetItem(session, keepers);
    }

    /// <summary>
    /// Whether <paramref name="session"/> was opened again with the restart assumption broken, and every node that could
    /// have kept it is gone or leaving now.
    /// </summary>
    private bool Forgotten(long session) =>
        Keepers.TryGetValue(session, out var keepers) &&
        !Nodes.Any(o => o is { Running: true } && keepers.Contains(o.Id) && Fates[o.Id] != Fate.Leaving);

    private void OnElected(Node n, long session)
    {
        if (ElectedOnce.Contains((n.Id, session)))
            Fail("a node is elected at most once per session", $"{Name(n.Id)} won session {session} a second time");
        ElectedOnce = ElectedOnce.Add((n.Id, session));
        if (Scenario.Settings.Quorum != QuorumMode.Majority) return;
        if (Masters.TryGetValue(session, out var other) && !other.Equals(n.Id))
        {
            if (Forgotten(session)) Amnesia++;
            else Fail("at most one master per session", $"{Name(other)} and {Name(n.Id)} are both masters of session {session}");
        }
        if (!Masters.ContainsKey(session)) ElectedAt = ElectedAt.SetItem(session, Now);
        Masters = Masters.SetItem(session, n.Id);
        // The votes it counted must be a quorum, by the real rule (whatever rules the node itself runs), of its electorate.
        if (!Scenario.CheckVotes) return;
        var s = n.State;
        if (s.Ballot is not { } ballot || ballot.Session != session) return;
        var votes = ballot.VotesFor(n.Id, s.Electorate, s.Removed);
        var alone = s.Electorate.AllVoters.All(v => v.Equals(n.Id)) && ballot.Vote?.Equals(n.Id) == true;
        var none = new HashSet<UniqueAddress>();
        if (!alone && !QuorumRule.IsQuorum(QuorumMode.Majority, s.Electorate, votes, none, none))
            Fail("a master's votes form a quorum", $"{Name(n.Id)} became master of session {session} with votes of {{{string.Join(",", votes.Select(Name))}}}, no quorum of {s.Electorate}");
    }

    private void OnNewMaster(Node n, NewMaster e)
    {
        if (Tokens.TryGetValue(n.Id, out var last) && e.Session <= last.Session)
            Fail("fencing tokens are monotone", $"{Name(n.Id)} published master {Name(e.Master)} of session {e.Session} after {Name(last.Master)} of session {last.Session}");
        Tokens = Tokens.SetItem(n.Id, (e.Session, e.Master));
    }

    /// <summary>
    /// How close this world is to two masters of one session: for a session that already had a master, the most votes
    /// another candidate of that session holds (plus one for campaigning at all), 0 when no such candidate exists. The
    /// search continues preferably from the worlds that score highest, which steers it towards violations.
    /// </summary>
    public int Danger()
    {
        var danger = 0;
        foreach (var n in Nodes)
        {
            if (n is not { Running: true } || n.State is not { Status: ElectionStatus.Campaigning, Ballot: { } ballot } s) continue;
            if (!Masters.TryGetValue(ballot.Session, out var master) || master.Equals(n.Id)) continue;
            danger = Math.Max(danger, 1 + ballot.VotesFor(n.Id, s.Electorate, s.Removed).Count);
        }
        return danger;
    }

    private void Fail(string invariant, string detail) => Violation ??= new Violation(invariant, detail, Steps);

    /// <summary>Stands in for a node's election actor in a membership message (the core never uses it).</summary>
    private sealed class Peer(UniqueAddress node) : ICanTell
    {
        public void Tell(object message, IActorRef sender) => throw new InvalidOperationException($"the core never talks to {node} through its peer");
    }
}

/// <summary>An invariant broken at a step.</summary>
internal sealed record Violation(string Invariant, string Detail, int Step)
{
    public override string ToString() => $"{Invariant}: {Detail} (at step {Step})";
}
