using BenchmarkDotNet.Attributes;
using Pcap.Filter;
using Pcap.Testing;
using Pcap.Testing.Expressions;

namespace Pcap.Benchmarks.Filtering;

/// <summary>
/// Compile time over the conformance corpus (issue 4's figure of merit): an evenly spaced sample of
/// <see cref="ExpressionCorpus"/>'s 5,000 expressions (hand-written first, then seeded random compositions), each compiled
/// with optimization for Ethernet by PcapCore and by libpcap's <c>pcap_compile</c> in the same run. The report's median
/// ratio over the sample stands for the corpus median.
/// </summary>
[MemoryDiagnoser]
public class CorpusCompilerBenchmarks
{
    private const int CorpusSize = 5000;
    private const int SampleSize = 25;

    /// <summary>
    /// The sample: the first expression at or after every 200th position that both compilers accept on Ethernet
    /// (refusals are errors, not compiles, so they would time a different path).
    /// </summary>
    public static IEnumerable<string> Sample()
    {
        var corpus = ExpressionCorpus.All(CorpusSize, ExpressionCorpus.DefaultSeed);
        int stride = corpus.Count / SampleSize;
        for (int start = 0; start + stride <= corpus.Count; start += stride)
        {
            for (int i = start; i < start + stride; i++)
            {
                if (LibPcap.Compile(corpus[i], 1, out _) is not null
                    && FilterCompiler.TryCompile(corpus[i], LinkType.Ethernet, out _, out _))
                {
                    yield return corpus[i];
                    break;
                }
            }
        }
    }

    /// <summary>One expression of the sample, compiled for Ethernet.</summary>
    [ParamsSource(nameof(Sample))]
    public string Filter { get; set; } = "ip";

    /// <summary>libpcap's compiler through P/Invoke (pcap_open_dead, pcap_compile with optimization, pcap_close).</summary>
    [Benchmark(Baseline = true)]
    public int LibPcapCompile() => LibPcap.Compile(Filter, 1, out _)!.Length;

    /// <summary>PcapCore's compiler with its default options.</summary>
    [Benchmark]
    public int PcapCoreCompile() => FilterCompiler.Compile(Filter, LinkType.Ethernet).Length;
}
