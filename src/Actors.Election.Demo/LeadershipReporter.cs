using Akka.Cluster;

namespace Actors.Election.Demo;

/// <summary>
/// Waits on the handle's <see cref="Election.WaitForLeadershipAsync"/> as an application would, and tells the
/// <see cref="NodeView"/> when it completed (and when the leadership was lost): the benchmark counts an election
/// failover as done only once the new master's application would have started leading.
/// </summary>
internal static class LeadershipReporter
{
    public static Task RunAsync(Election election, Cluster cluster, NodeView view, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var leadership = await election.WaitForLeadershipAsync(cancellationToken);
                    view.Leading(leadership.Session, ReportLine.Now());
                    await view.RefreshAsync(cluster, election, force: true);
                    using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, leadership.Lost);
                    try
                    {
                        await Task.Delay(Timeout.Infinite, leading.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        // lost this leadership: wait for the next one
                    }
                    view.Leading(0, 0);
                    await view.RefreshAsync(cluster, election, force: true);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
}
