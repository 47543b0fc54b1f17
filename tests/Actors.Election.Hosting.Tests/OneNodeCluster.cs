using Akka.Cluster;
using Akka.Configuration;
using Akka.Hosting;

namespace Actors.Election.Hosting.Tests;

/// <summary>A one-node cluster over loopback on a free port (port 0): the node joins itself once the system runs.</summary>
internal static class OneNodeCluster
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    public static AkkaConfigurationBuilder AsOneNodeCluster(this AkkaConfigurationBuilder builder)
    {
        builder.AddHocon(ConfigurationFactory.ParseString("""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp.hostname = 127.0.0.1
            akka.remote.dot-netty.tcp.port = 0
            akka.cluster.min-nr-of-members = 1
            akka.loglevel = INFO
            """), HoconAddMode.Prepend);
        return builder.AddStartup((system, _) =>
        {
            var cluster = Cluster.Get(system);
            cluster.Join(cluster.SelfAddress);
        });
    }
}
