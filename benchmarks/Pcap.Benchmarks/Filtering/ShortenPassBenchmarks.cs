using BenchmarkDotNet.Attributes;
using Pcap.Filter;

namespace Pcap.Benchmarks.Filtering;

/// <summary>
/// What the passes that shorten libpcap's optimized program add to compile time: the corpus sample of
/// <see cref="CorpusCompilerBenchmarks"/>, compiled for Ethernet with the exact libpcap pipeline and with the default
/// pipeline (the same, then the shortening passes).
/// </summary>
[MemoryDiagnoser]
public class ShortenPassBenchmarks
{
    private static readonly FilterOptions ExactLibpcap = new() { ShortenPastLibpcap = false };

    /// <summary>The corpus sample the compile benchmarks use.</summary>
    public static IEnumerable<string> Sample() => CorpusCompilerBenchmarks.Sample();

    /// <summary>One expression of the sample, compiled for Ethernet.</summary>
    [ParamsSource(nameof(Sample))]
    public string Filter { get; set; } = "ip";

    /// <summary>Code generator, linearizer and libpcap's optimizer reproduced: libpcap's program, instruction for instruction.</summary>
    [Benchmark(Baseline = true)]
    public int ExactLibpcapPipeline() => FilterCompiler.Compile(Filter, LinkType.Ethernet, ExactLibpcap).Length;

    /// <summary>The default: the same, then the shortening passes.</summary>
    [Benchmark]
    public int WithShortening() => FilterCompiler.Compile(Filter, LinkType.Ethernet).Length;
}
