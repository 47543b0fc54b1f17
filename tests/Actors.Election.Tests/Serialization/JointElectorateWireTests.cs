using System.Runtime.Serialization;
using Actors.Election.Serialization;
using Xunit;
using static Actors.Election.Tests.Serialization.SampleMessages;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// Joint electorates (<see cref="Electorate.Outgoing"/>) on the wire. Protocol Buffers carries them whole. The legacy
/// schema has no field for them: a change of at most one member in and one out is written as the union of both
/// member sets (a plain electorate whose majorities overlap every majority of either set), a larger change is refused.
/// </summary>
public sealed class JointElectorateWireTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    private static readonly ElectorateVersion Version = new(1_796_500_000_000_000, 7);

    private static ElectionMessage WithElectorate(IEnumerable<int> members, IEnumerable<int> outgoing) =>
        Message(electorate: new Electorate(Version, members.Select(n => Node(n)), outgoing.Select(n => Node(n))));

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4 }, new[] { 1, 2, 3 })]
    [InlineData(new[] { 1, 2 }, new[] { 1, 2, 3 })]
    [InlineData(new[] { 5, 6, 7 }, new[] { 1, 2, 3 })]
    [InlineData(new[] { 1 }, new[] { 2 })]
    public void Protobuf_carries_a_joint_electorate_whole(int[] members, int[] outgoing)
    {
        var message = WithElectorate(members, outgoing);

        var decoded = fixture.Protobuf.RoundTrip(message);

        Assert.Equal(message, decoded);
        Assert.True(decoded.Electorate.IsJoint);
        Assert.Equal(outgoing.Select(n => Node(n)), decoded.Electorate.Outgoing.ToList());
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4 }, new[] { 1, 2, 3 }, "one member in")]
    [InlineData(new[] { 1, 2 }, new[] { 1, 2, 3 }, "one member out")]
    [InlineData(new[] { 1, 2, 4 }, new[] { 1, 2, 3 }, "one member replaced")]
    [InlineData(new[] { 1, 2, 3 }, new[] { 1, 2, 3 }, "no change")]
    public void Legacy_writes_a_change_of_at_most_one_member_in_and_one_out_as_the_union(int[] members, int[] outgoing, string what)
    {
        var message = WithElectorate(members, outgoing);

        var decoded = fixture.Legacy.RoundTrip(message);

        Assert.False(decoded.Electorate.IsJoint, what);
        Assert.Equal(Version, decoded.Electorate.Version);
        Assert.Equal(members.Union(outgoing).Order().Select(n => Node(n)), decoded.Electorate.Members.ToList());
        Assert.Equal(message with { Electorate = decoded.Electorate }, decoded);
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4, 5 }, new[] { 1, 2, 3 }, "2 in")]
    [InlineData(new[] { 1 }, new[] { 1, 2, 3 }, "2 out")]
    [InlineData(new[] { 5, 6, 7 }, new[] { 1, 2, 3 }, "3 replaced")]
    public void Legacy_refuses_a_larger_change_instead_of_writing_an_unsafe_plain_electorate(int[] members, int[] outgoing, string what)
    {
        var e = Assert.Throws<SerializationException>(() => fixture.Legacy.ToBinary(WithElectorate(members, outgoing)));

        Assert.Contains("wire-format = protobuf", e.Message);
        Assert.NotNull(what);
    }

    [Fact]
    public void A_majority_of_the_union_overlaps_every_majority_of_either_set_for_every_allowed_change()
    {
        // The reason the union is safe: checked exhaustively over small member sets (1..6 nodes, one in, one out).
        for (var size = 1; size <= 6; size++)
        {
            var old = Enumerable.Range(1, size).ToHashSet();
            foreach (var change in Changes(old))
            {
                var union = old.Union(change).ToHashSet();
                foreach (var unionMajority in Majorities(union))
                foreach (var set in new[] { old, change })
                foreach (var majority in Majorities(set))
                    Assert.True(unionMajority.Overlaps(majority),
                        $"{{{string.Join(",", old)}}} -> {{{string.Join(",", change)}}}: {{{string.Join(",", unionMajority)}}} misses {{{string.Join(",", majority)}}}");
            }
        }
    }

    [Fact]
    public void A_larger_change_has_a_union_majority_that_misses_a_majority_of_one_set()
    {
        // Why a larger change is refused: {1,2,3} -> {1,2,3,4,5}, union {1..5}: the majority {3,4,5} misses {1,2}.
        var old = new HashSet<int> { 1, 2, 3 };
        var union = new HashSet<int> { 1, 2, 3, 4, 5 };

        Assert.Contains(Majorities(union), m => Majorities(old).Any(o => !m.Overlaps(o)));
    }

    [Fact]
    public void An_outgoing_set_above_the_bound_is_refused_by_protobuf()
    {
        var message = WithElectorate([1], Enumerable.Range(1, WireLimits.MaxElectorate + 1));

        Assert.Throws<SerializationException>(() => fixture.Protobuf.ToBinary(message));
    }

    private static IEnumerable<HashSet<int>> Changes(HashSet<int> old)
    {
        const int newcomer = 100;
        yield return [.. old, newcomer];
        foreach (var leaver in old)
        {
            if (old.Count > 1) yield return old.Where(n => n != leaver).ToHashSet();
            yield return [.. old.Where(n => n != leaver), newcomer];
        }
    }

    private static IEnumerable<HashSet<int>> Majorities(HashSet<int> set)
    {
        var members = set.Order().ToArray();
        for (var mask = 1; mask < 1 << members.Length; mask++)
        {
            var subset = members.Where((_, i) => (mask & (1 << i)) != 0).ToHashSet();
            if (subset.Count * 2 > members.Length) yield return subset;
        }
    }
}
