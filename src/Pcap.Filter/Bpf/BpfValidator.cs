using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Bpf;

/// <summary>
/// Decides whether a program is safe to run and to attach: it refuses everything libpcap 1.10's
/// <c>bpf_validate</c> refuses and everything Linux refuses for <c>SO_ATTACH_FILTER</c>
/// (<c>bpf_check_classic</c> and <c>check_load_and_stores</c> in <c>net/core/filter.c</c>).
/// </summary>
public static class BpfValidator
{
    /// <summary>
    /// Checks <paramref name="program"/>. Returns true when both libpcap and the kernel would accept it; otherwise
    /// false and the first problem found in <paramref name="error"/>. Never throws.
    /// </summary>
    public static bool TryValidate(ReadOnlySpan<BpfInstruction> program, out BpfValidationError? error) =>
        TryValidate(program, BpfProgram.MaxInstructions, out error);

    /// <summary>
    /// Checks <paramref name="program"/> as <see cref="TryValidate(ReadOnlySpan{BpfInstruction}, out BpfValidationError?)"/>
    /// does, but takes up to <paramref name="maxInstructions"/> instructions: in user space (the interpreter, the JIT)
    /// a program may be longer than the kernel's 4,096; every other rule is the same.
    /// </summary>
    public static bool TryValidate(ReadOnlySpan<BpfInstruction> program, int maxInstructions, out BpfValidationError? error)
    {
        if (program.IsEmpty)
            return Fail(out error, null, default, "the program has no instructions");
        if (program.Length > maxInstructions)
            return Fail(out error, null, default,
                $"the program has {program.Length} instructions; the kernel takes at most {BpfProgram.MaxInstructions}");

        for (var pc = 0; pc < program.Length; pc++)
        {
            var instruction = program[pc];
            var reason = CheckInstruction(instruction, pc, program.Length);
            if (reason is not null)
                return Fail(out error, pc, instruction, reason);
        }

        var last = program[^1];
        if (last.Code is not (Ret | K) and not (Ret | RetA))
            return Fail(out error, program.Length - 1, last, "the last instruction must be a return (ret)");

        return CheckScratchMemory(program, out error);
    }

    /// <summary>Checks <paramref name="program"/>; see <see cref="TryValidate(ReadOnlySpan{BpfInstruction}, out BpfValidationError?)"/>.</summary>
    public static bool TryValidate(BpfProgram program, out BpfValidationError? error)
    {
        ArgumentNullException.ThrowIfNull(program);
        return TryValidate(program.Instructions, out error);
    }

    /// <summary>Whether <paramref name="code"/> is one of the opcodes both libpcap's interpreter and the kernel know.</summary>
    public static bool IsKnownOpcode(ushort code) => code switch
    {
        Ret | K or Ret | RetA => true,
        Ld | W | Abs or Ld | H | Abs or Ld | B | Abs or Ld | W | Len or Ld | W | Ind or Ld | H | Ind or Ld | B | Ind => true,
        Ld | Imm or Ld | Mem => true,
        Ldx | W | Len or Ldx | B | Msh or Ldx | Imm or Ldx | Mem => true,
        St or Stx => true,
        Misc | Tax or Misc | Txa => true,
        Jmp | Ja => true,
        Jmp | Jeq | K or Jmp | Jeq | X or Jmp | Jgt | K or Jmp | Jgt | X
            or Jmp | Jge | K or Jmp | Jge | X or Jmp | Jset | K or Jmp | Jset | X => true,
        Alu | Neg => true,
        _ when ClassOf(code) == Alu && (code & ~0xff) == 0 && OperationOf(code) <= Xor && OperationOf(code) != Neg => true,
        _ => false,
    };

    /// <summary>Whether <paramref name="field"/> (an offset past <see cref="BpfAncillary.Offset"/>) is an ancillary field Linux knows.</summary>
    public static bool IsKnownAncillaryField(uint field) => field < BpfAncillary.Max && field % 4 == 0;

    private static string? CheckInstruction(BpfInstruction instruction, int pc, int length)
    {
        var code = instruction.Code;
        if (!IsKnownOpcode(code))
            return $"unknown opcode 0x{code:x}";
        var k = instruction.K;
        switch (code)
        {
            case Alu | Div | K or Alu | Mod | K when k == 0:
                return code == (Alu | Div | K) ? "division by the constant 0" : "modulo by the constant 0";
            case Alu | Lsh | K or Alu | Rsh | K when k >= 32:
                return $"shift by the constant {k}; the kernel takes at most 31";
            case Ld | Mem or Ldx | Mem or St or Stx when k >= MemoryWords:
                return $"scratch memory index {k}; there are only {MemoryWords} words (M[0] to M[15])";
            case Jmp | Ja when k >= (uint)(length - pc - 1):
                return $"the jump by {k} lands outside the program (it has {length} instructions)";
            case Ld | W | Abs or Ld | H | Abs or Ld | B | Abs
                when k >= BpfAncillary.Offset && !IsKnownAncillaryField(k - BpfAncillary.Offset):
                return $"unknown ancillary load at SKF_AD_OFF+{k - BpfAncillary.Offset}";
        }
        if (ClassOf(code) == Jmp && code != (Jmp | Ja)
            && (pc + instruction.Jt + 1 >= length || pc + instruction.Jf + 1 >= length))
            return $"the conditional jump (true +{instruction.Jt}, false +{instruction.Jf}) lands outside the program (it has {length} instructions)";
        return null;
    }

    /// <summary>
    /// The kernel's scratch-memory rule, followed exactly: walking forward, a word is readable when every jump into
    /// this point and the fall-through (even after a return) stored it first.
    /// </summary>
    private static bool CheckScratchMemory(ReadOnlySpan<BpfInstruction> program, out BpfValidationError? error)
    {
        const ushort allWords = 0xffff;
        Span<ushort> validOnEntry = program.Length <= 512 ? stackalloc ushort[program.Length] : new ushort[program.Length];
        validOnEntry.Fill(allWords);
        ushort valid = 0;
        for (var pc = 0; pc < program.Length; pc++)
        {
            valid &= validOnEntry[pc];
            var instruction = program[pc];
            switch (instruction.Code)
            {
                case St or Stx:
                    valid |= (ushort)(1 << (int)instruction.K);
                    break;
                case Ld | Mem or Ldx | Mem:
                    if ((valid & (1 << (int)instruction.K)) == 0)
                        return Fail(out error, pc, instruction,
                            $"M[{instruction.K}] is read before every path to it has stored it");
                    break;
                case Jmp | Ja:
                    validOnEntry[pc + 1 + (int)instruction.K] &= valid;
                    valid = allWords;
                    break;
                case Jmp | Jeq | K or Jmp | Jeq | X or Jmp | Jgt | K or Jmp | Jgt | X
                    or Jmp | Jge | K or Jmp | Jge | X or Jmp | Jset | K or Jmp | Jset | X:
                    validOnEntry[pc + 1 + instruction.Jt] &= valid;
                    validOnEntry[pc + 1 + instruction.Jf] &= valid;
                    valid = allWords;
                    break;
            }
        }
        error = null;
        return true;
    }

    private static bool Fail(out BpfValidationError? error, int? index, BpfInstruction instruction, string reason)
    {
        error = new BpfValidationError(index, index is null ? null : instruction, reason);
        return false;
    }
}
