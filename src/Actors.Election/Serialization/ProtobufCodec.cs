using System.Collections.Immutable;
using System.Runtime.Serialization;
using Actors.Election.Serialization.Proto;
using Akka.Cluster;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace Actors.Election.Serialization;

/// <summary>
/// <see cref="ElectionMessage"/> to and from the Protocol Buffers classes generated from <c>election.proto</c>
/// (manifest "EP"). Writing checks <see cref="WireLimits"/> so a receiver never has to reject what this node sends;
/// reading runs <see cref="ProtobufBounds"/> first, then the generated parser, then the checks the schema's types
/// cannot express (known kinds and statuses, node ids Akka accepts). A new field is one line in each direction.
/// </summary>
internal static class ProtobufCodec
{
    // Fields this release does not know (a newer node's) are skipped without being kept.
    private static readonly MessageParser<ElectionMessageData> Parser = ElectionMessageData.Parser.WithDiscardUnknownFields(true);

    private static readonly ImmutableSortedSet<UniqueAddress> NoneRemoved = ImmutableSortedSet.Create<UniqueAddress>(NodeOrdering.Instance);

    public static byte[] Write(ElectionMessage m)
    {
        CheckCount(m.Electorate.Members.Count, "electorate members");
        CheckCount(m.Electorate.Outgoing.Count, "outgoing electorate members");
        CheckCount(m.Removed.Count, "removed members");
        var data = new ElectionMessageData
        {
            Kind = (ElectionMessageKindData)m.Kind,
            Status = (ElectionStatusData)m.Status,
            Clock = m.Clock,
            StartedAtUnixMs = m.Seniority.StartedAtUnixMs,
            ProposedSession = m.ProposedSession,
            CommandsSeen = m.CommandsSeen,
            Sender = ToData(m.Sender),
            VoteFor = m.VoteFor is null ? null : ToData(m.VoteFor),
            Master = m.Master is null ? null : ToData(m.Master),
            Priority = m.Priority,
            Candidate = m.Candidate,
            Forced = m.Forced,
            Granted = m.Granted,
            Electorate = ToData(m.Electorate),
        };
        AddAll(data.Removed, m.Removed);
        var size = data.CalculateSize();
        if (size > WireLimits.MaxMessageBytes)
            throw WireErrors.CannotSerialize($"{size} bytes, the schema allows {WireLimits.MaxMessageBytes}");
        var bytes = new byte[size];
        data.WriteTo(bytes.AsSpan());
        return bytes;
    }

    public static ElectionMessage Read(ReadOnlySpan<byte> bytes)
    {
        ProtobufBounds.Check(bytes);
        try
        {
            var d = Parser.ParseFrom(bytes);
            if ((int)d.Kind is < 0 or > (int)ElectionMessageKind.Reply) throw WireErrors.Malformed($"unknown message kind {(int)d.Kind}");
            if ((int)d.Status is < 0 or > (int)ElectionStatus.Follower) throw WireErrors.Malformed($"unknown status {(int)d.Status}");
            var sender = d.Sender ?? throw WireErrors.Malformed("no sender");
            var electorate = d.Electorate ?? throw WireErrors.Malformed("no electorate");
            return new ElectionMessage(
                (ElectionMessageKind)d.Kind, (ElectionStatus)d.Status, d.Clock, new Seniority(d.StartedAtUnixMs), d.ProposedSession,
                d.CommandsSeen, FromData(sender), d.VoteFor is null ? null : FromData(d.VoteFor), d.Master is null ? null : FromData(d.Master),
                d.Priority, d.Candidate, d.Forced, d.Granted, FromData(electorate))
            {
                Removed = d.Removed.Count == 0 ? NoneRemoved : FromData(d.Removed).ToImmutableSortedSet(NodeOrdering.Instance),
            };
        }
        catch (SerializationException)
        {
            throw;
        }
        catch (Exception e)
        {
            // InvalidProtocolBufferException, or Akka's own types (Address) rejecting values the schema allows: still bad input.
            throw WireErrors.Malformed(e.Message, e);
        }
    }

    private static ElectorateData ToData(Electorate electorate)
    {
        var data = new ElectorateData { VersionSession = electorate.Version.Session, VersionSequence = electorate.Version.Sequence };
        AddAll(data.Members, electorate.Members);
        AddAll(data.Outgoing, electorate.Outgoing);
        return data;
    }

    private static Electorate FromData(ElectorateData data) =>
        new(new ElectorateVersion(data.VersionSession, data.VersionSequence), FromData(data.Members),
            data.Outgoing.Count == 0 ? null : FromData(data.Outgoing));

    private static NodeIdData ToData(UniqueAddress node)
    {
        WireNodeIds.CheckWritable(node);
        var a = node.Address;
        var data = new NodeIdData { Protocol = a.Protocol, System = a.System, Host = a.Host ?? "", Uid = node.Uid };
        if (a.Port is { } port) data.Port = (uint)port;
        return data;
    }

    private static UniqueAddress FromData(NodeIdData data) =>
        WireNodeIds.Create(data.Protocol, data.System, data.Host, data.HasPort ? data.Port : null, data.Uid);

    private static UniqueAddress[] FromData(RepeatedField<NodeIdData> nodes)
    {
        var result = new UniqueAddress[nodes.Count];
        for (var i = 0; i < result.Length; i++) result[i] = FromData(nodes[i]);
        return result;
    }

    private static void AddAll(RepeatedField<NodeIdData> to, IReadOnlyCollection<UniqueAddress> nodes)
    {
        foreach (var node in nodes) to.Add(ToData(node));
    }

    private static void CheckCount(int count, string what)
    {
        if (count > WireLimits.MaxElectorate)
            throw WireErrors.CannotSerialize($"{count} {what}, the schema allows {WireLimits.MaxElectorate}");
    }
}
