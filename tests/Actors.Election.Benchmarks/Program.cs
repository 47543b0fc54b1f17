using BenchmarkDotNet.Running;

namespace Actors.Election.Benchmarks;

/// <summary>
/// Runs the benchmarks the command line selects, among every benchmark class of this assembly (BenchmarkDotNet's
/// switcher: <c>--filter '*Serializer*'</c>, <c>--list flat</c>, <c>--job short</c>, …).
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
