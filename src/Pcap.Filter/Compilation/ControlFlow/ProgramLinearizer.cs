using Pcap.Filter.Bpf;

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
        while (true)
        {
            graph.UnmarkAll();
            int length = CountInstructions(graph, graph.Root);
            var layout = new Layout(length);
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
        foreach (Statement statement in block.Statements)
        {
            if (statement.IsNop)
                continue;
            layout.Code[at] = (ushort)statement.Code;
            layout.K[at] = statement.K;
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

    private sealed class Layout(int length)
    {
        public readonly ushort[] Code = new ushort[length];
        public readonly byte[] Jt = new byte[length];
        public readonly byte[] Jf = new byte[length];
        public readonly uint[] K = new uint[length];
        public int Tail = length;

        public BpfInstruction[] ToProgram()
        {
            var program = new BpfInstruction[Code.Length];
            for (int i = 0; i < program.Length; i++)
                program[i] = new BpfInstruction(Code[i], Jt[i], Jf[i], K[i]);
            return program;
        }
    }
}
