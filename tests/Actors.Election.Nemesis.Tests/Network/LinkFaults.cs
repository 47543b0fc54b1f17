namespace Actors.Election.Nemesis.Tests.Network;

/// <summary>
/// Network faults as iptables rules in the bridge namespace (chain <c>NEMESIS</c>, jumped to from <c>FORWARD</c>):
/// every frame between two nodes crosses the bridge, so one place sees all traffic and the nodes' own namespaces stay
/// untouched. <see cref="Drop"/> silently drops one direction of a link (a partition is a set of drops, a one-way
/// partition a single one); <see cref="Shape"/> hands a node's outgoing packets to the <see cref="PacketShaper"/>'s
/// queue (loss, delay, jitter, reordering). A fault's rules are added in one <c>iptables-restore</c> transaction
/// (<see cref="Batch"/>), so they take effect together, however many there are.
/// </summary>
internal sealed class LinkFaults
{
    public const string Chain = "NEMESIS";

    private readonly string _namespace;

    public LinkFaults(Testbed testbed)
    {
        _namespace = testbed.BridgeNamespace;
        Iptables("-N", Chain);
        Iptables("-A", "FORWARD", "-j", Chain);
    }

    /// <summary>Packets from <paramref name="from"/> to <paramref name="to"/> are dropped (nothing is sent back).</summary>
    public void Drop(TestbedNode from, TestbedNode to) => Batch(b => b.Drop(from, to));

    /// <summary>Packets <paramref name="from"/> sends go through netfilter queue <paramref name="queue"/> (passed on when nobody listens).</summary>
    public void Shape(TestbedNode from, ushort queue) => Batch(b => b.Shape(from, queue));

    /// <summary>Adds every rule <paramref name="build"/> describes at once, in one iptables transaction.</summary>
    public void Batch(Action<RuleBatch> build)
    {
        var batch = new RuleBatch();
        build(batch);
        if (batch.Rules.Count == 0) return;
        var input = "*filter\n" + string.Concat(batch.Rules.Select(r => $"-A {Chain} {r}\n")) + "COMMIT\n";
        Shell.RunWithInput("ip", input, "netns", "exec", _namespace, Prerequisites.Find("iptables-restore"), "-w", "--noflush");
    }

    /// <summary>Removes every rule: the network is whole again.</summary>
    public void Clear() => Iptables("-F", Chain);

    /// <summary>The rules in force, as <c>iptables -S</c> prints them.</summary>
    public IReadOnlyList<string> Rules() =>
        Iptables("-S", Chain).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("-A", StringComparison.Ordinal))
            .ToList();

    private string Iptables(params string[] args) =>
        Shell.Run("ip", ["netns", "exec", _namespace, Prerequisites.Iptables, "-w", .. args]);
}

/// <summary>The rules of one fault, collected for <see cref="LinkFaults.Batch"/>.</summary>
internal sealed class RuleBatch
{
    public List<string> Rules { get; } = new();

    public void Drop(TestbedNode from, TestbedNode to) => Rules.Add($"-s {from.Address} -d {to.Address} -j DROP");

    public void Shape(TestbedNode from, ushort queue) =>
        Rules.Add($"-s {from.Address} -j NFQUEUE --queue-num {queue.ToString(System.Globalization.CultureInfo.InvariantCulture)} --queue-bypass");
}
