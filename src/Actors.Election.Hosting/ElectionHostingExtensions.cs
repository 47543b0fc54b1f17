using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Election.Hosting;

/// <summary>
/// Akka.Hosting integration: <c>WithElection</c> on <see cref="AkkaConfigurationBuilder"/> adds the election's
/// settings, starts this node's election with the <see cref="ActorSystem"/> and registers the election actor in the
/// <see cref="ActorRegistry"/> (<c>IRequiredActor&lt;Election&gt;</c>); <c>AddElection</c> on the service collection
/// makes the <see cref="Election"/> handle a singleton service.
/// </summary>
/// <remarks>
/// The election needs Akka.Cluster: the system must use the cluster provider and join a cluster (seed nodes or
/// <c>Cluster.Join</c>), configured as usual (HOCON, or Akka.Cluster.Hosting's <c>WithClustering</c>).
/// </remarks>
public static class ElectionHostingExtensions
{
    /// <summary>
    /// Starts the election with the system, with the <c>actors.election</c> settings of the system's HOCON (the
    /// library's reference.conf supplies every key left out).
    /// </summary>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <returns>The same builder.</returns>
    public static AkkaConfigurationBuilder WithElection(this AkkaConfigurationBuilder builder) => Setup(builder, null);

    /// <summary>
    /// Starts the election with the system, with the settings set in <paramref name="configure"/> over the system's
    /// HOCON (null properties keep the HOCON or default value).
    /// </summary>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder.</returns>
    public static AkkaConfigurationBuilder WithElection(this AkkaConfigurationBuilder builder, Action<ElectionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ElectionOptions();
        configure(options);
        return WithElection(builder, options);
    }

    /// <summary>Starts the election with the system, with <paramref name="options"/> over the system's HOCON.</summary>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="options">The settings to set; null properties keep the HOCON or default value.</param>
    /// <returns>The same builder.</returns>
    public static AkkaConfigurationBuilder WithElection(this AkkaConfigurationBuilder builder, ElectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hocon = options.ToHocon();
        return Setup(builder, hocon.Length == 0 ? null : ConfigurationFactory.ParseString(hocon));
    }

    /// <summary>Starts the election with the system, with exactly <paramref name="settings"/> (every key of the section).</summary>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="settings">The complete settings, e.g. <c>ElectionSettings.Create(config).WithPriority(2)</c>.</param>
    /// <returns>The same builder.</returns>
    public static AkkaConfigurationBuilder WithElection(this AkkaConfigurationBuilder builder, ElectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Setup(builder, ConfigurationFactory.ParseString(settings.ToHocon()));
    }

    /// <summary>
    /// Starts the election with the system, with <paramref name="section"/>: the body of the <c>actors.election</c>
    /// section in HOCON (as <see cref="ElectionSettings.Create(Config)"/> takes it), e.g.
    /// <c>"quorum = majority\nconnection-delay = 300ms"</c>. It is validated at once: a bad value fails here with a
    /// <see cref="ConfigurationException"/> naming the key. Keys it leaves out keep the system's HOCON or default value.
    /// </summary>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="section">HOCON: the keys of the <c>actors.election</c> section.</param>
    /// <returns>The same builder.</returns>
    public static AkkaConfigurationBuilder WithElection(this AkkaConfigurationBuilder builder, string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var config = ConfigurationFactory.ParseString(section);
        ElectionSettings.Create(config); // fail early, naming the key
        return Setup(builder, ConfigurationFactory.ParseString($"{ElectionSettings.ConfigPath} {{\n{section}\n}}"));
    }

    /// <summary>
    /// Registers the <see cref="Election"/> handle as a singleton service, resolved from the <see cref="ActorSystem"/>
    /// that Akka.Hosting registers (so it is the same handle <c>Election.Get(system)</c> returns). Call it on the
    /// service collection beside <c>AddAkka</c>: Akka.Hosting runs the <c>AddAkka</c> callback, and so
    /// <c>WithElection</c>, only once the service provider is built, too late to add services. Calling it more than
    /// once registers the handle once.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddElection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider => Election.Get(provider.GetRequiredService<ActorSystem>()));
        return services;
    }

    private static AkkaConfigurationBuilder Setup(AkkaConfigurationBuilder builder, Config? settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (settings is not null) builder.AddHocon(settings, HoconAddMode.Prepend);
        // The library's reference.conf (defaults and the serializer binding) below everything else.
        builder.AddHocon(ElectionSettings.DefaultConfig(), HoconAddMode.Append);
        // Start the election with the system (Election.Get starts it once, however often this runs) and register
        // its actor for IRequiredActor<Election>.
        builder.AddStartup((system, registry) => registry.TryRegister<Election>(Election.Get(system).Actor));
        return builder;
    }
}
