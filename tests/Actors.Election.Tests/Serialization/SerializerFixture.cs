using Actors.Election.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// One ActorSystem per test class and the serializer constructed in it directly (not looked up), once per wire format:
/// <see cref="Protobuf"/> writes Protocol Buffers (the default), <see cref="Legacy"/> the legacy binary schema. Both
/// read both.
/// </summary>
public sealed class SerializerFixture : IDisposable
{
    private readonly ActorSystem _legacySystem;

    public SerializerFixture()
    {
        System = ActorSystem.Create("serializer-tests",
            ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(ElectionSettings.DefaultConfig()));
        _legacySystem = ActorSystem.Create("serializer-tests-legacy",
            ConfigurationFactory.ParseString("akka.loglevel = WARNING\nactors.election.wire-format = legacy").WithFallback(ElectionSettings.DefaultConfig()));
        Protobuf = new ElectionMessageSerializer((ExtendedActorSystem)System);
        Legacy = new ElectionMessageSerializer((ExtendedActorSystem)_legacySystem);
        Assert.Equal(WireFormat.Protobuf, Protobuf.WireFormat);
        Assert.Equal(WireFormat.Legacy, Legacy.WireFormat);
    }

    public ActorSystem System { get; }

    /// <summary>Writes Protocol Buffers under manifest "EP".</summary>
    public ElectionMessageSerializer Protobuf { get; }

    /// <summary>Writes the legacy binary schema 2 under manifest "EM".</summary>
    public ElectionMessageSerializer Legacy { get; }

    public ElectionMessageSerializer For(WireFormat format) => format == WireFormat.Legacy ? Legacy : Protobuf;

    public void Dispose()
    {
        System.Terminate().GetAwaiter().GetResult();
        _legacySystem.Terminate().GetAwaiter().GetResult();
    }
}
