using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation.ControlFlow;

/// <summary>
/// Rebuilds libpcap's block graph from its unoptimized linear program. libpcap lays every block out
/// contiguously (statements, then the jump), so a block starts after each jump or return; a <c>ja</c>
/// is never a block of its own but a stub the linearizer added for a reach over 255, and is followed through.
/// </summary>
internal static class ProgramLifter
{
    /// <summary>
    /// Lifts <paramref name="program"/> into a graph. Returns null when the program has jumps between statements
    /// of one block (a backward <c>ja</c>, or a jump into the middle of a block): libpcap emits those only for
    /// <c>protochain</c> and <c>geneve</c>, and turns its optimizer off for them. Throws
    /// <see cref="ArgumentException"/> when the program is not block-structured at all.
    /// </summary>
    public static ControlFlowGraph? Lift(ReadOnlySpan<BpfInstruction> program)
    {
        try
        {
            return LiftBlocks(program);
        }
        catch (StatementLevelJumpException)
        {
            return null;
        }
    }

    private static ControlFlowGraph LiftBlocks(ReadOnlySpan<BpfInstruction> program)
    {
        if (program.IsEmpty)
            throw new ArgumentException("The program is empty.", nameof(program));

        var blockAt = new BasicBlock?[program.Length];
        var branchIndex = new List<(BasicBlock Block, int Index)>();
        int i = 0;
        while (i < program.Length)
        {
            if (IsAlways(program[i]))
            {
                i++;
                continue;
            }
            int start = i;
            var statements = new List<Statement>();
            while (i < program.Length && !EndsBlock(program[i]))
            {
                statements.Add(new Statement(program[i].Code, program[i].K));
                i++;
            }
            if (i == program.Length)
                throw new ArgumentException($"The instructions from {start} on do not end with a jump or return.", nameof(program));
            if (IsAlways(program[i]))
                throw new StatementLevelJumpException();
            var block = new BasicBlock(statements, new Statement(program[i].Code, program[i].K));
            blockAt[start] = block;
            branchIndex.Add((block, i));
            i++;
        }

        foreach ((BasicBlock block, int index) in branchIndex)
        {
            if (block.IsReturn)
                continue;
            block.JumpTrue = BlockAt(program, blockAt, index + 1 + program[index].Jt);
            block.JumpFalse = BlockAt(program, blockAt, index + 1 + program[index].Jf);
        }

        return new ControlFlowGraph(blockAt[0] ?? BlockAt(program, blockAt, 0));
    }

    private static bool EndsBlock(BpfInstruction instruction) =>
        instruction.Class == BpfOpcodes.Jmp || instruction.Class == BpfOpcodes.Ret;

    private static bool IsAlways(BpfInstruction instruction) =>
        instruction.Code == (BpfOpcodes.Jmp | BpfOpcodes.Ja);

    // Follows linearizer 'ja' stubs to the block they stand for.
    private static BasicBlock BlockAt(ReadOnlySpan<BpfInstruction> program, BasicBlock?[] blockAt, long target)
    {
        while (target < program.Length && IsAlways(program[(int)target]))
        {
            long next = target + 1 + program[(int)target].K;
            if (next >= program.Length)
                throw new StatementLevelJumpException();
            target = next;
        }
        if (target >= program.Length)
            throw new ArgumentException($"A jump lands at {target}, past the end of the program.", "program");
        return blockAt[target] ?? throw new StatementLevelJumpException();
    }

    // A jump that only makes sense between statements of one block (protochain's loop, geneve's header test).
    private sealed class StatementLevelJumpException : Exception;
}
