using BenchmarkDotNet.Attributes;
using Pcap.Filter.Bpf;
using Pcap.Testing;

namespace Pcap.Benchmarks.Filtering;

/// <summary>What compiling a program with <see cref="BpfJit"/> costs once, to weigh against the per-packet gain.</summary>
[MemoryDiagnoser]
public class JitCompileBenchmarks
{
    private BpfInstruction[] _program = [];

    /// <summary>The filter expression, compiled by libpcap for Ethernet.</summary>
    [Params("tcp port 80", "(tcp port 80 or tcp port 443 or udp port 53) and not src net 10.0.0.0/8 and ip[8] > 10 or vlan and tcp")]
    public string Filter { get; set; } = "tcp port 80";

    /// <summary>Compiles the filter with libpcap.</summary>
    [GlobalSetup]
    public void Setup() => _program = LibPcap.Compile(Filter, linkType: 1, out var error) ?? throw new InvalidOperationException(error);

    /// <summary>IL generation plus the first call, which makes .NET compile the IL to machine code.</summary>
    [Benchmark]
    public uint CompileAndFirstRun() => BpfJit.Compile(_program)(ReadOnlySpan<byte>.Empty, 0);
}
