using System.Collections.Immutable;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Cluster;
using Actors.Election.Serialization;
using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>What Protocol Buffers payloads cannot carry is refused by their writer.</summary>
public sealed class ProtobufSenderSideValidationTests(SerializerFixture fixture) : SenderSideValidationTests(fixture.Protobuf), IClassFixture<SerializerFixture>;

/// <summary>What the legacy schema cannot carry is refused by its writer.</summary>
public sealed class LegacySenderSideValidationTests(SerializerFixture fixture) : SenderSideValidationTests(fixture.Legacy), IClassFixture<SerializerFixture>;

/// <summary>
/// What the schema cannot carry (strings and electorates beyond its bounds, addresses the reader rejects, text
/// that is not valid UTF-16) fails on the sending side with SerializationException, instead of producing bytes
/// that every receiver would reject or decode into something else. A message at the bounds round-trips.
/// </summary>
public abstract class SenderSideValidationTests(ElectionMessageSerializer serializer)
{
    private static UniqueAddress NodeWithSystem(string system) => new(new Address("akka.tcp", system, "h", 1), 1);

    [Fact]
    public void A_system_name_of_exactly_the_maximum_length_round_trips()
    {
        var message = SampleMessages.Message(sender: NodeWithSystem(new string('s', WireLimits.MaxStringBytes)));

        Assert.Equal(message, serializer.RoundTrip(message));
    }

    [Fact]
    public void A_system_name_whose_utf8_exceeds_the_maximum_is_refused_when_serializing()
    {
        // 342 three-byte characters: 342 chars, 1026 UTF-8 bytes.
        var message = SampleMessages.Message(sender: NodeWithSystem(new string('€', 342)));

        Assert.Throws<SerializationException>(() => serializer.ToBinary(message));
    }

    [Fact]
    public void A_host_beyond_the_maximum_is_refused_when_serializing()
    {
        var node = new UniqueAddress(new Address("akka.tcp", "sys", new string('h', WireLimits.MaxStringBytes + 1), 1), 1);

        Assert.Throws<SerializationException>(() => serializer.ToBinary(SampleMessages.Message(master: node)));
    }

    [Fact]
    public void An_electorate_of_the_maximum_size_round_trips()
    {
        var members = Enumerable.Range(0, WireLimits.MaxElectorate).Select(n => SampleMessages.Node(n));
        var message = SampleMessages.Message(electorate: new Electorate(new ElectorateVersion(4, 4), members));

        Assert.Equal(message, serializer.RoundTrip(message));
    }

    [Fact]
    public void An_electorate_beyond_the_maximum_size_is_refused_when_serializing()
    {
        var members = Enumerable.Range(0, WireLimits.MaxElectorate + 1).Select(n => SampleMessages.Node(n));
        var message = SampleMessages.Message(electorate: new Electorate(new ElectorateVersion(4, 4), members));

        Assert.Throws<SerializationException>(() => serializer.ToBinary(message));
    }

    [Theory]
    [InlineData("", "sys", 1)]
    [InlineData("akka.tcp", "", 1)]
    [InlineData("akka.tcp", "sys", -1)]
    [InlineData("akka.tcp", "sys", 65536)]
    public void An_address_the_reader_would_reject_is_refused_when_serializing(string protocol, string system, int port)
    {
        var node = new UniqueAddress(new Address(protocol, system, "h", port), 1);

        Assert.Throws<SerializationException>(() => serializer.ToBinary(SampleMessages.Message(voteFor: node)));
    }

    [Fact]
    public void Removed_members_beyond_the_maximum_are_refused_when_serializing()
    {
        var removed = Enumerable.Range(0, WireLimits.MaxElectorate + 1).Select(n => SampleMessages.Node(n));
        var message = SampleMessages.Message() with { Removed = removed.ToImmutableSortedSet(NodeOrdering.Instance) };

        Assert.Throws<SerializationException>(() => serializer.ToBinary(message));
    }

    [Fact]
    public void A_message_beyond_the_maximum_size_is_refused_when_serializing()
    {
        // 4096 members with 300-byte host names: every field within its bound, the whole above 1 MiB.
        var members = Enumerable.Range(0, WireLimits.MaxElectorate)
            .Select(n => new UniqueAddress(new Address("akka.tcp", "sys", $"{n}.{new string('h', 300)}", 1), n));
        var message = SampleMessages.Message(electorate: new Electorate(new ElectorateVersion(4, 4), members));

        var e = Assert.Throws<SerializationException>(() => serializer.ToBinary(message));
        Assert.Contains($"{WireLimits.MaxMessageBytes}", e.Message);
    }

    [Fact]
    public void A_lone_surrogate_in_a_name_is_refused_instead_of_silently_replaced()
    {
        var message = SampleMessages.Message(sender: NodeWithSystem("sys\uD800"));

        Assert.Throws<SerializationException>(() => serializer.ToBinary(message));
    }
}
