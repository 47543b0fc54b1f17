using BenchmarkDotNet.Running;

namespace Actors.Election.Benchmarks;

/// <summary>
/// Runs the benchmarks the command line selects, among every benchmark class of this assembly (BenchmarkDotNet's
/// switcher: <c>--filter '*Serializer*'</c>, <c>--list flat</c>, <c>--job short</c>, …); <c>--costs</c> alone instead
/// prints what the in-memory elections and failovers cost (<see cref="CostReport"/>).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is [CostReport.Option])
            CostReport.Print(Console.Out);
        else
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
