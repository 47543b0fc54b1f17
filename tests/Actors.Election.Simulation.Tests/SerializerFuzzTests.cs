using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.Serialization;
using Actors.Election.Serialization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Simulation.Tests;

/// <summary>
/// The real <see cref="ElectionMessageSerializer"/> against at least 100,000 generated payloads per run in each wire
/// format it reads: Protocol Buffers (random bytes, truncations, bit flips, byte-level and field-level mutations,
/// hostile length prefixes, node lists past their bound) and the legacy binary schema (random bytes, truncations, bit
/// flips, field mutations). Only <see cref="SerializationException"/> may come out, nothing may hang, each payload's
/// allocation stays within a bounded multiple of its size, and every valid payload round-trips byte for byte.
/// </summary>
public sealed class SerializerFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Payloads = 100_000;

    /// <summary>
    /// Allocation allowed per payload: a constant for the exception or the message objects, plus a multiple of what
    /// arrived. Protocol Buffers: a node id entry is 2 bytes on the wire and costs a parsed object, a list slot and the
    /// domain objects it becomes (about 41 bytes per byte at worst, measured by ProtobufHostileLengthTests).
    /// </summary>
    private const long AllocationConstant = 64 * 1024;

    private const int ProtobufAllocationPerByte = 48;
    private const int LegacyAllocationPerByte = 32;

    private readonly ActorSystem _system = ActorSystem.Create("fuzz", Simulation.SimSystem.Config());

    private readonly ActorSystem _legacySystem = ActorSystem.Create("fuzz-legacy",
        ConfigurationFactory.ParseString("actors.election.wire-format = legacy").WithFallback(Simulation.SimSystem.Config()));

    [Fact]
    public void Protobuf_only_serialization_exceptions_no_hang_bounded_allocation()
    {
        var serializer = new ElectionMessageSerializer((ExtendedActorSystem)_system);
        Assert.Equal(WireFormat.Protobuf, serializer.WireFormat);
        string[] kinds = ["random", "truncated", "bit-flipped", "byte-mutated", "field-mutated", "hostile length", "oversized list", "valid"];
        Run(serializer, kinds, ProtobufAllocationPerByte, (rng, kind, valid) => kind switch
        {
            0 => RandomBytes(rng, firstByte: (byte)(8 * rng.Next(1, 16) + rng.Next(0, 6))), // a plausible tag first
            1 => valid[..rng.Next(valid.Length)],
            2 => FlipBits(rng, valid),
            3 => MutateBytes(rng, valid),
            4 => MutateField(rng, valid),
            5 => HostileLength(rng, valid),
            6 => OversizedList(rng, valid),
            _ => valid,
        });
    }

    [Fact]
    public void Legacy_only_serialization_exceptions_no_hang_bounded_allocation()
    {
        var serializer = new ElectionMessageSerializer((ExtendedActorSystem)_legacySystem);
        Assert.Equal(WireFormat.Legacy, serializer.WireFormat);
        string[] kinds = ["random", "truncated", "bit-flipped", "field-mutated", "valid"];
        Run(serializer, kinds, LegacyAllocationPerByte, (rng, kind, valid) => kind switch
        {
            0 => RandomBytes(rng, firstByte: LegacyBinaryCodec.SchemaVersion), // get past the first check
            1 => valid[..rng.Next(valid.Length)],
            2 => FlipBits(rng, valid),
            3 => MutateBytes(rng, valid),
            _ => valid,
        });
    }

    [Fact]
    public void Unknown_manifests_and_null_bytes_raise_serialization_exceptions()
    {
        var serializer = new ElectionMessageSerializer((ExtendedActorSystem)_system);
        var valid = serializer.ToBinary(RandomMessage(new Random(1)));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(valid, "XX"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(valid, ""));
        foreach (var manifest in new[] { ElectionMessageSerializer.ElectionMessageManifest, ElectionMessageSerializer.LegacyElectionMessageManifest })
        {
            Assert.Throws<SerializationException>(() => serializer.FromBinary(null!, manifest));
            Assert.Throws<SerializationException>(() => serializer.FromBinary([], manifest));
        }
        Assert.Throws<SerializationException>(() => serializer.ToBinary("not an election message"));
    }

    public void Dispose()
    {
        _system.Terminate().Wait(TimeSpan.FromSeconds(10));
        _legacySystem.Terminate().Wait(TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// Decodes <see cref="Payloads"/> payloads, the kinds in turn, each made by <paramref name="payload"/> from a fresh
    /// valid payload; the last kind is the valid payload itself, which must round-trip.
    /// </summary>
    private void Run(ElectionMessageSerializer serializer, string[] kinds, int allocationPerByte, Func<Random, int, byte[], byte[]> payload)
    {
        var manifest = serializer.Manifest(RandomMessage(new Random(0)));
        var rng = new Random(20240611);
        int accepted = 0, rejected = 0;
        long maxTicks = 0, maxAllocated = 0, maxAllocatedPayload = 0;
        double maxPerByte = 0; // among payloads of 1 KiB or more, where the per-byte part dominates the constant
        var counts = new int[kinds.Length];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < Payloads; i++)
        {
            var kind = i % kinds.Length;
            counts[kind]++;
            var valid = serializer.ToBinary(RandomMessage(rng));
            var bytes = payload(rng, kind, valid);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            object? result = null;
            try
            {
                result = serializer.FromBinary(bytes, manifest);
                accepted++;
            }
            catch (SerializationException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"{kinds[kind]} payload {i} ({Convert.ToHexString(bytes)}) raised {e.GetType().Name}: {e.Message}");
            }
            var ticks = sw.ElapsedTicks;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            maxTicks = Math.Max(maxTicks, ticks);
            if (allocated > maxAllocated) (maxAllocated, maxAllocatedPayload) = (allocated, bytes.Length);
            if (bytes.Length >= 1024) maxPerByte = Math.Max(maxPerByte, (double)allocated / bytes.Length);
            Assert.True(allocated <= AllocationConstant + allocationPerByte * (long)bytes.Length,
                $"{kinds[kind]} payload {i} of {bytes.Length} bytes allocated {allocated} bytes: {Convert.ToHexString(bytes)}");
            Assert.True(TimeSpan.FromTicks(ticks * TimeSpan.TicksPerSecond / Stopwatch.Frequency) < TimeSpan.FromSeconds(1),
                $"{kinds[kind]} payload {i} took {ticks * 1000.0 / Stopwatch.Frequency:0}ms");
            if (kind == kinds.Length - 1)
            {
                Assert.IsType<ElectionMessage>(result);
                Assert.Equal(valid, serializer.ToBinary(result!));
            }
        }
        var summary = $"Serializer fuzz ({serializer.WireFormat}, manifest {manifest}): {Payloads} payloads " +
                      $"({string.Join(", ", kinds.Select((k, n) => $"{counts[n]} {k}"))}) in {total.Elapsed.TotalSeconds:0.0}s: " +
                      $"{accepted} accepted, {rejected} rejected with SerializationException, 0 other exceptions; " +
                      $"slowest {maxTicks * 1000.0 / Stopwatch.Frequency:0.###}ms, largest allocation {maxAllocated} bytes " +
                      $"(a payload of {maxAllocatedPayload} bytes), at most {maxPerByte:0.0} bytes allocated per byte of a payload of 1 KiB or more";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(rejected > Payloads / 4, $"only {rejected} payloads were rejected: the mutations do not reach the checks");
        Assert.True(accepted >= counts[^1], "fewer payloads accepted than valid ones sent");
    }

    private static readonly long[] Extremes = [0, 1, -1, long.MaxValue, long.MinValue, int.MaxValue, int.MinValue, 1L << 62, (1L << 62) + 1];

    private static long RandomLong(Random rng) => rng.Next(5) switch
    {
        0 => Extremes[rng.Next(Extremes.Length)],
        1 => rng.NextInt64(),
        2 => -rng.NextInt64(),
        3 => 1_796_500_000_000_000 + rng.Next(0, 1_000_000), // a hybrid-logical-clock session (µs since the epoch)
        _ => rng.Next(0, 1000),
    };

    private static UniqueAddress RandomNode(Random rng)
    {
        var host = rng.Next(3) == 0 ? null : rng.Next(4) == 0 ? new string('h', rng.Next(1, 300)) : $"n{rng.Next(10)}";
        int? port = host is null ? null : rng.Next(4) == 0 ? 0 : rng.Next(1, 65536);
        var system = rng.Next(8) == 0 ? "sys-ü-名" : "sim";
        return new UniqueAddress(new Address(rng.Next(2) == 0 ? "akka.tcp" : "akka", system, host, port), rng.Next(int.MinValue, int.MaxValue));
    }

    private static List<UniqueAddress> RandomNodes(Random rng, int max) => Enumerable.Range(0, rng.Next(0, max)).Select(_ => RandomNode(rng)).ToList();

    private static ElectionMessage RandomMessage(Random rng)
    {
        var members = RandomNodes(rng, 12);
        // A joint electorate now and then: the legacy writer carries one member in and one out as the union, so the
        // outgoing set differs from the members by one node at most there, as the protocol's changes do.
        var outgoing = rng.Next(4) != 0 || members.Count == 0 ? null : members.Skip(1).Append(RandomNode(rng)).ToList();
        return new ElectionMessage(
            (ElectionMessageKind)rng.Next(5), (ElectionStatus)rng.Next(4), RandomLong(rng), new Seniority(RandomLong(rng)), RandomLong(rng), RandomLong(rng),
            RandomNode(rng), rng.Next(2) == 0 ? null : RandomNode(rng), rng.Next(2) == 0 ? null : RandomNode(rng), rng.Next(int.MinValue, int.MaxValue),
            rng.Next(2) == 0, rng.Next(2) == 0, rng.Next(2) == 0, new Electorate(new ElectorateVersion(RandomLong(rng), RandomLong(rng)), members, outgoing))
        {
            Removed = RandomNodes(rng, 4).ToImmutableSortedSet(NodeOrdering.Instance),
        };
    }

    private static byte[] RandomBytes(Random rng, byte firstByte)
    {
        var bytes = new byte[rng.Next(0, rng.Next(10) == 0 ? 4096 : 200)];
        rng.NextBytes(bytes);
        if (bytes.Length > 0 && rng.Next(2) == 0) bytes[0] = firstByte;
        return bytes;
    }

    private static byte[] FlipBits(Random rng, byte[] valid)
    {
        var bytes = (byte[])valid.Clone();
        for (var i = rng.Next(1, 9); i > 0; i--) bytes[rng.Next(bytes.Length)] ^= (byte)(1 << rng.Next(8));
        return bytes;
    }

    private static byte[] MutateBytes(Random rng, byte[] valid)
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

    /// <summary>Protocol Buffers: a whole field dropped, repeated, moved, or an unknown field inserted, at any depth.</summary>
    private static byte[] MutateField(Random rng, byte[] valid)
    {
        var fields = ProtobufFields.All(valid);
        var f = fields[rng.Next(fields.Count)];
        var field = valid.AsSpan(f.Start, f.End - f.Start).ToArray();
        return rng.Next(4) switch
        {
            0 => ProtobufFields.Replace(valid, f, []),                              // dropped
            1 => ProtobufFields.Replace(valid, f, [.. field, .. field]),           // repeated (merged or last-wins)
            2 => [.. ProtobufFields.Replace(valid, f, []), .. field],               // moved to the end (possibly out of its message)
            _ => ProtobufFields.Replace(valid, f, [.. field, .. UnknownField(rng)]), // followed by a field nobody knows
        };
    }

    /// <summary>Protocol Buffers: a length prefix (a node id, the electorate, a string) replaced by a hostile value.</summary>
    private static byte[] HostileLength(Random rng, byte[] valid)
    {
        var prefixes = ProtobufFields.All(valid).Where(f => f.LengthStart >= 0).ToList();
        var f = prefixes[rng.Next(prefixes.Count)];
        var declared = f.End - f.BodyStart;
        ulong hostile = rng.Next(6) switch
        {
            0 => ulong.MaxValue,
            1 => int.MaxValue + (ulong)rng.Next(0, 3),
            2 => (ulong)rng.Next(1025, 1 << 20),
            3 => (ulong)(declared + rng.Next(1, 16)),
            4 => (ulong)Math.Max(0, declared - rng.Next(1, 16)),
            _ => 0,
        };
        return [.. valid[..f.LengthStart], .. Varint(hostile), .. valid[f.BodyStart..]];
    }

    /// <summary>
    /// Protocol Buffers: the shortest node id entry of a list repeated past the list's bound (a quarter of the time),
    /// or a few times (the list stays valid, only longer, or holds a node twice).
    /// </summary>
    private static byte[] OversizedList(Random rng, byte[] valid)
    {
        var entries = ProtobufFields.All(valid).Where(f => f.IsListEntry).ToList();
        if (entries.Count == 0) return RandomBytes(rng, 0x7A); // field 15, length-delimited: a removed node id's tag
        var f = entries.MinBy(e => e.End - e.Start);
        var copies = rng.Next(4) == 0 ? WireLimits.MaxElectorate + rng.Next(1, 3) : rng.Next(2, 64);
        var entry = valid.AsSpan(f.Start, f.End - f.Start);
        var repeated = new byte[entry.Length * copies];
        for (var c = 0; c < copies; c++) entry.CopyTo(repeated.AsSpan(c * entry.Length));
        return ProtobufFields.Replace(valid, f, repeated);
    }

    private static byte[] UnknownField(Random rng)
    {
        var number = rng.Next(16, 2000);
        return rng.Next(3) switch
        {
            0 => [.. Varint((ulong)number << 3), .. Varint((ulong)rng.NextInt64())],
            1 => [.. Varint(((ulong)number << 3) | 5), 1, 2, 3, 4],
            _ => [.. Varint(((ulong)number << 3) | 2), 3, (byte)'a', (byte)'b', (byte)'c'],
        };
    }

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.Add((byte)value);
        return bytes.ToArray();
    }

    /// <summary>The fields of a valid Protocol Buffers election message, found by walking its wire format and election.proto's nesting.</summary>
    private static class ProtobufFields
    {
        /// <summary>One field: where it starts (its tag), where its length prefix and body start (length-delimited only), where it ends.</summary>
        public readonly record struct Field(int Start, int LengthStart, int BodyStart, int End, bool IsListEntry);

        // Embedded messages by (message, field number): the message, 7, 8, 9 node ids, 14 the electorate, 15 removed
        // node ids; the electorate's 3 and 4 are node id lists.
        public static List<Field> All(byte[] payload)
        {
            var fields = new List<Field>();
            Walk(payload, 0, payload.Length, Level.Message, fields);
            return fields;
        }

        public static byte[] Replace(byte[] payload, Field field, byte[] with) => [.. payload[..field.Start], .. with, .. payload[field.End..]];

        private enum Level { Message, Electorate, Node }

        private static void Walk(byte[] bytes, int from, int to, Level level, List<Field> fields)
        {
            var position = from;
            while (position < to)
            {
                var start = position;
                var tag = ReadVarint(bytes, ref position);
                var number = (int)(tag >> 3);
                switch (tag & 7)
                {
                    case 0:
                        ReadVarint(bytes, ref position);
                        fields.Add(new Field(start, -1, -1, position, false));
                        break;
                    case 1:
                        position += 8;
                        fields.Add(new Field(start, -1, -1, position, false));
                        break;
                    case 5:
                        position += 4;
                        fields.Add(new Field(start, -1, -1, position, false));
                        break;
                    default:
                        var lengthStart = position;
                        var length = (int)ReadVarint(bytes, ref position);
                        var bodyStart = position;
                        position += length;
                        var inner = (level, number) switch
                        {
                            (Level.Message, 7 or 8 or 9 or 15) => Level.Node,
                            (Level.Message, 14) => Level.Electorate,
                            (Level.Electorate, 3 or 4) => Level.Node,
                            _ => (Level?)null,
                        };
                        var isListEntry = (level, number) is (Level.Message, 15) or (Level.Electorate, 3 or 4);
                        fields.Add(new Field(start, lengthStart, bodyStart, position, isListEntry));
                        if (inner is { } nested) Walk(bytes, bodyStart, position, nested, fields);
                        break;
                }
            }
        }

        private static ulong ReadVarint(byte[] bytes, ref int position)
        {
            ulong result = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = bytes[position++];
                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return result;
            }
        }
    }
}
