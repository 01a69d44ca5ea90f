using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Bpf;

/// <summary>
/// Runs a classic BPF program on one packet with the semantics of libpcap's <c>bpf_filter</c>: a load outside
/// the captured bytes, a division or modulo by zero, an unknown opcode or a jump outside the program ends the
/// run and returns 0 (reject); <c>ld len</c> reads the wire length; scratch memory starts zeroed.
/// It never throws and never allocates.
/// </summary>
/// <remarks>
/// Where libpcap 1.10's interpreter has undefined behaviour (it aborts on an unknown opcode, divides by a constant
/// zero, reads outside the program), this one rejects the packet, as libpcap's later releases do. Backward
/// unconditional jumps (libpcap's <c>protochain</c> code uses them) are followed, at most 64 per packet.
/// </remarks>
public static class BpfInterpreter
{
    /// <summary>How many backward jumps one run may take before it rejects, as libpcap's later releases bound them.</summary>
    public const int MaxBackwardJumps = 64;

    private static readonly BpfAuxiliaryData NoAuxiliaryData = new();

    /// <summary>
    /// Runs <paramref name="program"/> on <paramref name="packet"/> (the captured bytes) whose length on the wire
    /// was <paramref name="wireLength"/>, with no socket metadata: ancillary loads reject the packet, as libpcap's
    /// <c>bpf_filter</c> does.
    /// </summary>
    /// <returns>The program's return value: 0 rejects, anything else is the number of bytes to keep.</returns>
    public static uint Run(ReadOnlySpan<BpfInstruction> program, ReadOnlySpan<byte> packet, uint wireLength)
        => Execute(program, packet, wireLength, in NoAuxiliaryData, hasAuxiliaryData: false);

    /// <summary>
    /// Runs <paramref name="program"/> as the Linux kernel runs a socket filter: ancillary loads
    /// (<c>SKF_AD_OFF + n</c>, any load size) read <paramref name="auxiliary"/>, and loads relative to
    /// <c>SKF_LL_OFF</c> / <c>SKF_NET_OFF</c> read the packet from its link-layer / network header.
    /// Everything else behaves as in <see cref="Run(ReadOnlySpan{BpfInstruction}, ReadOnlySpan{byte}, uint)"/>.
    /// </summary>
    /// <returns>The program's return value: 0 rejects, anything else is the number of bytes to keep.</returns>
    public static uint Run(ReadOnlySpan<BpfInstruction> program, ReadOnlySpan<byte> packet, uint wireLength,
        in BpfAuxiliaryData auxiliary)
        => Execute(program, packet, wireLength, in auxiliary, hasAuxiliaryData: true);

