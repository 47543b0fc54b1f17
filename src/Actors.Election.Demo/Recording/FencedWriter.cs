using Microsoft.Data.Sqlite;

namespace Actors.Election.Demo.Recording;

/// <summary>
/// The application's leadership-scoped job, as the README's <c>RunWhileLeadingAsync</c> writes it: wait until this
/// node is master, then write to the <see cref="FencedStore"/> every <see cref="Interval"/> with the leadership's
/// fencing token until the leadership is lost. Each leadership is recorded in the history before its first write,
/// so the checker can tell which node held which token.
/// </summary>
internal static class FencedWriter
{
    /// <summary>The time between two writes of one leadership.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync(Election election, FencedStore store, HistoryLog history, CancellationToken stopping)
    {
        long attempt = 0;
        while (!stopping.IsCancellationRequested)
        {
            Leadership leadership;
            try
            {
                leadership = await election.WaitForLeadershipAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var token = StoreToken.From(leadership);
            history.Write(history.New(HistoryKinds.Leadership) with { Session = token.Session, Master = token.Master, Token = token.Text, Detail = "acquired" });
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stopping, leadership.Lost);
            try
            {
                while (true)
                {
                    try
                    {
                        store.Write(token, history.Node, ++attempt);
                    }
                    catch (SqliteException e)
                    {
                        // Busy past the timeout (another writer stopped while holding the lock), I/O: no write happened.
                        history.Write(history.New(HistoryKinds.StoreError) with { Session = token.Session, Master = token.Master, Token = token.Text, Detail = e.Message });
                    }
                    await Task.Delay(Interval, leading.Token);
                }
            }
            catch (OperationCanceledException)
            {
                history.Write(history.New(HistoryKinds.Leadership) with { Session = token.Session, Master = token.Master, Token = token.Text, Detail = "lost" });
            }
        }
    }
}
