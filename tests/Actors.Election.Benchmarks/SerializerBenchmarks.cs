using Actors.Election.Serialization;
using Akka.Actor;
using Akka.Configuration;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Actors.Election.Benchmarks;

/// <summary>
/// <see cref="ElectionMessageSerializer"/> encoding and decoding a master's announcement, in the legacy binary schema
/// (the baseline: what the previous release writes) and in Protocol Buffers, for a 5-node and a 25-node electorate.
/// The Payload column is the message's size in bytes.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
[Config(typeof(PayloadConfig))]
public class SerializerBenchmarks
{
    private ActorSystem _system = null!;
    private ActorSystem _legacySystem = null!;
    private ElectionMessageSerializer _protobuf = null!;
    private ElectionMessageSerializer _legacy = null!;
    private ElectionMessage _message = null!;
    private byte[] _protobufBytes = null!;
    private byte[] _legacyBytes = null!;

    /// <summary>Electorate size.</summary>
    [Params(5, 25)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        _legacySystem = ActorSystem.Create("bench-legacy", ConfigurationFactory.ParseString("akka.loglevel = WARNING\nactors.election.wire-format = legacy"));
        _protobuf = new ElectionMessageSerializer((ExtendedActorSystem)_system);
        _legacy = new ElectionMessageSerializer((ExtendedActorSystem)_legacySystem);
        _message = ElectionMessages.Announce(Nodes);
        _protobufBytes = _protobuf.ToBinary(_message);
        _legacyBytes = _legacy.ToBinary(_message);
        // Measure only what decodes back into the message it encodes.
        if (!_message.Equals(_protobuf.FromBinary(_protobufBytes, ElectionMessageSerializer.ElectionMessageManifest))
            || !_message.Equals(_legacy.FromBinary(_legacyBytes, ElectionMessageSerializer.LegacyElectionMessageManifest)))
            throw new InvalidOperationException("the benchmark message does not round-trip");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _system.Terminate().Wait(TimeSpan.FromSeconds(10));
        _legacySystem.Terminate().Wait(TimeSpan.FromSeconds(10));
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Encode")]
    public byte[] EncodeLegacy() => _legacy.ToBinary(_message);

    [Benchmark, BenchmarkCategory("Encode")]
    public byte[] EncodeProtobuf() => _protobuf.ToBinary(_message);

    [Benchmark(Baseline = true), BenchmarkCategory("Decode")]
    public object DecodeLegacy() => _legacy.FromBinary(_legacyBytes, ElectionMessageSerializer.LegacyElectionMessageManifest);

    [Benchmark, BenchmarkCategory("Decode")]
    public object DecodeProtobuf() => _protobuf.FromBinary(_protobufBytes, ElectionMessageSerializer.ElectionMessageManifest);

    /// <summary>Adds the <see cref="PayloadColumn"/>.</summary>
    private sealed class PayloadConfig : ManualConfig
    {
        public PayloadConfig() => AddColumn(new PayloadColumn());
    }
}
