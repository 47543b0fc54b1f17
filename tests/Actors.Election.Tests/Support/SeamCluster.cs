using System.Collections.Concurrent;
using Actors.Election.Membership;
using Akka.Actor;
using Akka.Cluster;
using Akka.TestKit;

namespace Actors.Election.Tests.Support;

/// <summary>
/// Several real election actors in one ActorSystem, wired to each other through the public test seam as a user would
/// wire them: <c>ElectionActor.PropsWithMembership</c>, membership messages, and links between nodes that drop every
/// message while cut (in either direction on its own). The actors run on the calling-thread dispatcher and time is the
/// TestScheduler's; links queue what they carry and the test thread delivers it (an actor never runs inside another
/// one's turn), so a scenario replays exactly. Every <see cref="ElectedMaster"/> of every node is recorded.
/// </summary>
public sealed class SeamCluster(ElectionSpec spec)
{
    private readonly Dictionary<string, (UniqueAddress Id, IActorRef Actor)> _nodes = new();
    private readonly Dictionary<(string From, string To), Link> _links = new();
    private readonly ConcurrentQueue<(long Session, string Master)> _elected = new();
    private readonly Queue<(IActorRef Target, object Message, IActorRef Sender)> _inFlight = new();

    /// <summary>Every election won, in order: the session and the node.</summary>
    public IReadOnlyList<(long Session, string Master)> Elected => _elected.ToList();

    /// <summary>Sessions that had more than one master.</summary>
    public IEnumerable<long> SessionsWithTwoMasters => Elected.GroupBy(e => e.Session).Where(g => g.Select(e => e.Master).Distinct().Count() > 1).Select(g => g.Key);

    /// <summary>Starts node <paramref name="name"/> (more senior the earlier it is started; seniority decides who wins).</summary>
    public void Start(string name, ElectionSettings settings)
    {
        var index = _nodes.Count + 1;
        var id = ElectionSpec.Node(index);
        var startedAt = spec.SchedulerNow - TimeSpan.FromMinutes(100 - index);
        var actor = Spawn(ElectionActor.PropsWithMembership(settings, id, startedAt, randomSeed: index), name);
        _nodes[name] = (id, actor);
        actor.Tell(new SubscribeElection(Spawn(Props.Create(() => new Recorder(name, _elected)), name + "-events")));
    }

    // Children of a host on the calling-thread dispatcher are created at once, on this thread: no actor of the cluster
    // ever runs on another thread, or at the same time as another.
    private IActorRef? _host;

    private IActorRef Spawn(Props props, string name)
    {
        _host ??= spec.ActorOfAsTestActorRef<Host>(Props.Create(() => new Host()), "seam-cluster"); // created at once, on this thread
        IActorRef? created = null;
        _host.Tell(new Host.Create(props.WithDispatcher(CallingThreadDispatcher.Id), name, r => created = r));
        return created ?? throw new InvalidOperationException($"{name} was not created on the calling thread");
    }

    private sealed class Host : ReceiveActor
    {
        public sealed record Create(Props Props, string Name, Action<IActorRef> Created) : INoSerializationVerificationNeeded;

        public Host() => Receive<Create>(c => c.Created(Context.ActorOf(c.Props, c.Name)));
    }

    public UniqueAddress Id(string name) => _nodes[name].Id;

    /// <summary>Tells <paramref name="observer"/> that each of <paramref name="members"/> is a member (itself last, if listed).</summary>
    public void Joined(string observer, params string[] members)
    {
        foreach (var member in members.OrderBy(m => m == observer))
            _nodes[observer].Actor.Tell(new MemberJoined(Id(member), member == observer ? _nodes[observer].Actor : LinkFor(observer, member)));
    }

    public void Leaving(string observer, string member) => _nodes[observer].Actor.Tell(new MemberLeaving(Id(member), LinkFor(observer, member)));

    public void Removed(string observer, string member) => _nodes[observer].Actor.Tell(new MemberRemoved(Id(member)));

    public void Unreachable(string observer, params string[] members)
    {
        foreach (var member in members) _nodes[observer].Actor.Tell(new MemberUnreachable(Id(member)));
    }

    public void Reachable(string observer, params string[] members)
    {
        foreach (var member in members) _nodes[observer].Actor.Tell(new MemberReachable(Id(member)));
    }

    /// <summary>Cuts (or heals) every link between the two groups, both ways.</summary>
    public void Cut(string[] one, string[] other, bool cut = true)
    {
        foreach (var a in one)
        foreach (var b in other)
        {
            LinkFor(a, b).IsCut = cut;
            LinkFor(b, a).IsCut = cut;
        }
    }

    public void Heal(string[] one, string[] other) => Cut(one, other, cut: false);

    public StepDownResult StepDown(string name)
    {
        var probe = spec.CreateTestProbe();
        _nodes[name].Actor.Tell(global::Actors.Election.StepDown.Instance, probe.Ref);
        return probe.ExpectMsg<StepDownResult>();
    }

    public void StartElection(string name) => _nodes[name].Actor.Tell(global::Actors.Election.StartElection.Instance);

    public ElectionState State(string name)
    {
        var probe = spec.CreateTestProbe();
        _nodes[name].Actor.Tell(GetElectionState.Instance, probe.Ref);
        return probe.ExpectMsg<ElectionState>();
    }

    /// <summary>Lets <paramref name="duration"/> of virtual time pass in small steps, so every timer fires in order.</summary>
    public void Run(TimeSpan duration)
    {
        Deliver();
        for (var t = TimeSpan.Zero; t < duration; t += TimeSpan.FromMilliseconds(50))
        {
            spec.AdvanceBy(TimeSpan.FromMilliseconds(50));
            Deliver();
        }
    }

    /// <summary>Delivers everything in flight, and what that sends in turn, until the network is quiet.</summary>
    private void Deliver()
    {
        while (_inFlight.TryDequeue(out var m)) m.Target.Tell(m.Message, m.Sender);
    }

    private Link LinkFor(string from, string to)
    {
        if (!_links.TryGetValue((from, to), out var link)) _links[(from, to)] = link = new Link(_nodes[to].Actor, _inFlight);
        return link;
    }

    /// <summary>The way from one node to another: carries while not cut, drops while cut.</summary>
    private sealed class Link(IActorRef target, Queue<(IActorRef, object, IActorRef)> inFlight) : ICanTell
    {
        public bool IsCut { get; set; }

        public void Tell(object message, IActorRef sender)
        {
            if (!IsCut) inFlight.Enqueue((target, message, sender));
        }
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(string name, ConcurrentQueue<(long, string)> elected)
        {
            Receive<ElectedMaster>(e => elected.Enqueue((e.Session, name)));
            ReceiveAny(_ => { });
        }
    }
}
