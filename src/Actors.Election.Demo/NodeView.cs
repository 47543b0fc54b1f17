using System.Diagnostics;
using Akka.Cluster;

namespace Actors.Election.Demo;

/// <summary>A node's view of itself for a parent demo, reported as a <c>STATE</c> line whenever it changes (and once a second anyway).</summary>
internal sealed class NodeView(string self, NodeHost.NodeOutput output)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SeniorityClock _seniority = new();
    private NodeReport _last = new() { Node = self };
    private long _lastEmit;
    private volatile bool _hostsSingleton;
    private long _leadingSince;
    private long _leadingSession;

    /// <summary>This node, <c>host:port#uid</c>.</summary>
    public string Self => self;

    public bool HostsSingleton
    {
        get => _hostsSingleton;
        set => _hostsSingleton = value;
    }

    /// <summary><c>WaitForLeadershipAsync</c> completed at <paramref name="at"/> for <paramref name="session"/>; 0, 0 when leadership is lost.</summary>
    public void Leading(long session, long at)
    {
        Interlocked.Exchange(ref _leadingSession, session);
        Interlocked.Exchange(ref _leadingSince, at);
    }

    public void Unreachable(string member) => output.Emit(ReportLine.Format(new UnreachableReport(self, member, ReportLine.Now())));

    public void SingletonAnswer(string instance, string host, long at) => output.Emit(ReportLine.Format(new SingletonAnswerReport(self, instance, host, at)));

    /// <summary>
    /// Reports the state (when it changed, when <paramref name="force"/>d, or a second after the last report);
    /// <paramref name="eventAt"/> is when the election event that prompted it arrived, the instant a master change counts from.
    /// </summary>
    public async Task RefreshAsync(Cluster cluster, Election? election, bool force, long? eventAt = null)
    {
        if (!output.Report) return;
        await _gate.WaitAsync();
        try
        {
            var state = cluster.State;
            var selfMember = state.Members.FirstOrDefault(m => m.UniqueAddress.Equals(cluster.SelfUniqueAddress));
            var asked = ReportLine.Now();
            NodeReport next;
            if (election is null)
            {
                next = _last with
                {
                    Status = HostsSingleton ? "Master" : "Follower",
                    Master = HostsSingleton ? self : null,
                };
            }
            else
            {
                ElectionState es;
                try
                {
                    es = await election.GetStateAsync(TimeSpan.FromSeconds(2));
                }
                catch (Exception)
                {
                    return; // shutting down
                }
                _seniority.Observe(asked, ReportLine.Now(), es.Seniority);
                next = _last with
                {
                    Status = es.Status.ToString(),
                    Master = es.Master?.ToShortId(),
                    Session = es.Session,
                    Priority = election.Settings.Priority,
                    Candidate = election.Settings.Candidate,
                    SeniorityStartMs = _seniority.StartMs,
                    SeniorityExact = _seniority.Exact,
                    Commands = es.CommandsSeen,
                    MessagesSent = es.MessagesSent,
                    LeadingSince = Interlocked.Read(ref _leadingSince),
                    LeadingSession = Interlocked.Read(ref _leadingSession),
                };
            }
            next = next with
            {
                SelfStatus = selfMember?.Status.ToString(),
                Members = state.Members.Count(m => m.Status is MemberStatus.Up or MemberStatus.Leaving),
                KnownMembers = state.Members.Count,
                Unreachable = state.Unreachable.Count,
            };
            var now = ReportLine.Now();
            if (next.Master != _last.Master) next = next with { MasterSince = Math.Min(eventAt ?? now, now) };
            var changed = Comparable(next) != Comparable(_last);
            if (!changed && !force && now - _lastEmit < 1000) return;
            using var process = Process.GetCurrentProcess();
            _last = next with { PeakWorkingSet = process.PeakWorkingSet64, At = now };
            _lastEmit = now;
            output.Emit(ReportLine.Format(_last));
        }
        finally
        {
            _gate.Release();
        }
    }

    // What counts as a change worth a report at once (not the running counters).
    private static NodeReport Comparable(NodeReport r) => r with { PeakWorkingSet = 0, MessagesSent = 0, At = 0, SeniorityStartMs = 0, SeniorityExact = false };

    /// <summary>Answers the parent's <c>SNAPSHOT id</c>: a fresh count of the election messages this node has sent.</summary>
    public async Task SnapshotAsync(Election? election, long id)
    {
        long sent = 0;
        if (election is not null)
        {
            try
            {
                sent = (await election.GetStateAsync(TimeSpan.FromSeconds(2))).MessagesSent;
            }
            catch (Exception)
            {
                return; // shutting down: the parent counts the snapshot as missing
            }
        }
        output.Emit(ReportLine.Format(new SnapshotReport(self, id, sent, ReportLine.Now())));
    }
}
