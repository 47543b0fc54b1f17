using System.Collections.Immutable;
using Actors.Election.Serialization.Proto;
using Google.Protobuf;
using ProtoWireFormat = Google.Protobuf.WireFormat;
using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// Protocol Buffers: a prefix that cuts a field short is always rejected. A prefix that ends exactly between two
/// top-level fields is well-formed wire format (a message with its later fields at their defaults, which the format
/// cannot tell from a shorter message; Akka.Remote's framing is what keeps messages whole): it decodes only if it
/// still holds the required sender and electorate, and then into a message that round-trips.
/// </summary>
public sealed class ProtobufTruncationTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    public static TheoryData<int> Samples() => new(Enumerable.Range(0, AllSamples().Count()));

    private static IEnumerable<ElectionMessage> AllSamples() => SampleMessages.Varied().Append(
        SampleMessages.Message(voteFor: SampleMessages.Node(2),
            electorate: new Electorate(new ElectorateVersion(5, 2), [SampleMessages.Node(1), SampleMessages.Node(4)], [SampleMessages.Node(1), SampleMessages.Node(2)]))
        with { Removed = ImmutableSortedSet.Create(NodeOrdering.Instance, SampleMessages.Node(2), SampleMessages.Node(3)) });

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_prefix_is_rejected_unless_it_ends_between_fields_and_holds_the_required_ones(int sample)
    {
        var bytes = fixture.Protobuf.ToBinary(AllSamples().ElementAt(sample));
        var fieldsEndingAt = TopLevelFieldEnds(bytes);

        var rejected = 0;
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            var complete = fieldsEndingAt.Where(f => f.End <= length).Select(f => f.Field).ToHashSet();
            var atBoundary = length == 0 || fieldsEndingAt.Any(f => f.End == length);
            if (atBoundary && complete.Contains(ElectionMessageData.SenderFieldNumber) && complete.Contains(ElectionMessageData.ElectorateFieldNumber))
            {
                var message = fixture.Protobuf.DecodeOrReject(prefix);
                Assert.True(message is not null, $"prefix of {length} bytes at a field boundary was rejected");
                fixture.Protobuf.AssertStable(message!);
            }
            else
            {
                fixture.Protobuf.AssertRejected(prefix);
                rejected++;
            }
        }

        Assert.True(rejected > bytes.Length / 2, $"only {rejected} of {bytes.Length} prefixes rejected");
    }

    private static List<(int End, int Field)> TopLevelFieldEnds(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        var ends = new List<(int, int)>();
        while (!input.IsAtEnd)
        {
            var tag = input.ReadTag();
            input.SkipLastField();
            ends.Add(((int)input.Position, ProtoWireFormat.GetTagFieldNumber(tag)));
        }
        return ends;
    }
}
