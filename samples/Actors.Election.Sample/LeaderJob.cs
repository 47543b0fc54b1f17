using Akka.Actor;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Election.Sample;

/// <summary>
/// Work that runs on one node of the cluster at a time: while this node leads, it appends to the shared
/// <see cref="FencedLog"/>, every write carrying the leadership's fencing token, so that a write of a deposed master
/// that arrives late is refused by the store.
/// </summary>
public sealed class LeaderJob(Election election, FencedLog log, SampleOptions options, IHostApplicationLifetime lifetime, ILogger<LeaderJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!ShuttingDown(stoppingToken))
            {
                // Completes once this node is master; Lost is cancelled the moment it stops being master.
                var leadership = await election.WaitForLeadershipAsync(stoppingToken);
                // Elected while leaving (a whole-cluster stop can hand over to a node that is itself leaving): start
                // nothing, the node hands over again on its way out.
                if (ShuttingDown(stoppingToken)) break;
                await LeadAsync(leadership, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        logger.LogInformation("Leader job stopped");
    }

    private async Task LeadAsync(Leadership leadership, CancellationToken stoppingToken)
    {
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leadership.Lost);
        logger.LogInformation("Leading with fencing token {Token}", leadership.Token);
        var node = leadership.Master.ToShortId();
        var written = 0;
        try
        {
            while (true)
            {
                if (log.Append(leadership.Token, $"entry {written + 1} from {node}"))
                {
                    if (++written == 1) logger.LogInformation("First write accepted with token {Token}", leadership.Token);
                }
                else
                {
                    // The store has taken a newer token: another node leads now, whatever this node's election still
                    // says. Write nothing more until this leadership ends.
                    logger.LogWarning("The store refused token {Token}: a newer master has written", leadership.Token);
                    await Task.Delay(Timeout.Infinite, leading.Token);
                }
                await Task.Delay(options.WriteInterval, leading.Token);
            }
        }
        catch (OperationCanceledException) when (leadership.Lost.IsCancellationRequested)
        {
            // On SIGTERM this comes first: Akka's exit hook runs the hand-over before the host cancels stoppingToken
            // (docs/operations.md). A node on its way out must not go back to waiting for leadership.
            logger.LogInformation(ShuttingDown(stoppingToken)
                ? "Lost leadership of session {Session} after {Written} writes: this node is shutting down"
                : "Lost leadership of session {Session} after {Written} writes; waiting to be elected again", leadership.Session, written);
        }
    }

    // The host's stop token comes last on SIGTERM: Akka's coordinated shutdown (started by its exit hook, or by the host)
    // and the host's ApplicationStopping say it earlier.
    private bool ShuttingDown(CancellationToken stoppingToken) =>
        stoppingToken.IsCancellationRequested
        || lifetime.ApplicationStopping.IsCancellationRequested
        || CoordinatedShutdown.Get(election.System).ShutdownReason is not null;
}
