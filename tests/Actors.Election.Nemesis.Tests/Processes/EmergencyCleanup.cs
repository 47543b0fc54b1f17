using System.Runtime.InteropServices;

namespace Actors.Election.Nemesis.Tests.Processes;

/// <summary>
/// Cleanup that must happen even when the test process does not get to its own <c>finally</c>: on process exit and
/// on SIGTERM/SIGINT/SIGQUIT the registered actions run (each once). A SIGKILLed test process runs nothing: its node
/// processes exit by themselves (<c>--parent-pid</c>), and the next run's <see cref="Network.LeftoverSweeper"/> deletes
/// its namespaces.
/// </summary>
internal static class EmergencyCleanup
{
    private static readonly Lock Gate = new();
    private static readonly List<Registration> Actions = new();
    private static readonly List<PosixSignalRegistration> Signals = new();

    /// <summary>Registers <paramref name="cleanup"/>; disposing the result unregisters it (the normal path cleaned up).</summary>
    public static IDisposable Register(Action cleanup)
    {
        lock (Gate)
        {
            if (Signals.Count == 0)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();
                foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
                    Signals.Add(PosixSignalRegistration.Create(signal, _ => RunAll())); // then the default action: terminate
            }
            var registration = new Registration(cleanup);
            Actions.Add(registration);
            return registration;
        }
    }

    private static void RunAll()
    {
        List<Registration> actions;
        lock (Gate) actions = Actions.ToList();
        foreach (var a in actions) a.Run();
    }

    private sealed class Registration(Action cleanup) : IDisposable
    {
        private int _done;

        public void Run()
        {
            if (Interlocked.Exchange(ref _done, 1) == 1) return;
            try
            {
                cleanup();
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"nemesis cleanup failed: {e}");
            }
        }

        public void Dispose()
        {
            Interlocked.Exchange(ref _done, 1);
            lock (Gate) Actions.Remove(this);
        }
    }
}
