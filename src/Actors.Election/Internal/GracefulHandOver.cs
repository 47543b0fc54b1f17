using Akka;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Actors.Election.Internal;

/// <summary>
/// A planned leave costs one election round, not a failure-detection timeout: when the node shuts down
/// (CoordinatedShutdown, before it leaves the cluster) a master hands over with <c>StepDown</c> and waits, bounded by
/// the election timeout, until another node is master.
/// </summary>
internal static class GracefulHandOver
{
    public const string TaskName = "actors-election-hand-over";

    public static void Register(ExtendedActorSystem system, Election election, ElectionStateTracker tracker)
    {
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeClusterShutdown, TaskName,
            () => HandOverAsync(system, election, tracker));
    }

    private static async Task<Done> HandOverAsync(ExtendedActorSystem system, Election election, ElectionStateTracker tracker)
    {
        var log = Logging.GetLogger(system, typeof(GracefulHandOver));
        try
        {
            // Alone there is nobody to hand over to. (Ask for a fresh state: the tracker's copy is only refreshed when
            // status, master or session change, not when members join.)
            var state = await election.GetStateAsync(election.Settings.ElectionTimeout);
            if (state.Status != ElectionStatus.Master || state.Reachable.Count <= 1) return Done.Instance;
            var result = await election.StepDownAsync(election.Settings.ElectionTimeout);
            if (!result.SteppedDown) return Done.Instance;
            log.Info("Leaving: handed over mastership of session {0}; waiting for the next master", result.Session);
            var self = Cluster.Get(system).SelfUniqueAddress;
            using var bounded = new CancellationTokenSource(election.Settings.ElectionTimeout);
            var next = await tracker.WaitUntilAsync(s => s.Master is { } m && !m.Equals(self) && s.Session > result.Session, bounded.Token);
            log.Info("Leaving: {0} took over in session {1}", next.Master, next.Session);
        }
        catch (Exception e) when (e is OperationCanceledException or AskTimeoutException)
        {
            log.Warning("Leaving: no other master was elected within {0}; leaving anyway", election.Settings.ElectionTimeout);
        }
        return Done.Instance;
    }
}
