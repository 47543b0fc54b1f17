using Actors.Election.Serialization;
using Akka.Configuration;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Tests.Serialization;

/// <summary>The serializer as Akka finds it: registered by reference.conf, bound to <see cref="ElectionMessage"/>.</summary>
public sealed class SerializerRegistrationTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(ElectionSettings.DefaultConfig(), output: output)
{
    [Fact]
    public void Akka_picks_the_election_serializer_for_election_messages()
    {
        var serializer = Sys.Serialization.FindSerializerFor(SampleMessages.Message());

        var election = Assert.IsType<ElectionMessageSerializer>(serializer);
        Assert.Equal(ElectionMessageSerializer.Id, election.Identifier);
        Assert.Equal(4711, election.Identifier);
    }

    [Fact]
    public void Akka_picks_the_election_serializer_for_the_election_message_type()
    {
        Assert.IsType<ElectionMessageSerializer>(Sys.Serialization.FindSerializerForType(typeof(ElectionMessage)));
    }

    [Fact]
    public void The_manifest_of_an_election_message_is_EP_by_default()
    {
        var message = SampleMessages.Message();
        var serializer = Sys.Serialization.FindSerializerFor(message);

        Assert.Equal("EP", Akka.Serialization.Serialization.ManifestFor(serializer, message));
    }

    [Fact]
    public void A_message_round_trips_through_akka_serialization_by_id_and_manifest()
    {
        var message = SampleMessages.Message(voteFor: SampleMessages.Node(2), master: SampleMessages.Node(3));
        var serializer = Sys.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);

        var decoded = Sys.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        Assert.Equal(message, decoded);
    }

    public static TheoryData<int> Samples() => new(Enumerable.Range(0, SampleMessages.Varied().Count()));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Varied_messages_round_trip_through_akka_serialization(int sample)
    {
        var message = SampleMessages.Varied().ElementAt(sample);
        var serializer = Sys.Serialization.FindSerializerFor(message);

        var decoded = Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        Assert.Equal(message, decoded);
    }

    [Fact]
    public void Reference_conf_registers_the_serializer_with_an_id_above_100()
    {
        var config = ElectionSettings.DefaultConfig();
        const string typeName = "Actors.Election.Serialization.ElectionMessageSerializer, Actors.Election";

        Assert.Equal(typeName, config.GetString("akka.actor.serializers.actors-election"));
        var id = config.GetConfig("akka.actor.serialization-identifiers").GetInt($"\"{typeName}\"");
        Assert.True(id > 100, $"serializer id {id} must be above 100 (Akka reserves 0-100)");
        Assert.Equal(ElectionMessageSerializer.Id, id);
    }

    [Fact]
    public void Reference_conf_binds_election_messages_to_the_serializer()
    {
        var bindings = ElectionSettings.DefaultConfig().GetConfig("akka.actor.serialization-bindings");

        Assert.Equal("actors-election", bindings.GetString("\"Actors.Election.ElectionMessage, Actors.Election\""));
    }

    [Fact]
    public void The_embedded_reference_conf_parses_like_the_checked_in_file()
    {
        var file = ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference.conf")));

        Assert.Equal(
            file.GetConfig("akka.actor.serialization-identifiers").AsEnumerable().Select(e => (e.Key, e.Value.GetString())),
            ElectionSettings.DefaultConfig().GetConfig("akka.actor.serialization-identifiers").AsEnumerable().Select(e => (e.Key, e.Value.GetString())));
    }
}
