using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Bpf;

/// <summary>
/// Classic BPF's ALU operations on constants, for everything that folds them ahead of run time (the code generator,
/// libpcap's optimizer, the shortening passes). The readers of BPF differ only where this returns false:
/// <list type="bullet">
/// <item>Division or modulus by zero: the program returns 0 at run time (interpreter, JIT, kernel); libpcap's optimizer
/// refuses the expression ("division by zero"); the shortening passes leave the instruction as it is.</item>
/// <item>A shift by 32 or more: libpcap 1.10.3's <c>bpf_filter</c> and optimizer give 0 for a count in X or a folded
/// constant, C's shift on x86/arm takes a constant count mod 32 (validators refuse it), and the kernel takes X mod 32;
/// the shortening passes leave it unfolded.</item>
/// </list>
/// </summary>
internal static class BpfArithmetic
{
    /// <summary>
    /// <paramref name="a"/> <paramref name="operation"/> <paramref name="b"/> (the operation bits of an ALU opcode; for
    /// <see cref="BpfOpcodes.Neg"/> <paramref name="b"/> is ignored), where every reader agrees on the result.
    /// </summary>
    public static bool TryApply(ushort operation, uint a, uint b, out uint result)
    {
        switch (operation)
        {
            case Add: result = a + b; return true;
            case Sub: result = a - b; return true;
            case Mul: result = a * b; return true;
            case Div when b != 0: result = a / b; return true;
            case Mod when b != 0: result = a % b; return true;
            case And: result = a & b; return true;
            case BpfOpcodes.Or: result = a | b; return true;
            case Xor: result = a ^ b; return true;
            case Lsh when b < 32: result = a << (int)b; return true;
            case Rsh when b < 32: result = a >> (int)b; return true;
            case Neg: result = 0u - a; return true;
            default: result = 0; return false;
        }
    }
}
