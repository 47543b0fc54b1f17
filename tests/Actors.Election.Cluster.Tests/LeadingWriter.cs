using System.Collections.Concurrent;
using Actors.Election.Sample;
using Akka.Actor;

namespace Actors.Election.Cluster.Tests;

/// <summary>
/// README's "work that runs only while this node leads" on one node: it waits until the node is master, then appends
/// to the fenced log every <c>interval</c> with the leadership's fencing token until the leadership is lost, and waits
/// again, until the node shuts down. Nobody tells it who leads, and nobody touches the store's fence. It records every
/// append and whether the store took it.
/// </summary>
internal sealed class LeadingWriter : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<(FencingToken Token, bool Accepted)> _appends = new();
    private readonly Task _loop;

    public LeadingWriter(Node node, FencedLog log, TimeSpan interval)
    {
        Node = node;
        _loop = Task.Run(() => RunAsync(node.Election, log, interval, _stopping.Token));
    }

    public Node Node { get; }

    /// <summary>Every append so far, in order, with whether the store accepted it.</summary>
    public IReadOnlyList<(FencingToken Token, bool Accepted)> Appends => _appends.ToArray();

    private async Task RunAsync(Election election, FencedLog log, TimeSpan interval, CancellationToken stopping)
    {
        var shutdown = CoordinatedShutdown.Get(election.System);
        while (!stopping.IsCancellationRequested && shutdown.ShutdownReason is null)
        {
            var leadership = await election.WaitForLeadershipAsync(stopping);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stopping, leadership.Lost);
            try
            {
                for (var n = 1; ; n++)
                {
                    var accepted = log.Append(leadership.Token, $"entry {n} of {Node} in session {leadership.Session}");
                    _appends.Enqueue((leadership.Token, accepted));
                    await Task.Delay(interval, leading.Token);
                }
            }
            catch (OperationCanceledException) when (leadership.Lost.IsCancellationRequested)
            {
                // No longer master: wait to be elected again, unless the node is shutting down (the loop's test).
            }
        }
    }

    /// <summary>Stops the loop (a node that is not master waits for leadership until then) and rethrows what failed it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested) return; // stopped already
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }
}
