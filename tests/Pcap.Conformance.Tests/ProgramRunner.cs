using Pcap.Filter.Bpf;
using Pcap.Testing;

namespace Pcap.Conformance.Tests;

/// <summary>A way of executing a BPF program on a packet: libpcap's bpf_filter, or PcapCore's interpreter.</summary>
internal sealed record ProgramRunner(string Name, Func<BpfInstruction[], ReadOnlyMemory<byte>, uint, uint> Run)
{
    /// <summary>libpcap's userland <c>bpf_filter</c>, the reference machine.</summary>
    public static readonly ProgramRunner LibPcapBpfFilter =
        new("libpcap bpf_filter", (program, packet, wireLength) => LibPcap.Filter(program, packet.Span, wireLength));

    /// <summary>PcapCore's interpreter (through the <see cref="OurInterpreter"/> seam).</summary>
    public static readonly ProgramRunner PcapCoreInterpreter =
        new("PcapCore BpfInterpreter", (program, packet, wireLength) => OurInterpreter.Run(program, packet.Span, wireLength));
}
