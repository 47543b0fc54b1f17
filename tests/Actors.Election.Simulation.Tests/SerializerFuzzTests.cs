using System.Diagnostics;
using System.Runtime.Serialization;
using Actors.Election.Serialization;
using Akka.Actor;
using Akka.Cluster;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Simulation.Tests;

/// <summary>
/// The real <see cref="ElectionMessageSerializer"/> against at least 100,000 generated payloads per run: random
/// bytes, truncated, bit-flipped and field-mutated valid messages. Only <see cref="SerializationException"/> may
/// come out, nothing may hang, and each payload's allocation stays bounded by its size.
/// </summary>
public sealed class SerializerFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Payloads = 100_000;
    private readonly ActorSystem _system = ActorSystem.Create("fuzz", Simulation.SimSystem.Config());

    [Fact]
    public void Only_serialization_exceptions_no_hang_bounded_allocation()
    {
        var serializer = new ElectionMessageSerializer((ExtendedActorSystem)_system);
        var rng = new Random(20240611);
        int accepted = 0, rejected = 0;
        long maxTicks = 0, maxAllocated = 0;
        var kinds = new int[5];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < Payloads; i++)
        {
            var kind = i % 5;
            kinds[kind]++;
            var valid = serializer.ToBinary(RandomMessage(rng));
            var payload = kind switch
            {
                0 => RandomBytes(rng),
                1 => valid[..rng.Next(valid.Length)],                                 // truncated
                2 => FlipBits(rng, valid),                                           // bit flips
                3 => MutateField(rng, valid),                                        // a field overwritten, inserted or removed
                _ => valid,                                                           // valid: must round-trip
            };
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            object? result = null;
            try
            {
                result = serializer.FromBinary(payload, ElectionMessageSerializer.ElectionMessageManifest);
                accepted++;
            }
            catch (SerializationException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"payload {i} ({Convert.ToHexString(payload)}) raised {e.GetType().Name}: {e.Message}");
            }
            var ticks = sw.ElapsedTicks;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            maxTicks = Math.Max(maxTicks, ticks);
            maxAllocated = Math.Max(maxAllocated, allocated);
            // Bounded: proportional to what arrived, plus a constant for the exception or the message objects.
            Assert.True(allocated <= 64 * 1024 + 32L * payload.Length,
                $"payload {i} of {payload.Length} bytes allocated {allocated} bytes: {Convert.ToHexString(payload)}");
            Assert.True(TimeSpan.FromTicks(ticks * TimeSpan.TicksPerSecond / Stopwatch.Frequency) < TimeSpan.FromSeconds(1),
                $"payload {i} took {ticks * 1000.0 / Stopwatch.Frequency:0}ms");
            if (kind == 4)
            {
                Assert.IsType<ElectionMessage>(result);
                Assert.Equal(valid, serializer.ToBinary(result!));
            }
        }
        var summary = $"Serializer fuzz: {Payloads} payloads ({kinds[0]} random, {kinds[1]} truncated, {kinds[2]} bit-flipped, {kinds[3]} field-mutated, " +
                      $"{kinds[4]} valid) in {total.Elapsed.TotalSeconds:0.0}s: {accepted} accepted, {rejected} rejected with SerializationException, " +
                      $"0 other exceptions; slowest {maxTicks * 1000.0 / Stopwatch.Frequency:0.###}ms, largest allocation {maxAllocated} bytes";
        output.WriteLine(summary);
        Console.WriteLine(summary);
    }

    [Fact]
    public void Unknown_manifests_and_null_bytes_raise_serialization_exceptions()
    {
        var serializer = new ElectionMessageSerializer((ExtendedActorSystem)_system);
        var valid = serializer.ToBinary(RandomMessage(new Random(1)));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(valid, "XX"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(valid, ""));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(null!, ElectionMessageSerializer.ElectionMessageManifest));
        Assert.Throws<SerializationException>(() => serializer.FromBinary([], ElectionMessageSerializer.ElectionMessageManifest));
        Assert.Throws<SerializationException>(() => serializer.ToBinary("not an election message"));
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    private static readonly long[] Extremes = [0, 1, -1, long.MaxValue, long.MinValue, int.MaxValue, int.MinValue, 1L << 62, (1L << 62) + 1];

    private static long RandomLong(Random rng) => rng.Next(4) switch
    {
        0 => Extremes[rng.Next(Extremes.Length)],
        1 => rng.NextInt64(),
        2 => -rng.NextInt64(),
        _ => rng.Next(0, 1000),
    };

    private static UniqueAddress RandomNode(Random rng)
    {
        var host = rng.Next(3) == 0 ? null : rng.Next(4) == 0 ? new string('h', rng.Next(1, 300)) : $"n{rng.Next(10)}";
        int? port = host is null ? null : rng.Next(4) == 0 ? 0 : rng.Next(1, 65536);
        var system = rng.Next(8) == 0 ? "sys-ü-名" : "sim";
        return new UniqueAddress(new Address(rng.Next(2) == 0 ? "akka.tcp" : "akka", system, host, port), rng.Next(int.MinValue, int.MaxValue));
    }

    private static ElectionMessage RandomMessage(Random rng)
    {
        var members = Enumerable.Range(0, rng.Next(0, 12)).Select(_ => RandomNode(rng)).ToList();
        return new ElectionMessage(
            (ElectionMessageKind)rng.Next(5), (ElectionStatus)rng.Next(4), RandomLong(rng), new Seniority(RandomLong(rng)), RandomLong(rng), RandomLong(rng),
            RandomNode(rng), rng.Next(2) == 0 ? null : RandomNode(rng), rng.Next(2) == 0 ? null : RandomNode(rng), rng.Next(int.MinValue, int.MaxValue),
            rng.Next(2) == 0, rng.Next(2) == 0, rng.Next(2) == 0, new Electorate(new ElectorateVersion(RandomLong(rng), RandomLong(rng)), members));
    }

    private static byte[] RandomBytes(Random rng)
    {
        var bytes = new byte[rng.Next(0, rng.Next(10) == 0 ? 4096 : 200)];
        rng.NextBytes(bytes);
        if (bytes.Length > 0 && rng.Next(2) == 0) bytes[0] = ElectionMessageSerializer.SchemaVersion; // get past the first check
        return bytes;
    }

    private static byte[] FlipBits(Random rng, byte[] valid)
    {
        var bytes = (byte[])valid.Clone();
        for (var i = rng.Next(1, 9); i > 0; i--) bytes[rng.Next(bytes.Length)] ^= (byte)(1 << rng.Next(8));
        return bytes;
    }

    private static byte[] MutateField(Random rng, byte[] valid)
    {
        var list = valid.ToList();
        var at = rng.Next(list.Count);
        switch (rng.Next(4))
        {
            case 0: // a varint that never ends, or claims a huge length
                list.InsertRange(at, Enumerable.Repeat((byte)0xFF, rng.Next(1, 12)).Append((byte)(rng.Next(2) == 0 ? 0x7F : 0x01)));
                break;
            case 1: // bytes removed
                list.RemoveRange(at, Math.Min(list.Count - at, rng.Next(1, 8)));
                break;
            case 2: // bytes inserted
                list.InsertRange(at, Enumerable.Range(0, rng.Next(1, 8)).Select(_ => (byte)rng.Next(256)));
                break;
            default: // a byte overwritten with an edge value
                list[at] = (byte)new[] { 0x00, 0x01, 0x7F, 0x80, 0xFF, 0x05, 0x08 }[rng.Next(7)];
                break;
        }
        return list.ToArray();
    }
}
