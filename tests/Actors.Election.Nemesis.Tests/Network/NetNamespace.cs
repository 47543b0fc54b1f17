namespace Actors.Election.Nemesis.Tests.Network;

/// <summary>
/// Creates sockets inside a named network namespace (<c>ip netns</c>) from this process: a dedicated thread enters the
/// namespace with <c>setns</c>, runs the factory and goes back. A socket belongs to the namespace it was created in for
/// its whole life, so it can then be used from any thread.
/// </summary>
internal static class NetNamespace
{
    /// <summary>The file <c>ip netns add NAME</c> creates for a namespace.</summary>
    public static string PathOf(string name) => Path.Combine("/run/netns", name);

    /// <summary>Runs <paramref name="factory"/> inside namespace <paramref name="name"/> and returns what it made.</summary>
    public static T Create<T>(string name, Func<T> factory)
    {
        T? result = default;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            var own = Libc.Open("/proc/thread-self/ns/net", Libc.ORdOnly | Libc.OCloExec);
            if (own < 0)
            {
                error = new InvalidOperationException($"cannot open this thread's network namespace: {Libc.LastError()}");
                return;
            }
            var target = Libc.Open(PathOf(name), Libc.ORdOnly | Libc.OCloExec);
            try
            {
                if (target < 0) throw new InvalidOperationException($"cannot open network namespace {name}: {Libc.LastError()}");
                if (Libc.SetNs(target, Libc.CloneNewNet) != 0) throw new InvalidOperationException($"setns into {name} failed: {Libc.LastError()}");
                try
                {
                    result = factory();
                }
                finally
                {
                    // Back to where the thread came from; should this fail, the thread ends here anyway.
                    if (Libc.SetNs(own, Libc.CloneNewNet) != 0) error ??= new InvalidOperationException($"setns back failed: {Libc.LastError()}");
                }
            }
            catch (Exception e)
            {
                error = e;
            }
            finally
            {
                if (target >= 0) Libc.Close(target);
                Libc.Close(own);
            }
        })
        { IsBackground = true, Name = $"netns {name}" };
        thread.Start();
        thread.Join();
        if (error is not null) throw error;
        return result!;
    }
}
