using System.Collections.Immutable;
using System.Runtime.Serialization;
using Actors.Election.Cluster.Tests.PreviousRelease;
using Actors.Election.Serialization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Xunit;

namespace Actors.Election.Cluster.Tests;

/// <summary>
/// This release's serializer against the previous release's (<see cref="PreviousReleaseSerializer"/>), without a
/// cluster: with <c>wire-format = legacy</c> it writes the previous release's bytes exactly, each reads what the other
/// writes, and the previous release rejects the Protocol Buffers manifest, which is why a cluster switches to it only
/// once no node of the previous release is left.
/// </summary>
public sealed class PreviousReleaseCompatibilityTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("compat", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
    private readonly ActorSystem _legacySystem = ActorSystem.Create("compat-legacy",
        ConfigurationFactory.ParseString("akka.loglevel = WARNING\nactors.election.wire-format = legacy"));

    private ElectionMessageSerializer Protobuf => new((ExtendedActorSystem)_system);
    private ElectionMessageSerializer Legacy => new((ExtendedActorSystem)_legacySystem);
    private PreviousReleaseSerializer Previous => new((ExtendedActorSystem)_system);

    private static UniqueAddress Node(int n, int? uid = null) => new(new Address("akka.tcp", "orders", $"10.0.0.{n}", 2550 + n), uid ?? -n * 7919);

    public static TheoryData<string, ElectionMessage> Messages() => new()
    {
        { "campaign, bootstrap electorate", Message(ElectionMessageKind.Campaign, ElectionStatus.Campaigning, Electorate.Bootstrap([Node(1), Node(2), Node(3)])) },
        {
            "announce of a 5-node electorate with a removed member",
            Message(ElectionMessageKind.Announce, ElectionStatus.Master, new Electorate(new ElectorateVersion(1_796_500_000_000_000, 4), Enumerable.Range(1, 5).Select(n => Node(n))))
                with { Master = Node(1), Removed = ImmutableSortedSet.Create(NodeOrdering.Instance, Node(6)) }
        },
        {
            "extreme values",
            new ElectionMessage(ElectionMessageKind.Reply, ElectionStatus.Follower, long.MinValue, new Seniority(long.MaxValue), long.MaxValue, long.MinValue,
                new UniqueAddress(new Address("akka", "système-🚀"), int.MinValue), null, Node(2, int.MaxValue), int.MinValue, false, true, true,
                new Electorate(new ElectorateVersion(long.MinValue, long.MaxValue), [Node(2, int.MaxValue)]))
        },
    };

    private static ElectionMessage Message(ElectionMessageKind kind, ElectionStatus status, Electorate electorate) =>
        new(kind, status, Clock: 41, new Seniority(1_796_400_000_000), ProposedSession: 1_796_500_000_000_123, CommandsSeen: 17, Node(1), Node(1), null,
            Priority: 0, Candidate: true, Forced: false, Granted: false, electorate);

    [Theory]
    [MemberData(nameof(Messages))]
    public void The_legacy_format_is_the_previous_release_byte_for_byte(string name, ElectionMessage message)
    {
        Assert.Equal(Convert.ToHexString(Previous.ToBinary(message)), Convert.ToHexString(Legacy.ToBinary(message)));
        Assert.Equal(Previous.Manifest(message), Legacy.Manifest(message));
        Assert.NotNull(name);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void The_previous_release_reads_what_the_legacy_format_writes(string name, ElectionMessage message)
    {
        Assert.True(message.Equals(Previous.FromBinary(Legacy.ToBinary(message), Legacy.Manifest(message))), name);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void This_release_reads_what_the_previous_release_writes_whatever_it_writes_itself(string name, ElectionMessage message)
    {
        var bytes = Previous.ToBinary(message);

        Assert.True(message.Equals(Legacy.FromBinary(bytes, Previous.Manifest(message))), name);
        Assert.True(message.Equals(Protobuf.FromBinary(bytes, Previous.Manifest(message))), name);
    }

    [Fact]
    public void The_previous_release_rejects_the_protobuf_format()
    {
        var message = Message(ElectionMessageKind.Hello, ElectionStatus.Idle, Electorate.Bootstrap([Node(1)]));

        Assert.Equal(ElectionMessageSerializer.ElectionMessageManifest, Protobuf.Manifest(message));
        Assert.Throws<SerializationException>(() => Previous.FromBinary(Protobuf.ToBinary(message), Protobuf.Manifest(message)));
    }

    [Fact]
    public void The_previous_release_reads_a_joint_electorate_of_one_replaced_member_as_the_union()
    {
        var joint = new Electorate(new ElectorateVersion(1_796_500_000_000_000, 5), [Node(1), Node(2), Node(4)], [Node(1), Node(2), Node(3)]);
        var message = Message(ElectionMessageKind.Announce, ElectionStatus.Master, joint);

        var read = Assert.IsType<ElectionMessage>(Previous.FromBinary(Legacy.ToBinary(message), Legacy.Manifest(message)));

        Assert.Equal(joint.Version, read.Electorate.Version);
        Assert.Equal(new[] { Node(1), Node(2), Node(3), Node(4) }.OrderBy(n => n, NodeOrdering.Instance), read.Electorate.Members.ToList());
        Assert.Empty(read.Electorate.Outgoing);
    }

    public void Dispose()
    {
        _system.Terminate().Wait(TimeSpan.FromSeconds(10));
        _legacySystem.Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
