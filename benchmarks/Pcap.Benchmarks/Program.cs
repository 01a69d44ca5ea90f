using BenchmarkDotNet.Running;

namespace Pcap.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (BenchmarkDotNet's switcher: --filter, --job, ...).</summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
