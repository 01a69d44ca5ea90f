using BenchmarkDotNet.Attributes;
using Pcap.Filter.Bpf;
using Pcap.Testing;

namespace Pcap.Benchmarks.Filtering;

/// <summary>
/// PcapCore's BPF interpreter against libpcap's <c>bpf_filter</c> (P/Invoke) on programs libpcap compiled,
/// over a small mixed set of Ethernet frames. One operation is one pass over the whole set.
/// </summary>
[MemoryDiagnoser]
public class InterpreterBenchmarks
{
    private BpfInstruction[] _program = [];
    private byte[][] _packets = [];

    /// <summary>The filter expression, compiled by libpcap for Ethernet.</summary>
    [Params("ip", "tcp port 80", "(tcp port 80 or tcp port 443 or udp port 53) and not src net 10.0.0.0/8 and ip[8] > 10 or vlan and tcp")]
    public string Filter { get; set; } = "ip";

    /// <summary>Compiles the filter and builds the packets.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _program = LibPcap.Compile(Filter, linkType: 1, out var error) ?? throw new InvalidOperationException(error);
        _packets = SamplePackets.Create();
        for (var i = 0; i < _packets.Length; i++)
        {
            var ours = BpfInterpreter.Run(_program, _packets[i], (uint)_packets[i].Length);
            var theirs = LibPcap.Filter(_program, _packets[i], (uint)_packets[i].Length);
            if (ours != theirs)
                throw new InvalidOperationException($"packet {i}: interpreter {ours}, libpcap {theirs}");
        }
    }

    /// <summary>libpcap's <c>bpf_filter</c> through P/Invoke.</summary>
    [Benchmark(Baseline = true)]
    public uint LibPcapBpfFilter()
    {
        uint accepted = 0;
        foreach (var packet in _packets)
            accepted += LibPcap.Filter(_program, packet, (uint)packet.Length);
        return accepted;
    }

    /// <summary>PcapCore's interpreter.</summary>
    [Benchmark]
    public uint Interpreter()
    {
        uint accepted = 0;
        foreach (var packet in _packets)
            accepted += BpfInterpreter.Run(_program, packet, (uint)packet.Length);
        return accepted;
    }
}
