// One node of the sample cluster: a generic-host application with Akka.Hosting, remoting, clustering with keep-majority
// downing, the election, a subscriber actor and a job that writes to a fenced SQLite log only while this node leads.
// Three nodes on one machine (README's quick start):
//   dotnet build samples/Actors.Election.Sample -c Release
//   dotnet run --no-build -c Release --project samples/Actors.Election.Sample -- --port 2551   (and 2552, 2553)
using Actors.Election;
using Actors.Election.Hosting;
using Actors.Election.Sample;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using LogLevel = Akka.Event.LogLevel;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddSimpleConsole(console =>
{
    console.SingleLine = true;
    console.TimestampFormat = "HH:mm:ss.fff ";
});
var options = SampleOptions.From(builder.Configuration);

builder.Services.AddSingleton(options);
builder.Services.AddSingleton(new FencedLog(options.ConnectionString));
builder.Services.AddAkka(SampleOptions.ClusterName, akka => akka
    .ConfigureLoggers(loggers =>
    {
        loggers.LogLevel = LogLevel.InfoLevel;
        loggers.ClearLoggers();
        loggers.AddLoggerFactory(); // Akka's log lines go through the host's logging
    })
    .WithRemoting(options.Host, options.Port)
    .WithClustering(new ClusterOptions
    {
        SeedNodes = [.. options.SeedNodes],
        // The first election needs every member a node knows of: start with the whole initial cluster.
        MinimumNumberOfMembers = options.MinimumMembers,
        // A crash is detected in about 2-3 s instead of 4-5 s (docs/operations.md).
        FailureDetector = new PhiAccrualFailureDetectorOptions
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(500),
            AcceptableHeartbeatPause = TimeSpan.FromSeconds(2),
        },
        // Keep-majority downing, the same majority as the election's: a dead node is removed, so the survivors can
        // leave and a restarted node can join again.
        SplitBrainResolver = new KeepMajorityOption(),
    })
    // Well above the detection time, so a short blip that the election rides out downs nobody.
    .AddHocon("akka.cluster.split-brain-resolver.stable-after = 7s", HoconAddMode.Prepend)
    .WithElection(election => election.Quorum = QuorumMode.Majority)
    // The subscriber actor, started with the system.
    .WithActors((system, registry) => registry.Register<ElectionListener>(
        system.ActorOf(ElectionListener.Props(Election.Get(system)), "election-listener"))));
builder.Services.AddElection(); // the Election handle as a service, for LeaderJob
builder.Services.AddHostedService<LeaderJob>();

await builder.Build().RunAsync();
