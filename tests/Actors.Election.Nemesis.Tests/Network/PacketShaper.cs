using System.Diagnostics;

namespace Actors.Election.Nemesis.Tests.Network;

/// <summary>
/// tc netem's loss, delay, jitter and reordering, done in user space on a <see cref="NetfilterQueue"/>: the kernel of
/// the machines this runs on (CI's included) is built without <c>sch_netem</c>, so the packets
/// <see cref="LinkFaults.Shape"/> selects are queued here and each gets its verdict when its hold is over. Decisions
/// come from a seeded generator. Without a profile every packet passes at once.
/// </summary>
internal sealed class PacketShaper : IDisposable
{
    private readonly NetfilterQueue _queue;
    private readonly Random _random;
    private readonly object _lock = new(); // Monitor.Wait/Pulse: a plain monitor, not System.Threading.Lock
    private readonly PriorityQueue<uint, long> _held = new();
    private readonly Thread _receiver;
    private readonly Thread _releaser;
    private volatile bool _stopping;
    private NetemProfile? _profile;
    private volatile Exception? _failure;
    private long _packets, _dropped, _atOnce, _delayed, _delayTicks;

    public PacketShaper(string netns, ushort queue, int seed)
    {
        _queue = NetfilterQueue.Open(netns, queue);
        _random = new Random(seed);
        _receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = $"nfqueue {queue} receiver" };
        _releaser = new Thread(ReleaseLoop) { IsBackground = true, Name = $"nfqueue {queue} releaser" };
        _receiver.Start();
        _releaser.Start();
    }

    public ushort QueueNumber => _queue.Number;

    /// <summary>What stopped the shaper's threads, if anything did (the run reports it as a harness failure).</summary>
    public Exception? Failure => _failure;

    /// <summary>Applies <paramref name="profile"/> to packets queued from now on; counters restart.</summary>
    public void Apply(NetemProfile profile)
    {
        lock (_lock)
        {
            _profile = profile;
            _packets = _dropped = _atOnce = _delayed = _delayTicks = 0;
        }
    }

    /// <summary>What the profile has done so far (packets seen, dropped, held), without ending it.</summary>
    public ShaperStats Stats
    {
        get
        {
            lock (_lock) return new ShaperStats(_packets, _dropped, _atOnce, _delayed, TimeSpan.FromTicks(_delayTicks * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
        }
    }

    /// <summary>Ends the profile: every held packet is passed now, later ones pass at once. Returns what it did.</summary>
    public ShaperStats Release()
    {
        List<uint> release;
        ShaperStats stats;
        lock (_lock)
        {
            _profile = null;
            release = new List<uint>(_held.Count);
            while (_held.TryDequeue(out var id, out _)) release.Add(id);
            stats = Stats; // the monitor is re-entrant
            Monitor.PulseAll(_lock);
        }
        foreach (var id in release) _queue.Verdict(id, accept: true);
        return stats;
    }

    private void ReceiveLoop() => Guard(ReceiveLoopCore);

    private void ReleaseLoop() => Guard(ReleaseLoopCore);

    private void Guard(Action loop)
    {
        try
        {
            loop();
        }
        catch (Exception e) when (!_stopping)
        {
            _failure ??= e;
        }
        catch (Exception) when (_stopping)
        {
        }
    }

    private void ReceiveLoopCore()
    {
        var buffer = new byte[256 * 1024];
        var ids = new List<uint>();
        while (!_stopping)
        {
            ids.Clear();
            if (!_queue.Receive(buffer, ids)) continue;
            foreach (var id in ids) Decide(id);
        }
    }

    private void Decide(uint id)
    {
        bool? verdictNow;
        lock (_lock)
        {
            if (_profile is not { } profile)
            {
                verdictNow = true;
            }
            else
            {
                _packets++;
                if (profile.Loss > 0 && _random.NextDouble() < profile.Loss)
                {
                    _dropped++;
                    verdictNow = false;
                }
                else if (profile.Reorder > 0 && _random.NextDouble() < profile.Reorder)
                {
                    _atOnce++;
                    verdictNow = true;
                }
                else
                {
                    var hold = profile.Delay + (profile.Jitter * (2 * _random.NextDouble() - 1));
                    if (hold <= TimeSpan.Zero)
                    {
                        _atOnce++;
                        verdictNow = true;
                    }
                    else
                    {
                        var ticks = (long)(hold.TotalSeconds * Stopwatch.Frequency);
                        _delayed++;
                        _delayTicks += ticks;
                        _held.Enqueue(id, Stopwatch.GetTimestamp() + ticks);
                        Monitor.PulseAll(_lock);
                        verdictNow = null;
                    }
                }
            }
        }
        if (verdictNow is { } accept) _queue.Verdict(id, accept);
    }

    private void ReleaseLoopCore()
    {
        var due = new List<uint>();
        while (!_stopping)
        {
            due.Clear();
            lock (_lock)
            {
                var now = Stopwatch.GetTimestamp();
                while (_held.TryPeek(out var id, out var at) && at <= now)
                {
                    _held.Dequeue();
                    due.Add(id);
                }
                if (due.Count == 0)
                {
                    var wait = _held.TryPeek(out _, out var next)
                        ? TimeSpan.FromSeconds((double)(next - now) / Stopwatch.Frequency)
                        : TimeSpan.FromMilliseconds(200);
                    Monitor.Wait(_lock, wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait);
                    continue;
                }
            }
            foreach (var id in due) _queue.Verdict(id, accept: true);
        }
    }

    public void Dispose()
    {
        if (_stopping) return;
        Release();
        _stopping = true;
        lock (_lock) Monitor.PulseAll(_lock);
        _receiver.Join();
        _releaser.Join();
        _queue.Dispose();
    }
}
