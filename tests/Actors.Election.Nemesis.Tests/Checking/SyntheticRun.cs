using Actors.Election.Demo.Recording;
using Actors.Election.Nemesis.Tests.Processes;

namespace Actors.Election.Nemesis.Tests.Checking;

/// <summary>
/// Builds <see cref="RunRecord"/>s by hand for the checker's own tests: nodes with state changes at given seconds,
/// faults, store writes. Node N's id is <c>10.213.0.N:2551#N</c> (incarnation I: <c>#N0I</c> after the first).
/// </summary>
internal sealed class SyntheticRun(int clusterSize = 5)
{
    public static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly RecordedSettings FastSettings = new()
    {
        Quorum = "majority", ElectionTimeoutMs = 2000, GatherTimeoutMs = 300, ConnectionDelayMs = 100, ElectionHeartbeatMs = 500,
        DetectorHeartbeatMs = 200, DetectorPauseMs = 1000, GossipIntervalMs = 200, DowningStableAfterMs = 5000, DowningStrategy = "keep-majority",
    };

    private readonly List<Incarnation> _incarnations = new();
    private readonly List<FaultSpan> _faults = new();
    private readonly List<StoreWrite> _writes = new();

    public double NemesisStart { get; set; }

    public double RunEnd { get; set; } = 100;

    public static DateTime At(double seconds) => T0.AddSeconds(seconds);

    public static string Id(int node, int incarnation = 1) => incarnation == 1 ? $"10.213.0.{node}:2551#{node}" : $"10.213.0.{node}:2551#{node}0{incarnation}";

    /// <summary>A node incarnation running [start, end) whose history holds <paramref name="records"/> (built with the helpers below).</summary>
    public SyntheticRun Node(int node, double start, double end, params Func<string, HistoryRecord>[] records) =>
        Node(node, 1, start, end, [], records);

    public SyntheticRun Node(int node, int incarnation, double start, double end, IReadOnlyList<(double From, double To)> pauses, params Func<string, HistoryRecord>[] records)
    {
        var id = Id(node, incarnation);
        var history = new List<HistoryRecord> { new() { At = At(start), Kind = HistoryKinds.Start, Node = id, Pid = 1000 + node, Settings = FastSettings } };
        history.AddRange(records.Select(r => r(id)).OrderBy(r => r.At));
        _incarnations.Add(new Incarnation(node, incarnation, At(start), At(end), pauses.Select(p => (At(p.From), At(p.To))).ToList(), history));
        return this;
    }

    public SyntheticRun Fault(int id, string kind, double start, double heal, bool silencing = false)
    {
        _faults.Add(new FaultSpan(id, kind, "", At(start), At(heal), TimeSpan.FromSeconds(heal - start), silencing));
        return this;
    }

    public SyntheticRun Write(double at, long session, string master, bool accepted, long heldSession, string heldMaster)
    {
        _writes.Add(new StoreWrite(_writes.Count + 1, At(at), master, 1, _writes.Count + 1, Token(session, master), accepted,
            heldMaster.Length == 0 ? default : Token(heldSession, heldMaster)));
        return this;
    }

    /// <summary>The fencing token of <paramref name="master"/> (an <see cref="Id"/>) in <paramref name="session"/>, as a node would hold it.</summary>
    public static StoreToken Token(long session, string master) => new(new FencingToken(session, Address(master)));

    /// <summary>The node's full address from its <see cref="Id"/> (<c>host:port#uid</c>), in the nodes' actor system.</summary>
    public static Akka.Cluster.UniqueAddress Address(string id)
    {
        var hash = id.LastIndexOf('#');
        var colon = id.LastIndexOf(':', hash);
        return new Akka.Cluster.UniqueAddress(
            new Akka.Actor.Address("akka.tcp", "election", id[..colon], int.Parse(id[(colon + 1)..hash], System.Globalization.CultureInfo.InvariantCulture)),
            int.Parse(id[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public RunRecord Build() => new(clusterSize, [], _incarnations, _faults, _writes, At(NemesisStart), At(RunEnd));

    public static Func<string, HistoryRecord> State(double at, string status, string? master, long session) =>
        id => new HistoryRecord { At = At(at), Kind = HistoryKinds.State, Node = id, Status = status, Master = master, Session = session };

    public static Func<string, HistoryRecord> Leads(double at, long session) =>
        id => new HistoryRecord { At = At(at), Kind = HistoryKinds.State, Node = id, Status = "Master", Master = id, Session = session };

    public static Func<string, HistoryRecord> Leadership(double at, long session) =>
        id => new HistoryRecord { At = At(at), Kind = HistoryKinds.Leadership, Node = id, Master = id, Session = session, Token = Token(session, id).Text, Detail = "acquired" };

    /// <summary>A leadership line as histories before the store took FencingTokens wrote it: no token text.</summary>
    public static Func<string, HistoryRecord> LeadershipWithoutToken(double at, long session) =>
        id => Leadership(at, session)(id) with { Token = null };

    public static Func<string, HistoryRecord> Follows(double at, string master, long session) => State(at, "Follower", master, session);

    public static Func<string, HistoryRecord> Started(double at, long session) =>
        id => new HistoryRecord { At = At(at), Kind = HistoryKinds.Event, Node = id, Event = "ElectionStarted", Session = session };

    /// <summary>A stable cluster: node <paramref name="master"/> master of session 1 from <paramref name="at"/>, the others following it until <paramref name="end"/>.</summary>
    public SyntheticRun StableUnder(int master, double at, double end, long session = 1)
    {
        for (var n = 1; n <= clusterSize; n++)
        {
            if (n == master) Node(n, 0, end, Started(at - 0.1, session), Leads(at, session), Leadership(at, session));
            else Node(n, 0, end, Follows(at, Id(master), session));
        }
        return this;
    }
}
