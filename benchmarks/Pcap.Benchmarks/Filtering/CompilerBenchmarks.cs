using BenchmarkDotNet.Attributes;
using Pcap.Filter;
using Pcap.Testing;

namespace Pcap.Benchmarks.Filtering;

/// <summary>
/// Compiling an expression without optimization: PcapCore's <see cref="FilterCompiler"/> against libpcap's
/// <c>pcap_open_dead</c> + <c>pcap_compile(optimize = 0)</c> through P/Invoke. Both produce the same instructions.
/// </summary>
[MemoryDiagnoser]
public class CompilerBenchmarks
{
    private static readonly FilterOptions Unoptimized = new() { Optimize = false };

    /// <summary>The filter expression, compiled for Ethernet.</summary>
    [Params("arp or icmp", "tcp port 80", "(tcp port 80 or tcp port 443 or udp port 53) and not src net 10.0.0.0/8 and ip[8] > 10 or vlan and tcp")]
    public string Filter { get; set; } = "arp or icmp";

    /// <summary>Checks that both compilers give the same program before timing them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var theirs = LibPcap.Compile(Filter, 1, out var error, optimize: false) ?? throw new InvalidOperationException(error);
        var ours = FilterCompiler.Compile(Filter, LinkType.Ethernet, Unoptimized);
        if (!ours.Instructions.SequenceEqual(theirs))
            throw new InvalidOperationException($"'{Filter}': PcapCore and libpcap programs differ");
    }

    /// <summary>libpcap's compiler through P/Invoke (includes pcap_open_dead/pcap_close, as a one-off compile needs).</summary>
    [Benchmark(Baseline = true)]
    public int LibPcapCompile() => LibPcap.Compile(Filter, 1, out _, optimize: false)!.Length;

    /// <summary>PcapCore's compiler.</summary>
    [Benchmark]
    public int PcapCoreCompile() => FilterCompiler.Compile(Filter, LinkType.Ethernet, Unoptimized).Length;
}
