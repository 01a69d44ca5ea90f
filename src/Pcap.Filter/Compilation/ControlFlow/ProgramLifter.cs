using System.Buffers;
using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation.ControlFlow;

/// <summary>
/// Rebuilds libpcap's block graph from its unoptimized linear program. libpcap lays every block out
/// contiguously (statements, then the jump), so a block starts after each jump or return; a <c>ja</c>
/// is never a block of its own but a stub the linearizer added for a reach over 255, and is followed through.
/// </summary>
internal static class ProgramLifter
{
    private static readonly List<BlockStatement> s_noStatements = [];
    private static readonly BasicBlock s_placeholder = new([], new BlockStatement(BpfOpcodes.Ret | BpfOpcodes.K, 0));
    private static readonly ControlFlowGraph s_placeholderGraph = new(s_placeholder);

    [ThreadStatic]
    private static List<(int Start, int BranchIndex)>? t_branchIndex;

    /// <summary>
    /// Lifts <paramref name="program"/> into a graph. Returns null when the program has jumps between statements
    /// of one block (a backward <c>ja</c>, or a jump into the middle of a block): libpcap emits those only for
    /// <c>protochain</c> and <c>geneve</c>, and turns its optimizer off for them. The one in-block jump libpcap does
    /// optimize, the live VLAN id test, is kept inside its block as a statement with targets. Throws
    /// <see cref="ArgumentException"/> when the program is not block-structured at all.
    /// </summary>
    public static ControlFlowGraph? Lift(ReadOnlySpan<BpfInstruction> program)
    {
        if (program.IsEmpty)
            throw new ArgumentException("The program is empty.", nameof(program));
        // A dry run first finds the blocks and checks every jump lands on one, building nothing: protochain and geneve
        // programs (laid out only to be returned as they are) stop there.
        var blockAt = ArrayPool<BasicBlock?>.Shared.Rent(program.Length);
        try
        {
            Array.Clear(blockAt, 0, program.Length);
            if (LiftBlocks(program, blockAt, build: false) is null)
                return null;
            Array.Clear(blockAt, 0, program.Length);
            return LiftBlocks(program, blockAt, build: true);
        }
        finally
        {
            Array.Clear(blockAt, 0, program.Length);
            ArrayPool<BasicBlock?>.Shared.Return(blockAt);
        }
    }

    // Without 'build', every block is the same placeholder and nothing is linked: only the answer (null or not) counts.
    private static ControlFlowGraph? LiftBlocks(ReadOnlySpan<BpfInstruction> program, BasicBlock?[] blockAt, bool build)
    {
        var branchIndex = t_branchIndex ??= [];
        branchIndex.Clear();
        int i = 0;
        while (i < program.Length)
        {
            if (IsAlways(program[i]))
            {
                i++;
                continue;
            }
            int start = i;
            List<BlockStatement> statements = build ? [] : s_noStatements;
            List<(BlockStatement Jump, int TrueAt, int FalseAt)>? embedded = null;
            Dictionary<int, BlockStatement>? statementAt = null;
            while (i < program.Length && (!EndsBlock(program[i]) || IsEmbeddedSkip(program, i)))
            {
                RequireScratchIndexInRange(program[i], i);
                BlockStatement? statement = build ? new BlockStatement(program[i].Code, program[i].K) : null;
                if (build)
                    statements.Add(statement!);
                if (EndsBlock(program[i]))
                {
                    // The tag in metadata: jt goes on to the metadata load, whose ja skips the frame load that jf lands on.
                    int end = i + program[i].Jf + (int)program[i + program[i].Jf].K;
                    if (build)
                    {
                        (embedded ??= []).Add((statement!, i + 1 + program[i].Jt, i + 1 + program[i].Jf));
                        statementAt ??= [];
                        for (int j = i + 1; j <= end; j++)
                        {
                            var inner = new BlockStatement(program[j].Code, program[j].K);
                            statements.Add(inner);
                            statementAt[j] = inner;
                        }
                    }
                    i = end + 1;
                    continue;
                }
                i++;
            }
            for (int e = 0; e < (embedded?.Count ?? 0); e++)
            {
                var (jump, trueAt, falseAt) = embedded![e];
                jump.JumpTrue = statementAt![trueAt];
                jump.JumpFalse = statementAt[falseAt];
            }
            if (i == program.Length)
                throw new ArgumentException($"The instructions from {start} on do not end with a jump or return.", nameof(program));
            if (IsAlways(program[i]))
                return null;
            RequireKnownBranch(program[i], i);
            blockAt[start] = build ? new BasicBlock(statements, new BlockStatement(program[i].Code, program[i].K)) : s_placeholder;
            branchIndex.Add((start, i));
            i++;
        }

        foreach ((int start, int index) in branchIndex)
        {
            if (program[index].Class == BpfOpcodes.Ret)
                continue;
            var onTrue = BlockAt(program, blockAt, index + 1 + program[index].Jt);
            if (onTrue is null)
                return null;
            var onFalse = BlockAt(program, blockAt, index + 1 + program[index].Jf);
            if (onFalse is null)
                return null;
            if (build)
            {
                blockAt[start]!.JumpTrue = onTrue;
                blockAt[start]!.JumpFalse = onFalse;
            }
        }

        var root = blockAt[0] ?? BlockAt(program, blockAt, 0);
        return root is null ? null : build ? new ControlFlowGraph(root) : s_placeholderGraph;
    }

