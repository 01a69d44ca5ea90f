using Pcap.Filter.Bpf;

namespace Pcap.Conformance.Tests;

/// <summary>
/// The seam where PcapCore's own BPF interpreter joins the conformance harness. The harness runs every program
/// through libpcap's bpf_filter always, and through this interpreter when <see cref="IsInThisBuild"/> is true;
/// while it is false the conformance test fails and says so.
/// </summary>
internal static class OurInterpreter
{
    // SEAM: when Pcap.Filter.Bpf.BpfInterpreter is on main, set this to true and make Run call
    // BpfInterpreter.Run(program, packet, wireLength). Nothing else in the harness changes.
    public static bool IsInThisBuild => false;

    /// <summary>Runs <paramref name="program"/> on one packet with PcapCore's interpreter.</summary>
    public static uint Run(ReadOnlySpan<BpfInstruction> program, ReadOnlySpan<byte> packet, uint wireLength) =>
        throw new InvalidOperationException(
            $"Pcap.Filter.Bpf.BpfInterpreter is not in this build (program of {program.Length} instructions, packet of {packet.Length} bytes, wire length {wireLength}); wire it in OurInterpreter.cs.");
}
