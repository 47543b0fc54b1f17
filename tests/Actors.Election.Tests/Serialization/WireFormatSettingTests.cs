using Actors.Election.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Xunit;
using static Actors.Election.Tests.Settings.ReferenceConfFile;

namespace Actors.Election.Tests.Serialization;

/// <summary>
/// <c>actors.election.wire-format</c>: read and validated like every key, and what the serializer of a system writes
/// (manifest and bytes) follows it.
/// </summary>
public sealed class WireFormatSettingTests
{
    [Theory]
    [InlineData("protobuf", WireFormat.Protobuf)]
    [InlineData("legacy", WireFormat.Legacy)]
    [InlineData("Legacy", WireFormat.Legacy)]
    [InlineData("\"protobuf\"", WireFormat.Protobuf)]
    public void The_setting_is_read(string value, WireFormat expected) =>
        Assert.Equal(expected, ElectionSettings.Create(Section($"wire-format = {value}")).WireFormat);

    [Theory]
    [InlineData("json")]
    [InlineData("proto")]
    [InlineData("\"\"")]
    [InlineData("1")]
    public void An_unknown_wire_format_is_rejected_naming_the_key(string value)
    {
        var e = Assert.Throws<ConfigurationException>(() => ElectionSettings.Create(Section($"wire-format = {value}")));

        Assert.Contains("actors.election.wire-format", e.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void An_undefined_wire_format_is_rejected_by_the_copy(int value)
    {
        var e = Assert.Throws<ConfigurationException>(() => ElectionSettings.Create(Config.Empty).WithWireFormat((WireFormat)value));

        Assert.Contains("actors.election.wire-format", e.Message);
    }

    [Fact]
    public void The_copy_and_ToHocon_keep_the_wire_format()
    {
        var settings = ElectionSettings.Create(Config.Empty).WithWireFormat(WireFormat.Legacy);

        Assert.Equal(WireFormat.Legacy, settings.WireFormat);
        Assert.Contains("wire-format = legacy", settings.ToHocon());
        Assert.Equal(settings, ElectionSettings.Create(ConfigurationFactory.ParseString(settings.ToHocon()).GetConfig(ElectionSettings.ConfigPath)));
    }

    [Theory]
    [InlineData("", WireFormat.Protobuf, ElectionMessageSerializer.ElectionMessageManifest)]
    [InlineData("actors.election.wire-format = protobuf", WireFormat.Protobuf, ElectionMessageSerializer.ElectionMessageManifest)]
    [InlineData("actors.election.wire-format = legacy", WireFormat.Legacy, ElectionMessageSerializer.LegacyElectionMessageManifest)]
    public void The_serializer_writes_what_its_system_says(string hocon, WireFormat format, string manifest)
    {
        using var system = new OwnedSystem(hocon);
        var serializer = new ElectionMessageSerializer(system.Extended);
        var message = SampleMessages.Message();

        Assert.Equal(format, serializer.WireFormat);
        Assert.Equal(manifest, serializer.Manifest(message));
        var bytes = serializer.ToBinary(message);
        Assert.Equal(format == WireFormat.Legacy ? LegacyBinaryCodec.Write(message) : ProtobufCodec.Write(message), bytes);
        Assert.Equal(message, serializer.FromBinary(bytes, manifest));
    }

    [Fact]
    public void The_serializer_of_a_system_without_the_election_section_writes_the_default()
    {
        using var system = new OwnedSystem("", withReferenceConf: false);

        Assert.Equal(WireFormat.Protobuf, new ElectionMessageSerializer(system.Extended).WireFormat);
    }

    [Fact]
    public void The_serializer_refuses_an_invalid_setting_naming_the_key()
    {
        using var system = new OwnedSystem("", withReferenceConf: false);
        system.Extended.Settings.InjectTopLevelFallback(ConfigurationFactory.ParseString("actors.election.wire-format = xml"));

        var e = Assert.Throws<ConfigurationException>(() => new ElectionMessageSerializer(system.Extended));

        Assert.Contains("actors.election.wire-format", e.Message);
    }

    [Fact]
    public void A_system_configured_with_an_invalid_setting_fails_to_start_naming_the_key()
    {
        // Akka creates the serializer reference.conf registers while the system starts.
        var e = Record.Exception(() => new OwnedSystem("actors.election.wire-format = xml").Dispose());

        Assert.NotNull(e);
        Assert.Contains("actors.election.wire-format", Flatten(e!));
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " <- " + Flatten(e.InnerException);

    private sealed class OwnedSystem : IDisposable
    {
        private readonly ActorSystem _system;

        public OwnedSystem(string hocon, bool withReferenceConf = true)
        {
            var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING\n" + hocon);
            _system = ActorSystem.Create("wire-format", withReferenceConf ? config.WithFallback(ElectionSettings.DefaultConfig()) : config);
        }

        public ExtendedActorSystem Extended => (ExtendedActorSystem)_system;

        public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