    /// <summary>Runs <paramref name="program"/> on <paramref name="packet"/>; see <see cref="Run(ReadOnlySpan{BpfInstruction}, ReadOnlySpan{byte}, uint)"/>.</summary>
    public static uint Run(BpfProgram program, ReadOnlySpan<byte> packet, uint wireLength)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Run(program.Instructions, packet, wireLength);
    }

    private static uint Execute(ReadOnlySpan<BpfInstruction> program, ReadOnlySpan<byte> packet, uint wireLength,
        in BpfAuxiliaryData auxiliary, bool hasAuxiliaryData)
    {
        uint a = 0, x = 0;
        Span<uint> memory = stackalloc uint[MemoryWords];
        memory.Clear();
        var length = (uint)packet.Length;
        var backwardJumps = 0;

        for (var pc = 0; (uint)pc < (uint)program.Length; pc++)
        {
            ref readonly var instruction = ref program[pc];
            var k = instruction.K;
            switch (instruction.Code)
            {
                case Ret | K:
                    return k;
                case Ret | RetA:
                    return a;

                case Ld | W | Abs:
                    if (k <= length && 4 <= length - k)
                        a = BinaryPrimitives.ReadUInt32BigEndian(packet.Slice((int)k));
                    else if (!TryLoadAbsoluteOutside(packet, k, 4, a, x, in auxiliary, hasAuxiliaryData, out a))
                        return 0;
                    continue;
                case Ld | H | Abs:
                    if (k <= length && 2 <= length - k)
                        a = BinaryPrimitives.ReadUInt16BigEndian(packet.Slice((int)k));
                    else if (!TryLoadAbsoluteOutside(packet, k, 2, a, x, in auxiliary, hasAuxiliaryData, out a))
                        return 0;
                    continue;
                case Ld | B | Abs:
                    if (k < length)
                        a = packet[(int)k];
                    else if (!TryLoadAbsoluteOutside(packet, k, 1, a, x, in auxiliary, hasAuxiliaryData, out a))
                        return 0;
                    continue;

                case Ld | W | Len:
                    a = wireLength;
                    continue;
                case Ldx | W | Len:
                    x = wireLength;
                    continue;

                case Ld | W | Ind:
                    if (k <= length && x <= length - k && 4 <= length - (x + k))
                        a = BinaryPrimitives.ReadUInt32BigEndian(packet.Slice((int)(x + k)));
                    else if (!TryLoadRelative(packet, x + k, 4, in auxiliary, hasAuxiliaryData, out a))
                        return 0;
                    continue;
                case Ld | H | Ind:
                    if (x <= length && k <= length - x && 2 <= length - (x + k))
                        a = BinaryPrimitives.ReadUInt16BigEndian(packet.Slice((int)(x + k)));
                    else if (!TryLoadRelative(packet, x + k, 2, in auxiliary, hasAuxiliaryData, out a))
                        return 0;
                    continue;
                case Ld | B | Ind:
                    if (k < length && x < length - k)
                        a = packet[(int)(x + k)];
                    else if (!TryLoadRelative(packet, x + k, 1, in auxiliary, hasAuxiliaryData, out a))
                        return 0;
                    continue;

                case Ldx | B | Msh:
                    {
                        uint octet;
                        if (k < length)
                            octet = packet[(int)k];
                        else if (!TryLoadRelative(packet, k, 1, in auxiliary, hasAuxiliaryData, out octet))
                            return 0;
                        x = (octet & 0xf) << 2;
                        continue;
                    }

                case Ld | Imm:
                    a = k;
                    continue;
                case Ldx | Imm:
                    x = k;
                    continue;

                case Ld | Mem:
                    if (k >= MemoryWords)
                        return 0;
                    a = memory[(int)k];
                    continue;
                case Ldx | Mem:
                    if (k >= MemoryWords)
                        return 0;
                    x = memory[(int)k];
                    continue;
                case St:
                    if (k >= MemoryWords)
                        return 0;
                    memory[(int)k] = a;
                    continue;
                case Stx:
                    if (k >= MemoryWords)
                        return 0;
                    memory[(int)k] = x;
                    continue;

                case Jmp | Ja:
                    {
                        // libpcap sign-extends k: its "protochain" code jumps backwards.
                        var target = (long)pc + 1 + (int)k;
                        if (target < 0 || target >= program.Length)
                            return 0;
                        if ((int)k < 0 && ((int)k == -1 || backwardJumps++ >= MaxBackwardJumps))
                            return 0;
                        pc = (int)target - 1;
                        continue;
                    }
                case Jmp | Jgt | K:
                    pc += a > k ? instruction.Jt : instruction.Jf;
                    continue;
                case Jmp | Jge | K:
                    pc += a >= k ? instruction.Jt : instruction.Jf;
                    continue;
                case Jmp | Jeq | K:
                    pc += a == k ? instruction.Jt : instruction.Jf;
                    continue;
                case Jmp | Jset | K:
                    pc += (a & k) != 0 ? instruction.Jt : instruction.Jf;
                    continue;
                case Jmp | Jgt | X:
                    pc += a > x ? instruction.Jt : instruction.Jf;
                    continue;
                case Jmp | Jge | X:
                    pc += a >= x ? instruction.Jt : instruction.Jf;
                    continue;
                case Jmp | Jeq | X:
                    pc += a == x ? instruction.Jt : instruction.Jf;
                    continue;
                case Jmp | Jset | X:
                    pc += (a & x) != 0 ? instruction.Jt : instruction.Jf;
                    continue;

                case Alu | Add | X:
                    a += x;
                    continue;
                case Alu | Sub | X:
                    a -= x;
                    continue;
                case Alu | Mul | X:
                    a *= x;
                    continue;
                case Alu | Div | X:
                    if (x == 0)
                        return 0;
                    a /= x;
                    continue;
                case Alu | Mod | X:
                    if (x == 0)
                        return 0;
                    a %= x;
                    continue;
                case Alu | And | X:
                    a &= x;
                    continue;
                case Alu | Or | X:
                    a |= x;
                    continue;
                case Alu | Xor | X:
                    a ^= x;
                    continue;
                // libpcap 1.10.3 shifts by X of 32 or more to 0 (the kernel would take the count mod 32).
                case Alu | Lsh | X:
                    a = x < 32 ? a << (int)x : 0;
                    continue;
                case Alu | Rsh | X:
                    a = x < 32 ? a >> (int)x : 0;
                    continue;

                case Alu | Add | K:
                    a += k;
                    continue;
                case Alu | Sub | K:
                    a -= k;
                    continue;
                case Alu | Mul | K:
                    a *= k;
                    continue;
                case Alu | Div | K:
                    if (k == 0)
                        return 0;
                    a /= k;
                    continue;
                case Alu | Mod | K:
                    if (k == 0)
                        return 0;
                    a %= k;
                    continue;
                case Alu | And | K:
                    a &= k;
                    continue;
                case Alu | Or | K:
                    a |= k;
                    continue;
                case Alu | Xor | K:
                    a ^= k;
                    continue;
                // A constant shift count is taken mod 32, as libpcap 1.10.3's C shift does on x86 and arm (validators refuse k >= 32).
                case Alu | Lsh | K:
                    a <<= (int)k;
                    continue;
                case Alu | Rsh | K:
                    a >>= (int)k;
                    continue;
                case Alu | Neg:
                    a = 0u - a;
                    continue;

                case Misc | Tax:
                    x = a;
                    continue;
                case Misc | Txa:
                    a = x;
                    continue;

                default:
                    return 0;
            }
        }
        // Ran off the end or jumped past it: no return value, so reject.
        return 0;
    }

    /// <summary>An absolute load beyond the captured bytes: socket metadata when the caller gave it, else a rejection.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryLoadAbsoluteOutside(ReadOnlySpan<byte> packet, uint offset, int size, uint a, uint x,
        in BpfAuxiliaryData auxiliary, bool hasAuxiliaryData, out uint value)
    {
        if (hasAuxiliaryData && offset >= BpfAncillary.Offset)
            return TryLoadAncillary(packet, offset - BpfAncillary.Offset, a, x, in auxiliary, out value);
        return TryLoadRelative(packet, offset, size, in auxiliary, hasAuxiliaryData, out value);
    }

    /// <summary>A load at a kernel "negative" offset: relative to the link-layer or the network header.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryLoadRelative(ReadOnlySpan<byte> packet, uint offset, int size,
        in BpfAuxiliaryData auxiliary, bool hasAuxiliaryData, out uint value)
    {
        value = 0;
        if (!hasAuxiliaryData)
            return false;
        long start;
        if (offset >= BpfAncillary.NetworkOffset)
        {
            if (auxiliary.NetworkHeaderOffset is not { } network)
                return false;
            start = (long)network + (offset - BpfAncillary.NetworkOffset);
        }
        else if (offset >= BpfAncillary.LinkLayerOffset)
        {
            // A packet socket's data starts at the link-layer header.
            start = offset - BpfAncillary.LinkLayerOffset;
        }
        else
        {
            return false;
        }
        if (start + size > packet.Length)
            return false;
        var bytes = packet.Slice((int)start, size);
        value = size switch
        {
            4 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            2 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            _ => bytes[0],
        };
        return true;
    }

    /// <summary>The value of ancillary field <paramref name="field"/>, as the kernel's <c>convert_bpf_extensions</c> computes it.</summary>
    private static bool TryLoadAncillary(ReadOnlySpan<byte> packet, uint field, uint a, uint x,
        in BpfAuxiliaryData auxiliary, out uint value)
    {
        switch (field)
        {
            case BpfAncillary.Protocol: value = auxiliary.Protocol; return true;
            case BpfAncillary.PacketType: value = auxiliary.PacketType; return true;
            case BpfAncillary.InterfaceIndex: value = auxiliary.InterfaceIndex; return true;
            case BpfAncillary.Mark: value = auxiliary.Mark; return true;
            case BpfAncillary.Queue: value = auxiliary.Queue; return true;
            case BpfAncillary.HardwareType: value = auxiliary.HardwareType; return true;
            case BpfAncillary.ReceiveHash: value = auxiliary.ReceiveHash; return true;
            case BpfAncillary.Cpu: value = auxiliary.Cpu; return true;
            case BpfAncillary.AluXorX: value = a ^ x; return true;
            case BpfAncillary.VlanTag: value = auxiliary.VlanTag; return true;
            case BpfAncillary.VlanTagPresent: value = auxiliary.VlanTagPresent ? 1u : 0u; return true;
            case BpfAncillary.PayloadOffset: value = auxiliary.PayloadOffset; return true;
            case BpfAncillary.Random: value = auxiliary.Random; return true;
            case BpfAncillary.VlanTpid: value = auxiliary.VlanTpid; return true;
            case BpfAncillary.NetlinkAttribute: value = NetlinkAttributes.Find(packet, a, x); return true;
            case BpfAncillary.NetlinkAttributeNested: value = NetlinkAttributes.FindNested(packet, a, x); return true;
            default:
                value = 0;
                return false;
        }
    }
}
