using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Actors.Election.Serialization;

/// <summary>
/// Serializes the election's wire messages (registered in reference.conf as <c>actors-election</c>, id 4711). It
/// writes the format <c>actors.election.wire-format</c> names (<see cref="WireFormat.Protobuf"/> by default, under
/// manifest <see cref="ElectionMessageManifest"/>; <see cref="WireFormat.Legacy"/> under
/// <see cref="LegacyElectionMessageManifest"/>) and reads both, whatever it writes, so a cluster can be upgraded by
/// rolling restarts (docs/operations.md). Unknown manifests and malformed, truncated or hostile bytes raise
/// <see cref="SerializationException"/> and nothing else.
/// </summary>
public sealed class ElectionMessageSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id registered in reference.conf.</summary>
    public const int Id = 4711;

    /// <summary>The manifest of <see cref="ElectionMessage"/> in Protocol Buffers (<c>election.proto</c>), the format written by default.</summary>
    public const string ElectionMessageManifest = "EP";

    /// <summary>
    /// The manifest of <see cref="ElectionMessage"/> in the legacy binary schema (versions 1 and 2), the only one the
    /// releases before the Protocol Buffers format read and write ("EM" was their <c>ElectionMessageManifest</c>).
    /// </summary>
    public const string LegacyElectionMessageManifest = "EM";

    /// <summary>Created by Akka's serialization with the system it serves; reads <c>actors.election.wire-format</c> from it.</summary>
    /// <exception cref="Akka.Configuration.ConfigurationException">The wire format setting is invalid.</exception>
    public ElectionMessageSerializer(ExtendedActorSystem system) : base(system)
    {
        WireFormat = ElectionSettings.ReadWireFormat(system.Settings.Config);
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <summary>The format this serializer writes (it reads both).</summary>
    public WireFormat WireFormat { get; }

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        ElectionMessage => WireFormat == WireFormat.Legacy ? LegacyElectionMessageManifest : ElectionMessageManifest,
        _ => throw CannotSerialize(o),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj switch
    {
        ElectionMessage message => WireFormat == WireFormat.Legacy ? LegacyBinaryCodec.Write(message) : ProtobufCodec.Write(message),
        _ => throw CannotSerialize(obj),
    };

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (bytes is null) throw WireErrors.Malformed("no bytes");
        return manifest switch
        {
            ElectionMessageManifest => ProtobufCodec.Read(bytes),
            LegacyElectionMessageManifest => LegacyBinaryCodec.Read(bytes),
            _ => throw new SerializationException($"Unknown manifest '{manifest}' for {nameof(ElectionMessageSerializer)}"),
        };
    }

    private static SerializationException CannotSerialize(object? o) =>
        new($"{nameof(ElectionMessageSerializer)} cannot serialize {o?.GetType().FullName ?? "null"}");
}
