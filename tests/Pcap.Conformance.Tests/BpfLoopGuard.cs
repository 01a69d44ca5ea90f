using System.Buffers.Binary;
using Pcap.Filter.Bpf;

namespace Pcap.Conformance.Tests;

/// <summary>
/// libpcap 1.10.3 compiles <c>protochain</c> into a loop (a <c>ja</c> with a negative offset), and its AH step sets X
/// to the AH length instead of adding it, so on some packets libpcap's bpf_filter never returns (seen with
/// <c>ip6 protochain 6</c> on an IPv6 packet with two AH headers). Before such a program meets libpcap, this
/// step-limited evaluation of the same instructions decides whether the run ends.
/// </summary>
internal static class BpfLoopGuard
{
    /// <summary>How many instructions a run may execute before it counts as endless.</summary>
    public const int StepLimit = 200_000;

    /// <summary>True when some <c>ja</c> jumps backwards (only those programs can loop).</summary>
    public static bool HasBackwardJump(ReadOnlySpan<BpfInstruction> program)
    {
        foreach (var instruction in program)
            if (instruction.Code == (BpfOpcodes.Jmp | BpfOpcodes.Ja) && (int)instruction.K < 0)
                return true;
        return false;
    }

    /// <summary>How a traced run ended.</summary>
    public enum Ending { Returned, Aborted, Endless, ReadUnwrittenMemory }

    /// <summary>True when the program loads from scratch memory at all (only those can read a slot never stored).</summary>
    public static bool ReadsMemory(ReadOnlySpan<BpfInstruction> program)
    {
        foreach (var instruction in program)
            if (instruction.Code is (BpfOpcodes.Ld | BpfOpcodes.Mem) or (BpfOpcodes.Ldx | BpfOpcodes.Mem))
                return true;
        return false;
    }

    /// <summary>True when running <paramref name="program"/> on the packet ends within <see cref="StepLimit"/> steps.</summary>
    /// <summary>True when libpcap's answer on the packet is defined: the run ends and reads no unwritten scratch slot.</summary>
    public static bool IsDefined(ReadOnlySpan<BpfInstruction> program, ReadOnlySpan<byte> packet, uint wireLength) =>
        Trace(program, packet, wireLength) is not (Ending.Endless or Ending.ReadUnwrittenMemory);

    public static bool Terminates(ReadOnlySpan<BpfInstruction> program, ReadOnlySpan<byte> packet, uint wireLength) =>
        Trace(program, packet, wireLength) != Ending.Endless;

    /// <summary>
    /// Runs <paramref name="program"/> step by step: a normal <c>ret</c>, an abort (a load past the captured bytes or a
    /// division by zero, where bpf_filter returns 0 at once), or no end within <see cref="StepLimit"/> steps.
    /// </summary>
    public static Ending Trace(ReadOnlySpan<BpfInstruction> program, ReadOnlySpan<byte> packet, uint wireLength) =>
        Trace(program, packet, wireLength, out _);

