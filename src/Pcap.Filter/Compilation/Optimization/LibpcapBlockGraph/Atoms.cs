using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// The "atoms" of use-def analysis: scratch words 0-15, the accumulator and the index register,
/// and which of them a statement reads or writes (libpcap's <c>atomuse</c>/<c>atomdef</c>).
/// </summary>
internal static class Atoms
{
    /// <summary>The accumulator's slot.</summary>
    public const int A = BpfOpcodes.MemoryWords;

    /// <summary>The index register's slot.</summary>
    public const int X = BpfOpcodes.MemoryWords + 1;

    /// <summary>Number of atoms.</summary>
    public const int Count = BasicBlock.AtomCount;

    /// <summary>Pseudo-atom for a statement that reads both A and X.</summary>
    public const int AAndX = Count;

    /// <summary>No atom.</summary>
    public const int None = -1;

    /// <summary>The bit of <paramref name="atom"/> in an atom set.</summary>
    public static uint Mask(int atom) => 1u << atom;

    /// <summary>True when <paramref name="set"/> holds <paramref name="atom"/>.</summary>
    public static bool Contains(uint set, int atom) => (set & Mask(atom)) != 0;

    /// <summary>The atom <paramref name="statement"/> reads, <see cref="AAndX"/> for both, or <see cref="None"/>.</summary>
    public static int UsedBy(BlockStatement statement)
    {
        int code = statement.Code;
        if (code == BlockStatement.Nop)
            return None;
        ushort c = (ushort)code;
        switch (BpfOpcodes.ClassOf(c))
        {
            case BpfOpcodes.Ret:
                return BpfOpcodes.ReturnValueOf(c) == BpfOpcodes.RetA ? A
                    : BpfOpcodes.ReturnValueOf(c) == BpfOpcodes.X ? X : None;
            case BpfOpcodes.Ld:
            case BpfOpcodes.Ldx:
                return BpfOpcodes.ModeOf(c) == BpfOpcodes.Ind ? X
                    : BpfOpcodes.ModeOf(c) == BpfOpcodes.Mem ? (int)statement.K : None;
            case BpfOpcodes.St:
                return A;
            case BpfOpcodes.Stx:
                return X;
            case BpfOpcodes.Jmp:
            case BpfOpcodes.Alu:
                return BpfOpcodes.SourceOf(c) == BpfOpcodes.X ? AAndX : A;
            default:
                return BpfOpcodes.MiscOperationOf(c) == BpfOpcodes.Txa ? X : A;
        }
    }

    /// <summary>The atom <paramref name="statement"/> writes, or <see cref="None"/>.</summary>
    public static int DefinedBy(BlockStatement statement)
    {
        int code = statement.Code;
        if (code == BlockStatement.Nop)
            return None;
        ushort c = (ushort)code;
        return BpfOpcodes.ClassOf(c) switch
        {
            BpfOpcodes.Ld or BpfOpcodes.Alu => A,
            BpfOpcodes.Ldx => X,
            BpfOpcodes.St or BpfOpcodes.Stx => (int)statement.K,
            BpfOpcodes.Misc => BpfOpcodes.MiscOperationOf(c) == BpfOpcodes.Tax ? X : A,
            _ => None,
        };
    }
}
