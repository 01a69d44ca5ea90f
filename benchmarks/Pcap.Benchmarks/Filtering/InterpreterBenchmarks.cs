using BenchmarkDotNet.Attributes;
using Pcap.Filter;
using Pcap.Filter.Bpf;
using Pcap.Testing;
using Pcap.Testing.Packets;

namespace Pcap.Benchmarks.Filtering;

/// <summary>
/// PcapCore's BPF JIT and interpreter against libpcap's <c>bpf_filter</c> (P/Invoke) on programs libpcap compiled
/// (optimized, as tcpdump runs them), over a fixed mixed Ethernet corpus: the hand-made sample frames plus generated
/// ones (IPv4/IPv6, TCP/UDP/SCTP/ICMP, ARP, VLAN, MPLS, PPPoE, a few truncated). Times are per packet.
/// </summary>
[MemoryDiagnoser]
public class InterpreterBenchmarks
{
    /// <summary>Packets per operation: the sample frames plus generated ones.</summary>
    public const int CorpusSize = 256;

    private BpfInstruction[] _program = [];
    private byte[][] _packets = [];
    private uint[] _wireLengths = [];
    private BpfFilterFunction _compiled = (_, _) => 0;

    /// <summary>Simple filters (one or two tests) and complex ones (many tests, header-length arithmetic, VLAN, bytes).</summary>
    [Params(
        "ip",
        "arp or icmp",
        "tcp port 80",
        "host 192.168.0.1",
        "udp and dst port 53",
        "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0",
        "net 10.0.0.0/8 and not port 22",
        "(tcp port 80 or tcp port 443 or udp port 53) and not src net 10.0.0.0/8 and ip[8] > 10 or vlan and tcp",
        "ip6 and (tcp dst portrange 1000-2000 or udp) or icmp6",
        "vlan 100 and host 10.0.0.1 and (tcp or udp) and greater 100")]
    public string Filter { get; set; } = "ip";

    /// <summary>Compiles the filter, builds the corpus, and checks all three machines agree on every packet.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _program = LibPcap.Compile(Filter, linkType: 1, out var error) ?? throw new InvalidOperationException(error);
        var samples = SamplePackets.Create();
        var generated = PacketGenerator.GenerateForPrinting(LinkType.Ethernet, CorpusSize - samples.Length, seed: 7).ToArray();
        _packets = [.. samples, .. generated.Select(p => p.Data)];
        _wireLengths = [.. samples.Select(p => (uint)p.Length), .. generated.Select(p => p.WireLength)];
        _compiled = BpfJit.Compile(_program);
        for (var i = 0; i < _packets.Length; i++)
        {
            var theirs = LibPcap.Filter(_program, _packets[i], _wireLengths[i]);
            var interpreted = BpfInterpreter.Run(_program, _packets[i], _wireLengths[i]);
            var jitted = _compiled(_packets[i], _wireLengths[i]);
            if (interpreted != theirs || jitted != theirs)
                throw new InvalidOperationException($"'{Filter}' packet {i}: libpcap {theirs}, interpreter {interpreted}, JIT {jitted}");
        }
    }

    /// <summary>libpcap's <c>bpf_filter</c> through P/Invoke.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = CorpusSize)]
    public uint LibPcapBpfFilter()
    {
        uint accepted = 0;
        for (var i = 0; i < _packets.Length; i++)
            accepted += LibPcap.Filter(_program, _packets[i], _wireLengths[i]);
        return accepted;
    }

    /// <summary>PcapCore's interpreter.</summary>
    [Benchmark(OperationsPerInvoke = CorpusSize)]
    public uint Interpreter()
    {
        uint accepted = 0;
        for (var i = 0; i < _packets.Length; i++)
            accepted += BpfInterpreter.Run(_program, _packets[i], _wireLengths[i]);
        return accepted;
    }

    /// <summary>PcapCore's JIT (the program compiled to IL once, in setup).</summary>
    [Benchmark(OperationsPerInvoke = CorpusSize)]
    public uint Jit()
    {
        uint accepted = 0;
        for (var i = 0; i < _packets.Length; i++)
            accepted += _compiled(_packets[i], _wireLengths[i]);
        return accepted;
    }
}
