using Actors.Election.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>One ActorSystem per test class for the serializer used directly (constructed, not looked up).</summary>
public sealed class SerializerFixture : IDisposable
{
    public SerializerFixture()
    {
        System = ActorSystem.Create("serializer-tests",
            ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(ElectionSettings.DefaultConfig()));
        Serializer = new ElectionMessageSerializer((ExtendedActorSystem)System);
    }

    public ActorSystem System { get; }

    public ElectionMessageSerializer Serializer { get; }

    /// <summary>Serializes and deserializes <paramref name="message"/> with the directly constructed serializer.</summary>
    public ElectionMessage RoundTrip(ElectionMessage message)
    {
        var bytes = Serializer.ToBinary(message);
        return Assert.IsType<ElectionMessage>(Serializer.FromBinary(bytes, Serializer.Manifest(message)));
    }

    public void Dispose() => System.Terminate().GetAwaiter().GetResult();
}
