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

    // Both answers by opcode for every code below 256 (all BPF opcodes): a table read instead of decoding the code
    // for each statement of each block on each pass. FromK stands for "the scratch word named by K".
    private const int FromK = 64;
    private static readonly sbyte[] s_used = Table(UsedByCode);
    private static readonly sbyte[] s_defined = Table(DefinedByCode);

    /// <summary>The atom <paramref name="statement"/> reads, <see cref="AAndX"/> for both, or <see cref="None"/>.</summary>
    public static int UsedBy(BlockStatement statement)
    {
        int code = statement.Code;
        if ((uint)code < (uint)s_used.Length)
        {
            int atom = s_used[code];
            return atom == FromK ? (int)statement.K : atom;
        }
        return code == BlockStatement.Nop ? None : UsedByCode(code, statement.K);
    }

    /// <summary>The atom <paramref name="statement"/> writes, or <see cref="None"/>.</summary>
    public static int DefinedBy(BlockStatement statement)
    {
        int code = statement.Code;
        if ((uint)code < (uint)s_defined.Length)
        {
            int atom = s_defined[code];
            return atom == FromK ? (int)statement.K : atom;
        }
        return code == BlockStatement.Nop ? None : DefinedByCode(code, statement.K);
    }

    private static sbyte[] Table(Func<int, uint, int> atomOf)
    {
        var table = new sbyte[256];
        for (int code = 0; code < table.Length; code++)
        {
            int atom = atomOf(code, FromK);
            table[code] = (sbyte)atom;
        }
        return table;
    }

    private static int UsedByCode(int code, uint k)
    {
        ushort c = (ushort)code;
        switch (BpfOpcodes.ClassOf(c))
        {
            case BpfOpcodes.Ret:
                return BpfOpcodes.ReturnValueOf(c) == BpfOpcodes.RetA ? A
                    : BpfOpcodes.ReturnValueOf(c) == BpfOpcodes.X ? X : None;
            case BpfOpcodes.Ld:
            case BpfOpcodes.Ldx:
                return BpfOpcodes.ModeOf(c) == BpfOpcodes.Ind ? X
                    : BpfOpcodes.ModeOf(c) == BpfOpcodes.Mem ? (int)k : None;
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

    private static int DefinedByCode(int code, uint k)
    {
        ushort c = (ushort)code;
        return BpfOpcodes.ClassOf(c) switch
        {
            BpfOpcodes.Ld or BpfOpcodes.Alu => A,
            BpfOpcodes.Ldx => X,
            BpfOpcodes.St or BpfOpcodes.Stx => (int)k,
            BpfOpcodes.Misc => BpfOpcodes.MiscOperationOf(c) == BpfOpcodes.Tax ? X : A,
            _ => None,
        };
    }
}
