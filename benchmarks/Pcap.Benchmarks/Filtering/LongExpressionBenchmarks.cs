using BenchmarkDotNet.Attributes;
using Pcap.Filter;

namespace Pcap.Benchmarks.Filtering;

/// <summary>
/// Expressions that are long or deep rather than wide: <c>ip[0] = 1+1+...+1</c> (an arithmetic chain the generator
/// folds past the optimizer's reach) and a thousand nested parentheses (compiled on a thread with a larger stack).
/// libpcap is not timed: 100,000 terms take its optimizer about 3.5 minutes (tcpdump -d, measured once).
/// </summary>
[MemoryDiagnoser]
public class LongExpressionBenchmarks
{
    private string _expression = "";

    /// <summary>Which expression: a chain of that many terms, or "paren1000".</summary>
    [Params("chain1000", "chain10000", "chain100000", "paren1000")]
    public string Shape { get; set; } = "chain100000";

    /// <summary>Builds the expression.</summary>
    [GlobalSetup]
    public void Setup() => _expression = Shape == "paren1000"
        ? new string('(', 1000) + "ip" + new string(')', 1000)
        : "ip[0] = " + string.Join("+", Enumerable.Repeat("1", int.Parse(Shape["chain".Length..], System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>PcapCore: the program length (-1 if refused).</summary>
    [Benchmark]
    public int PcapCoreCompile() =>
        FilterCompiler.TryCompile(_expression, LinkType.Ethernet, out var program, out _) ? program.Length : -1;
}
