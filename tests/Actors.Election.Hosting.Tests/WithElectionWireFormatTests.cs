using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Actors.Election.Hosting.Tests;

/// <summary><c>wire-format</c> through <c>WithElection</c>: the option writes the key, which the serializer reads from the system's configuration.</summary>
public sealed class WithElectionWireFormatTests
{
    [Theory]
    [InlineData(WireFormat.Legacy, "legacy")]
    [InlineData(WireFormat.Protobuf, "protobuf")]
    public void The_option_writes_the_key(WireFormat format, string value)
    {
        var builder = new AkkaConfigurationBuilder(new ServiceCollection(), "test");

        builder.WithElection(o => o.WireFormat = format);

        Assert.Contains($"wire-format = {value}", new ElectionOptions { WireFormat = format }.ToHocon());
        Assert.Equal(format, ElectionSettings.Create(builder.Configuration.Value.GetConfig(ElectionSettings.ConfigPath)).WireFormat);
        Assert.Equal(value, builder.Configuration.Value.GetString("actors.election.wire-format"));
    }

    [Fact]
    public void A_bad_wire_format_in_hocon_fails_at_once_naming_the_key()
    {
        var builder = new AkkaConfigurationBuilder(new ServiceCollection(), "test");

        var e = Assert.Throws<Akka.Configuration.ConfigurationException>(() => builder.WithElection("wire-format = xml"));

        Assert.Contains("actors.election.wire-format", e.Message);
    }
}
