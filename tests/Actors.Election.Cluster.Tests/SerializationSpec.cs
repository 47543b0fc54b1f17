using Actors.Election.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Cluster.Tests;

/// <summary>Election messages between nodes travel through the library's serializer, never as local objects.</summary>
public sealed class SerializationSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_node_binds_ElectionMessage_to_the_library_serializer_and_elects_over_it()
    {
        await using var cluster = new TestCluster(output);
        var nodes = await cluster.StartSequentiallyAsync(2);
        await cluster.AwaitAsync(() => nodes.All(n => nodes[0].Self.Equals(n.Election.Master)), "n2 follows n1 over the wire");

        foreach (var node in nodes)
        {
            var serializer = node.System.Serialization.FindSerializerForType(typeof(ElectionMessage));
            Assert.IsType<ElectionMessageSerializer>(serializer);
            Assert.True(serializer.Identifier > 100);
        }
    }
}
