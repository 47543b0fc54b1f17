using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Actors.Election.Nemesis.Tests.Network;
using Xunit;

namespace Actors.Election.Nemesis.Tests;

/// <summary>
/// The harness's network, tested with plain UDP sockets opened inside the node namespaces: a drop rule cuts exactly
/// one direction, and the packet shaper delays, drops and reorders as its profile says.
/// </summary>
public sealed class NetworkTests : IDisposable
{
    private readonly Testbed _testbed;

    public NetworkTests()
    {
        Prerequisites.Check();
        LeftoverSweeper.Sweep();
        _testbed = Testbed.Create(HarnessNames.ForThisRun(), 2);
    }

    public void Dispose() => _testbed.Dispose();

    [Fact]
    public void A_drop_rule_cuts_one_direction_and_clearing_heals_it()
    {
        var faults = new LinkFaults(_testbed);
        var (n1, n2) = (_testbed.Nodes[0], _testbed.Nodes[1]);
        using var at1 = Udp(n1);
        using var at2 = Udp(n2);
        Assert.True(Delivered(at1, at2), "n1 -> n2 before any fault");
        Assert.True(Delivered(at2, at1), "n2 -> n1 before any fault");

        faults.Drop(n1, n2);
        Assert.Single(faults.Rules());
        Assert.False(Delivered(at1, at2), "n1 -> n2 must be cut");
        Assert.True(Delivered(at2, at1), "n2 -> n1 must still pass (one-way)");

        faults.Clear();
        Assert.Empty(faults.Rules());
        Assert.True(Delivered(at1, at2), "n1 -> n2 after the heal");
    }

    [Fact]
    public void The_shaper_delays_every_packet_by_its_profile()
    {
        var faults = new LinkFaults(_testbed);
        var (n1, n2) = (_testbed.Nodes[0], _testbed.Nodes[1]);
        using var shaper = new PacketShaper(_testbed.BridgeNamespace, 11, seed: 1);
        faults.Shape(n1, shaper.QueueNumber);
        using var at1 = Udp(n1);
        using var at2 = Udp(n2);
        Assert.True(Delivered(at1, at2), "warm-up (ARP), so the timed packets do not wait for address resolution");
        shaper.Apply(new NetemProfile(TimeSpan.FromMilliseconds(80), TimeSpan.Zero, 0, 0));

        var arrivals = SendAndCollect(at1, at2, 50, TimeSpan.FromMilliseconds(2), expected: () => 50);
        var stats = shaper.Release();

        Assert.Equal(50, arrivals.Count);
        Assert.Equal(50, stats.Delayed);
        Assert.All(arrivals, a => Assert.True(a.Latency >= TimeSpan.FromMilliseconds(75), $"packet {a.Number} took {a.Latency.TotalMilliseconds} ms"));
        Assert.Null(shaper.Failure);
    }

    [Fact]
    public void The_shaper_drops_what_it_counts_and_jitter_reorders()
    {
        var faults = new LinkFaults(_testbed);
        var (n1, n2) = (_testbed.Nodes[0], _testbed.Nodes[1]);
        using var shaper = new PacketShaper(_testbed.BridgeNamespace, 12, seed: 7);
        faults.Shape(n1, shaper.QueueNumber);
        using var at1 = Udp(n1);
        using var at2 = Udp(n2);
        Assert.True(Delivered(at1, at2), "warm-up (ARP), so the timed packets do not wait for address resolution");
        shaper.Apply(new NetemProfile(TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(30), 0.1, 0.3));

        // Every packet the shaper saw and did not drop: known once it has seen all 200.
        var arrivals = SendAndCollect(at1, at2, 200, TimeSpan.FromMilliseconds(1),
            expected: () => shaper.Stats is { Packets: 200 } seen ? 200 - (int)seen.Dropped : int.MaxValue);
        var stats = shaper.Release();

        Assert.Equal(200, stats.Packets);
        Assert.Equal(200 - stats.Dropped, arrivals.Count); // every packet it did not drop arrived
        Assert.InRange(stats.LossRatio, 0.2, 0.4); // 30% asked; 200 draws
        Assert.True(stats.SentAtOnce > 0, "reorder sends some at once");
        var inversions = arrivals.Zip(arrivals.Skip(1)).Count(p => p.Second.Number < p.First.Number);
        Assert.True(inversions > 10, $"jitter of 30 ms over 1 ms gaps reorders packets; saw {inversions} inversions");
        Assert.Null(shaper.Failure);
    }

    private static Socket Udp(TestbedNode node)
    {
        var socket = NetNamespace.Create(node.Namespace, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        socket.Bind(new IPEndPoint(node.Address, 7000));
        socket.ReceiveTimeout = 200;
        return socket;
    }

    private static bool Delivered(Socket from, Socket to)
    {
        var token = Guid.NewGuid().ToByteArray();
        var buffer = new byte[64];
        for (var attempt = 0; attempt < 5; attempt++) // the first datagram may wait for ARP
        {
            from.SendTo(token, to.LocalEndPoint!);
            try
            {
                while (true)
                {
                    var n = to.Receive(buffer);
                    if (n == token.Length && buffer.AsSpan(0, n).SequenceEqual(token)) return true;
                }
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
            }
        }
        return false;
    }

    private sealed record Arrival(int Number, TimeSpan Latency);

    /// <summary>
    /// Sends <paramref name="count"/> numbered, time-stamped datagrams <paramref name="gap"/> apart and collects them on
    /// the other side until <paramref name="expected"/> of them arrived (or 30 s passed), then a short while longer for
    /// any beyond it. The end is a count, not a quiet spell: on a loaded machine the shaper or the receiver can fall
    /// silent for longer than any spell would allow while packets are still on their way.
    /// </summary>
    private static List<Arrival> SendAndCollect(Socket from, Socket to, int count, TimeSpan gap, Func<int> expected)
    {
        var arrivals = new List<Arrival>();
        var stop = 0;
        var receiver = Task.Run(() =>
        {
            var buffer = new byte[64];
            while (Volatile.Read(ref stop) == 0)
            {
                int n;
                try
                {
                    n = to.Receive(buffer);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
                {
                    continue;
                }
                if (n != 12) continue; // the warm-up's leftovers
                var number = BinaryPrimitives.ReadInt32LittleEndian(buffer);
                var sent = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(4));
                lock (arrivals) arrivals.Add(new Arrival(number, Stopwatch.GetElapsedTime(sent)));
            }
        });
        var payload = new byte[12];
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(payload, i);
            BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(4), Stopwatch.GetTimestamp());
            from.SendTo(payload, to.LocalEndPoint!);
            Thread.Sleep(gap);
        }
        int Arrived()
        {
            lock (arrivals) return arrivals.Count;
        }
        SpinWait.SpinUntil(() => Arrived() >= expected(), TimeSpan.FromSeconds(30));
        Thread.Sleep(TimeSpan.FromMilliseconds(300)); // room for packets beyond the expected count, which would fail the test
        Volatile.Write(ref stop, 1);
        receiver.Wait(TimeSpan.FromSeconds(10));
        lock (arrivals) return [.. arrivals];
    }
}
