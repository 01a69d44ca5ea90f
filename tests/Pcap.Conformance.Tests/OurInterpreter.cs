using Pcap.Filter.Bpf;

namespace Pcap.Conformance.Tests;

/// <summary>
/// The seam where PcapCore's own BPF interpreter joins the conformance harness. The harness runs every candidate
/// program through libpcap's bpf_filter always, and through this interpreter when <see cref="IsInThisBuild"/> is true.
/// </summary>
internal static class OurInterpreter
{
    /// <summary>True: Pcap.Filter.Bpf.BpfInterpreter is part of this build.</summary>
    public static bool IsInThisBuild => true;

    /// <summary>Runs <paramref name="program"/> on one packet with PcapCore's interpreter (no socket metadata, like bpf_filter).</summary>
    public static uint Run(ReadOnlySpan<BpfInstruction> program, ReadOnlySpan<byte> packet, uint wireLength) =>
        BpfInterpreter.Run(program, packet, wireLength);
}
