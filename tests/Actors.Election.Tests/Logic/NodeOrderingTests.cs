using Akka.Actor;
using Akka.Cluster;
using Xunit;

namespace Actors.Election.Tests.Logic;

/// <summary><c>NodeOrdering</c>: Akka's member address ordering, then the incarnation uid; electorates are kept in it.</summary>
public sealed class NodeOrderingTests
{
    private static UniqueAddress Node(string host, int port, int uid) => new(new Address("akka.tcp", "sys", host, port), uid);

    private static int Compare(UniqueAddress x, UniqueAddress y) => Math.Sign(NodeOrdering.Instance.Compare(x, y));

    [Fact]
    public void Addresses_order_by_host_then_port()
    {
        Assert.Equal(-1, Compare(Node("a", 9, 9), Node("b", 1, 1)));
        Assert.Equal(-1, Compare(Node("a", 1, 9), Node("a", 2, 1)));
    }

    [Fact]
    public void The_same_address_orders_by_uid()
    {
        Assert.Equal(-1, Compare(Node("a", 1, 1), Node("a", 1, 2)));
        Assert.Equal(-1, Compare(Node("a", 1, int.MinValue), Node("a", 1, int.MaxValue)));
        Assert.Equal(0, Compare(Node("a", 1, 5), Node("a", 1, 5)));
    }

    [Fact]
    public void The_address_part_agrees_with_akkas_member_address_ordering()
    {
        Address[] addresses =
        [
            new("akka.tcp", "sys", "10.0.0.2", 2552), new("akka.tcp", "sys", "10.0.0.10", 2552), new("akka.tcp", "sys", "host", 1),
            new("akka.tcp", "sys", "host", 25520), new("akka.tcp", "sys", "Host", 2), new("akka", "sys"),
        ];

        foreach (var a in addresses)
        foreach (var b in addresses)
        {
            var byAddress = Math.Sign(Member.AddressOrdering.Compare(a, b));
            Assert.Equal(byAddress, Compare(new UniqueAddress(a, 1), new UniqueAddress(b, 1)));
            if (byAddress != 0) Assert.Equal(byAddress, Compare(new UniqueAddress(a, 9), new UniqueAddress(b, 1)));
        }
    }

    [Fact]
    public void Null_orders_first()
    {
        Assert.True(NodeOrdering.Instance.Compare(null, Node("a", 1, 1)) < 0);
        Assert.True(NodeOrdering.Instance.Compare(Node("a", 1, 1), null) > 0);
        Assert.Equal(0, NodeOrdering.Instance.Compare(null, null));
    }

    [Fact]
    public void It_is_a_total_order_over_random_nodes()
    {
        var random = new Random(17);
        var nodes = Enumerable.Range(0, 150)
            .Select(_ => Node($"h{random.Next(4)}", random.Next(2550, 2553), random.Next(-2, 3)))
            .ToList();

        foreach (var a in nodes)
        foreach (var b in nodes)
        {
            Assert.Equal(Compare(a, b), -Compare(b, a));
            Assert.Equal(a.Equals(b), Compare(a, b) == 0);
        }
        var sorted = nodes.Order(NodeOrdering.Instance).ToList();
        for (var i = 1; i < sorted.Count; i++) Assert.True(Compare(sorted[i - 1], sorted[i]) <= 0);
    }

    [Fact]
    public void An_electorate_keeps_its_members_in_node_order_whatever_the_input_order()
    {
        UniqueAddress[] nodes = [Node("c", 1, 1), Node("a", 2, 1), Node("a", 1, 2), Node("a", 1, 1), Node("b", 1, 1)];

        var electorate = new Electorate(new ElectorateVersion(1, 1), nodes);

        Assert.Equal(nodes.Order(NodeOrdering.Instance).ToList(), electorate.Members.ToList());
        Assert.Equal(Node("a", 1, 1), electorate.Members[0]);
        Assert.Equal(Node("c", 1, 1), electorate.Members[^1]);
    }
}