    /// <summary>As <see cref="Trace(ReadOnlySpan{BpfInstruction}, ReadOnlySpan{byte}, uint)"/>, also counting the backward jumps taken (loop turns).</summary>
    public static Ending Trace(ReadOnlySpan<BpfInstruction> program, ReadOnlySpan<byte> packet, uint wireLength, out int backwardJumps)
    {
        backwardJumps = 0;
        uint a = 0, x = 0;
        Span<uint> memory = stackalloc uint[BpfOpcodes.MemoryWords];
        memory.Clear();
        // libpcap's bpf_filter leaves scratch memory uninitialised: reading a slot never stored gives stack garbage.
        int written = 0;
        long pc = 0;
        for (int step = 0; step < StepLimit; step++)
        {
            if (pc < 0 || pc >= program.Length)
                return Ending.Aborted; // off the program: libpcap would misbehave, but it does not loop here
            var instruction = program[(int)pc];
            uint k = instruction.K;
            ushort code = instruction.Code;
            switch (BpfOpcodes.ClassOf(code))
            {
                case BpfOpcodes.Ret:
                    return Ending.Returned;
                case BpfOpcodes.Ld or BpfOpcodes.Ldx:
                {
                    bool intoX = BpfOpcodes.ClassOf(code) == BpfOpcodes.Ldx;
                    int mode = code & 0xe0, size = code & 0x18;
                    uint value;
                    if (mode == BpfOpcodes.Imm) value = k;
                    else if (mode == BpfOpcodes.Len) value = wireLength;
                    else if (mode == BpfOpcodes.Mem)
                    {
                        if ((written & (1 << (int)(k & 0xf))) == 0) return Ending.ReadUnwrittenMemory;
                        value = memory[(int)(k & 0xf)];
                    }
                    else if (mode == BpfOpcodes.Msh)
                    {
                        if (k >= packet.Length) return Ending.Aborted;
                        value = (uint)(packet[(int)k] & 0xf) << 2;
                    }
                    else
                    {
                        ulong offset = mode == BpfOpcodes.Ind ? (ulong)x + k : k;
                        int width = size == BpfOpcodes.W ? 4 : size == BpfOpcodes.H ? 2 : 1;
                        if (offset + (ulong)width > (ulong)packet.Length) return Ending.Aborted;
                        var bytes = packet.Slice((int)offset, width);
                        value = width == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : width == 2 ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : bytes[0];
                    }
                    if (intoX) x = value; else a = value;
                    pc++;
                    break;
                }
                case BpfOpcodes.St:
                    written |= 1 << (int)(k & 0xf);
                    memory[(int)(k & 0xf)] = a;
                    pc++;
                    break;
                case BpfOpcodes.Stx:
                    written |= 1 << (int)(k & 0xf);
                    memory[(int)(k & 0xf)] = x;
                    pc++;
                    break;
                case BpfOpcodes.Alu:
                {
                    bool fromX = (code & BpfOpcodes.X) != 0;
                    uint operand = fromX ? x : k;
                    switch (code & 0xf0)
                    {
                        case BpfOpcodes.Add: a += operand; break;
                        case BpfOpcodes.Sub: a -= operand; break;
                        case BpfOpcodes.Mul: a *= operand; break;
                        case BpfOpcodes.Div: if (operand == 0) return Ending.Aborted; a /= operand; break;
                        case BpfOpcodes.Mod: if (operand == 0) return Ending.Aborted; a %= operand; break;
                        case BpfOpcodes.And: a &= operand; break;
                        case BpfOpcodes.Or: a |= operand; break;
                        case BpfOpcodes.Xor: a ^= operand; break;
                        case BpfOpcodes.Lsh: a = fromX && operand >= 32 ? 0 : a << (int)(operand & 31); break;
                        case BpfOpcodes.Rsh: a = fromX && operand >= 32 ? 0 : a >> (int)(operand & 31); break;
                        case BpfOpcodes.Neg: a = (uint)-(int)a; break;
                        default: return Ending.Aborted;
                    }
                    pc++;
                    break;
                }
                case BpfOpcodes.Jmp:
                {
                    uint operand = (code & BpfOpcodes.X) != 0 ? x : k;
                    int op = code & 0xf0;
                    if (op == BpfOpcodes.Ja)
                    {
                        if ((int)k < 0)
                            backwardJumps++;
                        pc += 1 + (int)k;
                        break;
                    }
                    bool taken = op switch
                    {
                        BpfOpcodes.Jeq => a == operand,
                        BpfOpcodes.Jgt => a > operand,
                        BpfOpcodes.Jge => a >= operand,
                        BpfOpcodes.Jset => (a & operand) != 0,
                        _ => false,
                    };
                    pc += 1 + (taken ? instruction.Jt : instruction.Jf);
                    break;
                }
                default: // Misc: tax / txa
                    if ((code & 0xf8) == BpfOpcodes.Txa) a = x; else x = a;
                    pc++;
                    break;
            }
        }
        return Ending.Endless;
    }
}
