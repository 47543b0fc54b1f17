using System.Globalization;
using System.Net;

namespace Actors.Election.Nemesis.Tests.Network;

/// <summary>One node's place in the <see cref="Testbed"/>.</summary>
/// <param name="Index">1, 2, …</param>
/// <param name="Namespace">Its network namespace.</param>
/// <param name="Address">Its address on the testbed's subnet.</param>
internal sealed record TestbedNode(int Index, string Namespace, IPAddress Address)
{
    public string Name => "n" + Index.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The network the node processes live in: one namespace per node, each with one veth (<c>eth0</c>, address
/// <see cref="Subnet"/>.N), whose other end is a port of a bridge in a namespace of its own. Nothing is created in the
/// host's namespace and no traffic touches the host's interfaces; the bridge namespace is also where the
/// <see cref="LinkFaults"/> firewall rules and the <see cref="PacketShaper"/>'s queue live. Disposing deletes every
/// namespace (and so every veth, the bridge and the rules) after killing whatever still runs inside.
/// </summary>
internal sealed class Testbed : IDisposable
{
    /// <summary>The testbed's subnet: private, and only inside the testbed's namespaces.</summary>
    public const string Subnet = "10.213.0";

    private const string BridgeName = "nemesis0";
    private readonly List<string> _created = new();
    private bool _disposed;

    private Testbed(HarnessNames names)
    {
        Names = names;
    }

    public HarnessNames Names { get; }

    public string BridgeNamespace => Names.BridgeNamespace;

    public IReadOnlyList<TestbedNode> Nodes { get; private set; } = [];

    /// <summary>Creates the bridge namespace and <paramref name="nodes"/> node namespaces; removes them again on failure.</summary>
    public static Testbed Create(HarnessNames names, int nodes)
    {
        var testbed = new Testbed(names);
        try
        {
            testbed.Build(nodes);
            return testbed;
        }
        catch
        {
            testbed.Dispose();
            throw;
        }
    }

    private void Build(int count)
    {
        var bridge = Names.BridgeNamespace;
        AddNamespace(bridge);
        Shell.Run("ip", "-n", bridge, "link", "set", "lo", "up");
        // Bridged IPv4 frames go through the namespace's iptables FORWARD chain (br_netfilter), where LinkFaults drops or
        // queues them. The setting is per namespace: the host's is left alone.
        Shell.Run("ip", "netns", "exec", bridge, "sysctl", "-qw", "net.bridge.bridge-nf-call-iptables=1");
        Shell.Run("ip", "-n", bridge, "link", "add", BridgeName, "type", "bridge");
        Shell.Run("ip", "-n", bridge, "link", "set", BridgeName, "up");
        var nodes = new List<TestbedNode>();
        for (var i = 1; i <= count; i++)
        {
            var node = new TestbedNode(i, Names.NodeNamespace(i), IPAddress.Parse($"{Subnet}.{i.ToString(CultureInfo.InvariantCulture)}"));
            AddNamespace(node.Namespace);
            var port = "v" + i.ToString(CultureInfo.InvariantCulture);
            // Created inside the bridge namespace, the peer moved straight into the node's: never in the host's.
            Shell.Run("ip", "-n", bridge, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", node.Namespace);
            Shell.Run("ip", "-n", bridge, "link", "set", port, "master", BridgeName);
            Shell.Run("ip", "-n", bridge, "link", "set", port, "up");
            Shell.Run("ip", "-n", node.Namespace, "addr", "add", $"{node.Address}/24", "dev", "eth0");
            Shell.Run("ip", "-n", node.Namespace, "link", "set", "eth0", "up");
            Shell.Run("ip", "-n", node.Namespace, "link", "set", "lo", "up");
            nodes.Add(node);
        }
        Nodes = nodes;
    }

    private void AddNamespace(string name)
    {
        Shell.Run("ip", "netns", "add", name);
        _created.Add(name);
    }

    /// <summary>Deletes every namespace of the testbed (nodes first), killing what still runs inside. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        for (var i = _created.Count - 1; i >= 0; i--) LeftoverSweeper.RemoveNamespace(_created[i]);
    }
}
