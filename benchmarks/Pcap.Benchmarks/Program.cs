using BenchmarkDotNet.Running;
using Pcap.Benchmarks.Reporting;
using Pcap.Benchmarks.WholeProcess;

namespace Pcap.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line (BenchmarkDotNet's switcher: --filter, --job, ...), or one of the
/// helpers of the benchmark scripts: <c>--generate-capture PATH COUNT SEED</c>, <c>--generate-everyday-capture PATH PER_PROTOCOL SEED</c>
/// (issue 12's mixed corpus), <c>--compile-profile</c> (issue 13's per-expression compile profile), <c>--compile-pair</c> (two builds of
/// Pcap.Filter compared in one process) and
/// <c>--report RESULTS OUTPUT.md [--key value]...</c>.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "--generate-capture" when args.Length == 4:
                CaptureGenerator.Write(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            case "--generate-capture":
                Console.Error.WriteLine("usage: --generate-capture PATH COUNT SEED");
                return 2;
            case "--generate-everyday-capture" when args.Length == 4:
                EverydayCaptureWriter.Write(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            case "--generate-everyday-capture":
                Console.Error.WriteLine("usage: --generate-everyday-capture PATH PER_PROTOCOL SEED");
                return 2;
            case "--compile-profile":
                return Filtering.CompileProfileCommand.Run(args[1..]);
            case "--compile-pair":
                return Filtering.CompilePairCommand.Run(args[1..]);
            case "--report":
                return ReportCommand.Run(args[1..]);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
