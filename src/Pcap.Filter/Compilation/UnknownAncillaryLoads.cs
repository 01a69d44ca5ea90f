using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation;

/// <summary>
/// libpcap can emit absolute loads from the ancillary area (<c>SKF_AD_OFF</c> and up) that name no ancillary field:
/// <c>ip[-1]</c> once the optimizer folds the index, or <c>inbound</c> and <c>ifindex</c> after <c>pppoes</c> has
/// moved their offset. libpcap's bpf_filter and our interpreter end such a run with 0 (the offset is past the packet);
/// the kernel refuses the whole program. This moves each such load to an offset that is past every packet
/// (<c>k &amp; 0x7fffffff</c>, still at least 2 GiB), so every machine, the kernel included, returns 0 there.
/// </summary>
internal static class UnknownAncillaryLoads
{
    /// <summary>Rewrites, in place, every absolute load of an unknown ancillary field; returns the same array.</summary>
    public static BpfInstruction[] MovePastThePacket(BpfInstruction[] program)
    {
        for (int i = 0; i < program.Length; i++)
        {
            var instruction = program[i];
            bool absoluteLoad = BpfOpcodes.ClassOf(instruction.Code) == BpfOpcodes.Ld && (instruction.Code & 0xe0) == BpfOpcodes.Abs;
            if (absoluteLoad && instruction.K >= BpfAncillary.Offset && !BpfValidator.IsKnownAncillaryField(instruction.K - BpfAncillary.Offset))
                program[i] = new BpfInstruction(instruction.Code, instruction.Jt, instruction.Jf, instruction.K & 0x7fffffff);
        }
        return program;
    }
}
