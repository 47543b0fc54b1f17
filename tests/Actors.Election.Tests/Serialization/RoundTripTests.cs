using Actors.Election.Serialization;
using Akka.Actor;
using Akka.Cluster;
using Xunit;
using static Actors.Election.Tests.Serialization.SampleMessages;

namespace Actors.Election.Tests.Serialization;

/// <summary>Every message the protocol can send decodes into an equal message, in the format written by default.</summary>
public sealed class ProtobufRoundTripTests(SerializerFixture fixture) : RoundTripTests(fixture.Protobuf), IClassFixture<SerializerFixture>;

/// <summary>Every message the protocol can send decodes into an equal message, in the legacy binary schema.</summary>
public sealed class LegacyRoundTripTests(SerializerFixture fixture) : RoundTripTests(fixture.Legacy), IClassFixture<SerializerFixture>;

/// <summary>Every message the protocol can send (a plain electorate; joint ones: <see cref="JointElectorateWireTests"/>) decodes into an equal message.</summary>
public abstract class RoundTripTests(ElectionMessageSerializer serializer)
{
    public static TheoryData<ElectionMessageKind, ElectionStatus> KindsAndStatuses()
    {
        var data = new TheoryData<ElectionMessageKind, ElectionStatus>();
        foreach (var kind in Enum.GetValues<ElectionMessageKind>())
        foreach (var status in Enum.GetValues<ElectionStatus>())
            data.Add(kind, status);
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndStatuses))]
    public void Every_kind_and_status_round_trips(ElectionMessageKind kind, ElectionStatus status)
    {
        var message = Message(kind: kind, status: status);

        Assert.Equal(message, serializer.RoundTrip(message));
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    [InlineData(true, true, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, true, true)]
    public void Every_flag_combination_round_trips(bool candidate, bool forced, bool granted)
    {
        var message = Message(candidate: candidate, forced: forced, granted: granted);

        var decoded = serializer.RoundTrip(message);

        Assert.Equal(message, decoded);
        Assert.Equal((candidate, forced, granted), (decoded.Candidate, decoded.Forced, decoded.Granted));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Vote_and_master_round_trip_whether_null_or_set(bool hasVote, bool hasMaster)
    {
        var message = Message(voteFor: hasVote ? Node(2, uid: 99) : null, master: hasMaster ? Node(3, uid: -7) : null);

        var decoded = serializer.RoundTrip(message);

        Assert.Equal(message, decoded);
        Assert.Equal(message.VoteFor, decoded.VoteFor);
        Assert.Equal(message.Master, decoded.Master);
    }

    [Fact]
    public void An_empty_bootstrap_electorate_round_trips()
    {
        var message = Message(electorate: Electorate.Bootstrap([]));

        var decoded = serializer.RoundTrip(message);

        Assert.Equal(message, decoded);
        Assert.Empty(decoded.Electorate.Members);
        Assert.True(decoded.Electorate.Version.IsBootstrap);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(300)]
    public void A_multi_member_electorate_round_trips_with_its_version(int size)
    {
        var members = Enumerable.Range(1, size).Select(n => Node(n, uid: n * 31)).ToList();
        var message = Message(electorate: new Electorate(new ElectorateVersion(12, 5), members));

        var decoded = serializer.RoundTrip(message);

        Assert.Equal(message, decoded);
        Assert.Equal(members.OrderBy(m => m, NodeOrdering.Instance).ToList(), decoded.Electorate.Members.ToList());
        Assert.Equal(new ElectorateVersion(12, 5), decoded.Electorate.Version);
    }

    [Fact]
    public void Incarnations_of_the_same_address_stay_distinct_members()
    {
        var message = Message(electorate: new Electorate(new ElectorateVersion(1, 1), [Node(1, uid: 1), Node(1, uid: 2)]));

        var decoded = serializer.RoundTrip(message);

        Assert.Equal(2, decoded.Electorate.Members.Count);
        Assert.Equal(message, decoded);
    }

    public static TheoryData<string, ElectionMessage> ExtremeValues() => new()
    {
        { "max clock", Message(clock: long.MaxValue) },
        { "min clock", Message(clock: long.MinValue) },
        { "zero clock", Message(clock: 0) },
        { "negative clock", Message(clock: -1) },
        { "max start instant", Message(startedAtUnixMs: long.MaxValue) },
        { "min start instant", Message(startedAtUnixMs: long.MinValue) },
        { "max session", Message(session: long.MaxValue) },
        { "min session", Message(session: long.MinValue) },
        { "max commands", Message(commandsSeen: long.MaxValue) },
        { "min commands", Message(commandsSeen: long.MinValue) },
        { "max priority", Message(priority: int.MaxValue) },
        { "min priority", Message(priority: int.MinValue) },
        { "max uid", Message(sender: Node(1, uid: int.MaxValue)) },
        { "min uid", Message(sender: Node(1, uid: int.MinValue)) },
        { "max electorate version", Message(electorate: new Electorate(new ElectorateVersion(long.MaxValue, long.MaxValue), [Node(1)])) },
        { "min electorate version", Message(electorate: new Electorate(new ElectorateVersion(long.MinValue, long.MinValue), [Node(1)])) },
        { "port 0", Message(sender: new UniqueAddress(new Address("akka.tcp", "sys", "h", 0), 1)) },
        { "port 65535", Message(sender: new UniqueAddress(new Address("akka.tcp", "sys", "h", 65535), 1)) },
        {
            "everything at once", Message(ElectionMessageKind.Reply, ElectionStatus.Follower, long.MinValue, long.MaxValue, long.MinValue,
                long.MaxValue, Node(9, uid: int.MinValue), Node(8, uid: int.MaxValue), Node(7, uid: 0), int.MinValue, false, true, true,
                new Electorate(new ElectorateVersion(long.MaxValue, long.MinValue), [Node(7, uid: 0), Node(8, uid: int.MaxValue), Node(9, uid: int.MinValue)]))
        },
    };

    [Theory]
    [MemberData(nameof(ExtremeValues))]
    public void Extreme_values_round_trip(string name, ElectionMessage message)
    {
        Assert.True(message.Equals(serializer.RoundTrip(message)), $"{name} did not round-trip");
    }

    public static TheoryData<string, Address> Addresses() => new()
    {
        { "host and port", new Address("akka.tcp", "sys", "10.0.0.1", 2552) },
        { "no host, no port (local)", new Address("akka", "sys") },
        { "host, no port", new Address("akka.tcp", "sys", "example.org", null) },
        { "IPv6 host", new Address("akka.tcp", "sys", "[::1]", 2552) },
        { "other protocol", new Address("akka.trttl.gremlin.tcp", "sys", "h", 1) },
        { "unicode system name", new Address("akka.tcp", "système-élection", "h", 1) },
        { "CJK system name", new Address("akka.tcp", "选举系统", "h", 1) },
        { "astral-plane system name", new Address("akka.tcp", "sys-🚀-𝄞", "h", 1) },
        { "unicode host", new Address("akka.tcp", "sys", "bücher.example", 1) },
        { "long system name", new Address("akka.tcp", new string('s', 1000), "h", 1) },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Addresses_round_trip_in_every_position(string name, Address address)
    {
        var node = new UniqueAddress(address, 123);
        var message = Message(sender: node, voteFor: node, master: node,
            electorate: new Electorate(new ElectorateVersion(1, 0), [node, Node(1)]));

        var decoded = serializer.RoundTrip(message);

        Assert.True(message.Equals(decoded), $"{name}: {message} became {decoded}");
        Assert.Equal(address.Host, decoded.Sender.Address.Host);
        Assert.Equal(address.Port, decoded.Sender.Address.Port);
        Assert.Equal(address.System, decoded.Sender.Address.System);
        Assert.Equal(address.Protocol, decoded.Sender.Address.Protocol);
    }

    [Fact]
    public void The_same_message_always_serializes_to_the_same_bytes()
    {
        var message = Message(voteFor: Node(2), master: Node(2));

        Assert.Equal(serializer.ToBinary(message), serializer.ToBinary(message with { }));
    }
}
