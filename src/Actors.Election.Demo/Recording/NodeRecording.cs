using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election.Demo.Recording;

/// <summary>
/// <c>node</c> mode's recording for the nemesis harness (<see cref="RecordingOptions"/>): starts the
/// <see cref="HistoryRecorder"/> and the <see cref="FencedWriter"/> job, and ends them when disposed.
/// </summary>
internal sealed class NodeRecording : IAsyncDisposable
{
    private readonly HistoryLog? _history;
    private readonly FencedStore? _store;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer = Task.CompletedTask;

    private NodeRecording()
    {
    }

    private NodeRecording(HistoryLog history, FencedStore? store, Election election)
    {
        _history = history;
        _store = store;
        if (store is not null) _writer = Task.Run(() => FencedWriter.RunAsync(election, store, history, _stop.Token));
    }

    /// <summary>Starts what <paramref name="options"/> asks for (nothing when it asks for nothing).</summary>
    public static NodeRecording Start(RecordingOptions options, ActorSystem system, Election election)
    {
        if (options.HistoryFile is null) return new NodeRecording();
        var history = new HistoryLog(options.HistoryFile, Cluster.Get(system).SelfUniqueAddress.ToShortId());
        history.Write(history.New(HistoryKinds.Start) with { Pid = Environment.ProcessId, Settings = ReadSettings(system, election) });
        system.ActorOf(HistoryRecorder.Props(election, history), "history-recorder");
        var store = options.FencedStoreFile is null ? null : FencedStore.Open(options.FencedStoreFile);
        return new NodeRecording(history, store, election);
    }

    /// <summary>The settings the node actually runs with, read back from the actor system.</summary>
    public static RecordedSettings ReadSettings(ActorSystem system, Election election)
    {
        var config = system.Settings.Config;
        long Ms(string path) => (long)config.GetTimeSpan(path).TotalMilliseconds;
        return new RecordedSettings
        {
            Quorum = election.Settings.Quorum.ToString().ToLowerInvariant(),
            ElectionTimeoutMs = (long)election.Settings.ElectionTimeout.TotalMilliseconds,
            GatherTimeoutMs = (long)election.Settings.GatherTimeout.TotalMilliseconds,
            ConnectionDelayMs = (long)election.Settings.ConnectionDelay.TotalMilliseconds,
            ElectionHeartbeatMs = (long)election.Settings.HeartbeatInterval.TotalMilliseconds,
            DetectorHeartbeatMs = Ms("akka.cluster.failure-detector.heartbeat-interval"),
            DetectorPauseMs = Ms("akka.cluster.failure-detector.acceptable-heartbeat-pause"),
            GossipIntervalMs = Ms("akka.cluster.gossip-interval"),
            DowningStableAfterMs = Ms("akka.cluster.split-brain-resolver.stable-after"),
            DowningStrategy = config.GetString("akka.cluster.split-brain-resolver.active-strategy"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _writer;
        _history?.Write(_history.New(HistoryKinds.Stop));
        _store?.Dispose();
        _history?.Dispose();
        _stop.Dispose();
    }
}
