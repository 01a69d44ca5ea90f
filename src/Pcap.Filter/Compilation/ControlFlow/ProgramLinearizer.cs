using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.Optimization;

namespace Pcap.Filter.Compilation.ControlFlow;

/// <summary>
/// Lays the graph out as a linear program exactly as libpcap's <c>icode_to_fcode</c> does: blocks are
/// placed from the end backwards in a post-order that visits the false branch first, so the root comes
/// first. A branch reaching 256 or more ahead marks its block as needing a <c>ja</c> stub and the whole
/// layout is retried with the larger size.
/// </summary>
internal static class ProgramLinearizer
{
    /// <summary>Linearizes <paramref name="graph"/>.</summary>
    public static BpfInstruction[] Linearize(ControlFlowGraph graph)
    {
        Layout? layout = null;
        while (true)
        {
            graph.UnmarkAll();
            int length = CountInstructions(graph, graph.Root);
            layout = Layout.Reuse(layout, length);
            graph.UnmarkAll();
            if (Place(graph, layout, graph.Root))
                return layout.ToProgram();
        }
    }

    private static int CountInstructions(ControlFlowGraph graph, BasicBlock? block)
    {
        if (block is null || graph.IsMarked(block))
            return 0;
        graph.Mark(block);
        int below = CountInstructions(graph, block.JumpTrue) + CountInstructions(graph, block.JumpFalse);
        return block.LiveStatementCount + below + 1 + block.LongJumpTrue + block.LongJumpFalse;
    }

    // Returns false when a branch turned out too long; the block is then flagged for a stub and the caller retries.
    private static bool Place(ControlFlowGraph graph, Layout layout, BasicBlock? block)
    {
        if (block is null || graph.IsMarked(block))
            return true;
        graph.Mark(block);
        if (!Place(graph, layout, block.JumpFalse) || !Place(graph, layout, block.JumpTrue))
            return false;

        int statementCount = block.LiveStatementCount;
        layout.Tail -= statementCount + 1 + block.LongJumpTrue + block.LongJumpFalse;
        int at = layout.Tail;
        block.Offset = at;
        foreach (BlockStatement statement in block.Statements)
        {
            if (statement.IsNop)
                continue;
            layout.Code[at] = (ushort)statement.Code;
            layout.K[at] = statement.K;
            if (statement.JumpTrue is not null && statement.JumpFalse is not null)
            {
                layout.Jt[at] = InBlockReach(block, statement, statement.JumpTrue);
                layout.Jf[at] = InBlockReach(block, statement, statement.JumpFalse);
            }
            at++;
        }

        layout.Code[at] = (ushort)block.Branch.Code;
        layout.K[at] = block.Branch.K;
        if (block.JumpTrue is null || block.JumpFalse is null)
            return true;

        int stubs = 0;
        uint reach = (uint)(block.JumpTrue.Offset - (block.Offset + statementCount) - 1);
        if (reach >= 256)
        {
            if (block.LongJumpTrue == 0)
            {
                block.LongJumpTrue = 1;
                return false;
            }
            layout.Jt[at] = (byte)stubs;
            stubs++;
            layout.Code[at + stubs] = BpfOpcodes.Jmp | BpfOpcodes.Ja;
            layout.K[at + stubs] = reach - (uint)stubs;
        }
        else
        {
            layout.Jt[at] = (byte)reach;
        }

        reach = (uint)(block.JumpFalse.Offset - (block.Offset + statementCount) - 1);
        if (reach >= 256)
        {
            if (block.LongJumpFalse == 0)
            {
                block.LongJumpFalse = 1;
                return false;
            }
            layout.Jf[at] = (byte)stubs;
            stubs++;
            layout.Code[at + stubs] = BpfOpcodes.Jmp | BpfOpcodes.Ja;
            layout.K[at + stubs] = reach - (uint)stubs;
        }
        else
        {
            layout.Jf[at] = (byte)reach;
        }
        return true;
    }

    // libpcap's convert_code_r: the target's index counts deleted statements too (its offset[] table holds the first
    // "live count" statements, deleted ones included) while the jump's own index counts only live ones, so a statement
    // deleted before the jump moves the target one further, and a target outside that table is libpcap's compile error.
    private static byte InBlockReach(BasicBlock block, BlockStatement jump, BlockStatement target)
    {
        int live = block.LiveStatementCount;
        int targetIndex = -1, jumpIndex = 0, index = 0, liveIndex = 0;
        foreach (BlockStatement statement in block.Statements)
        {
            if (index < live && statement == target)
                targetIndex = index;
            if (statement == jump)
                jumpIndex = liveIndex;
            index++;
            if (!statement.IsNop)
                liveIndex++;
        }
        if (targetIndex < 0)
            throw new OptimizerFailure($"no destination found for block-local relative jump: off={jumpIndex}");
        if (targetIndex - jumpIndex - 1 >= 256)
            throw new OptimizerFailure($"out-of-range jump for block-local relative jump: off={jumpIndex}");
        return unchecked((byte)(targetIndex - jumpIndex - 1));
    }

    // Every retry is one instruction longer at most; buffers are kept with room to grow instead of reallocated,
    // and cleared like libpcap's memset so an unused slot reads as zeros.
    private sealed class Layout(int capacity)
    {
        public readonly ushort[] Code = new ushort[capacity];
        public readonly byte[] Jt = new byte[capacity];
        public readonly byte[] Jf = new byte[capacity];
        public readonly uint[] K = new uint[capacity];
        public int Length;
        public int Tail;

        public static Layout Reuse(Layout? previous, int length)
        {
            Layout layout = previous is not null && previous.Code.Length >= length ? previous : new Layout(length + length / 4 + 8);
            Array.Clear(layout.Code, 0, length);
            Array.Clear(layout.K, 0, length);
            Array.Clear(layout.Jt, 0, length);
            Array.Clear(layout.Jf, 0, length);
            layout.Length = length;
            layout.Tail = length;
            return layout;
        }

        public BpfInstruction[] ToProgram()
        {
            var program = new BpfInstruction[Length];
            for (int i = 0; i < program.Length; i++)
                program[i] = new BpfInstruction(Code[i], Jt[i], Jf[i], K[i]);
            return program;
        }
    }
}