    // The optimizer indexes its value table by scratch word, so M[k] must exist (k < 16).
    private static void RequireScratchIndexInRange(BpfInstruction instruction, int index)
    {
        ushort instructionClass = instruction.Class;
        bool usesScratch = instructionClass is BpfOpcodes.St or BpfOpcodes.Stx
            || ((instructionClass is BpfOpcodes.Ld or BpfOpcodes.Ldx) && BpfOpcodes.ModeOf(instruction.Code) == BpfOpcodes.Mem);
        if (usesScratch && instruction.K >= BpfOpcodes.MemoryWords)
            throw new ArgumentException($"Instruction {index} uses scratch word M[{instruction.K}]; there are only {BpfOpcodes.MemoryWords}.", "program");
    }

    private static void RequireKnownBranch(BpfInstruction instruction, int index)
    {
        if (instruction.Class == BpfOpcodes.Ret)
            return;
        ushort operation = BpfOpcodes.OperationOf(instruction.Code);
        if (operation is not (BpfOpcodes.Jeq or BpfOpcodes.Jgt or BpfOpcodes.Jge or BpfOpcodes.Jset))
            throw new ArgumentException($"Instruction {index} has an unknown jump code 0x{instruction.Code:x}.", "program");
    }

    // libpcap's live VLAN id test is the one jump inside a block it optimizes: "ldb [vlanp]; jeq #1 jt 0 jf N;
    // ldb [vlan_tci]; ...; ja K; K frame statements". Recognized exactly, so protochain's and geneve's jumps still refuse.
    private static bool IsEmbeddedSkip(ReadOnlySpan<BpfInstruction> program, int i)
    {
        var jump = program[i];
        if (i == 0 || i + 1 >= program.Length || jump.Class != BpfOpcodes.Jmp || IsAlways(jump) || jump.Jt != 0 || jump.Jf < 2
            || !IsAncillaryLoad(program[i - 1], BpfAncillary.VlanTagPresent) || !IsAncillaryLoad(program[i + 1], BpfAncillary.VlanTag))
            return false;
        int skipAt = i + jump.Jf;
        if (skipAt >= program.Length || !IsAlways(program[skipAt]) || program[skipAt].K == 0)
            return false;
        long end = skipAt + (long)program[skipAt].K;
        if (end >= program.Length)
            return false;
        for (int j = i + 1; j <= end; j++)
        {
            if (j != skipAt && EndsBlock(program[j]))
                return false;
        }
        return true;
    }

    private static bool IsAncillaryLoad(BpfInstruction instruction, uint field) =>
        instruction.Class == BpfOpcodes.Ld && BpfOpcodes.ModeOf(instruction.Code) == BpfOpcodes.Abs
        && instruction.K == BpfAncillary.Offset + field;

    private static bool EndsBlock(BpfInstruction instruction) =>
        instruction.Class == BpfOpcodes.Jmp || instruction.Class == BpfOpcodes.Ret;

    private static bool IsAlways(BpfInstruction instruction) =>
        instruction.Code == (BpfOpcodes.Jmp | BpfOpcodes.Ja);

    // Follows linearizer 'ja' stubs to the block they stand for; null when the jump lands inside a block.
    private static BasicBlock? BlockAt(ReadOnlySpan<BpfInstruction> program, BasicBlock?[] blockAt, long target)
    {
        while (target < program.Length && IsAlways(program[(int)target]))
        {
            long next = target + 1 + program[(int)target].K;
            if (next >= program.Length)
                return null;
            target = next;
        }
        if (target >= program.Length)
            throw new ArgumentException($"A jump lands at {target}, past the end of the program.", "program");
        return blockAt[target];
    }
}
