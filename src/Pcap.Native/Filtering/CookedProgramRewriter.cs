using Pcap.Filter.Bpf;

namespace Pcap.Native;

/// <summary>
/// Rewrites a program compiled for LINUX_SLL2 so the kernel can run it on a SOCK_DGRAM socket, where the packet
/// starts at the network header and the cooked header does not exist: payload offsets move back by 20 bytes and
/// the header's protocol, interface index and packet type fields become ancillary loads (libpcap's fix_offset).
/// </summary>
internal static class CookedProgramRewriter
{
    /// <summary>The LINUX_SLL2 header length.</summary>
    public const uint HeaderLength = 20;

    /// <summary>The rewritten program, or false when it reads a header field the kernel cannot supply.</summary>
    public static bool TryRewrite(ReadOnlySpan<BpfInstruction> program, out BpfInstruction[] rewritten)
    {
        rewritten = program.ToArray();
        for (int i = 0; i < rewritten.Length; i++)
        {
            var instruction = rewritten[i];
            ushort mode = (ushort)(instruction.Code & 0xe0);
            bool isLoad = instruction.Class is BpfOpcodes.Ld or BpfOpcodes.Ldx;
            bool readsPacket = mode is BpfOpcodes.Abs or BpfOpcodes.Ind or BpfOpcodes.Msh;
            if (!isLoad || !readsPacket)
                continue;
            if (!TryFixOffset(instruction.K, out uint k))
                return false;
            rewritten[i] = new BpfInstruction(instruction.Code, instruction.Jt, instruction.Jf, k);
        }
        return true;
    }

    private static bool TryFixOffset(uint k, out uint fixedK)
    {
        fixedK = k;
        if (k >= BpfAncillary.Offset)
            return true; // already ancillary
        if (k >= HeaderLength)
            fixedK = k - HeaderLength;
        else if (k == 0)
            fixedK = BpfAncillary.Offset + BpfAncillary.Protocol;
        else if (k == 4)
            fixedK = BpfAncillary.Offset + BpfAncillary.InterfaceIndex;
        else if (k == 10)
            fixedK = BpfAncillary.Offset + BpfAncillary.PacketType;
        else if ((int)k > 0)
            return false;
        return true;
    }
}
