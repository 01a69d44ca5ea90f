using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation.ControlFlow;

/// <summary>
/// Turns the code generator's block graph into the optimizer's graph directly, the graph libpcap's optimizer sees:
/// the same blocks, statements in the same order, no layout in between. Blocks are built once each, without recursion.
/// </summary>
internal static class BlockGraphBuilder
{
    private static int s_lastBuild;

    [ThreadStatic]
    private static Stack<CodeBlock>? t_pending;

    [ThreadStatic]
    private static Dictionary<CodeStatement, BlockStatement>? t_lowered;

    /// <summary>
    /// Builds the graph of the blocks <paramref name="root"/> reaches. <paramref name="unoptimizedLength"/> is the
    /// program length before any <c>ja</c> stubs; <paramref name="jumpsBetweenStatements"/> is true when a statement
    /// list holds a jump (protochain, geneve, the live VLAN tag test) or a block is a <c>ja</c> relay: the optimizer
    /// then takes the laid-out program, as libpcap sees it.
    /// The graph's blocks come from the thread's <see cref="BlockArena"/>: it is valid until the thread builds another.
    /// </summary>
    public static ControlFlowGraph Build(CodeBlock root, out int unoptimizedLength, out bool jumpsBetweenStatements) =>
        Build(root, int.MaxValue, out unoptimizedLength, out jumpsBetweenStatements)!;

    /// <summary>
    /// As <see cref="Build(CodeBlock, out int, out bool)"/>, but stops as soon as the program is longer than
    /// <paramref name="maxLength"/> and returns null: one walk both counts and builds a program within the limit, and
    /// a longer one is built no further than the block that passes it (its length is then only known to exceed it).
    /// </summary>
    public static ControlFlowGraph? Build(CodeBlock root, int maxLength, out int unoptimizedLength, out bool jumpsBetweenStatements)
    {
        int build = Interlocked.Increment(ref s_lastBuild);
        var pending = t_pending ??= new Stack<CodeBlock>();
        pending.Clear();
        int length = 0;
        bool statementJumps = false;
        var arena = BlockArena.Rewind();
        var graph = new ControlFlowGraph(Lower(root, build, pending, arena));
        while (pending.TryPop(out var codeBlock))
        {
            BasicBlock block = codeBlock.Lowered!;
            var statements = block.Statements;
            bool jumps = false;
            for (var s = codeBlock.Statements; s is not null; s = s.Next)
            {
                statements.Add(arena.Statement(s.Code, s.K));
                jumps |= BpfOpcodes.ClassOf(s.Code) == BpfOpcodes.Jmp;
            }
            if (jumps)
                LinkStatementJumps(codeBlock.Statements, statements);
            statementJumps |= jumps;
            length += statements.Count + 1;
            if (length > maxLength)
            {
                unoptimizedLength = length;
                jumpsBetweenStatements = statementJumps;
                return null;
            }
            statementJumps |= codeBlock.Code == (BpfOpcodes.Jmp | BpfOpcodes.Ja);
            if (codeBlock.JumpTrue is { } onTrue)
                block.JumpTrue = Lower(onTrue, build, pending, arena);
            if (codeBlock.JumpFalse is { } onFalse)
                block.JumpFalse = Lower(onFalse, build, pending, arena);
        }
        unoptimizedLength = length;
        jumpsBetweenStatements = statementJumps;
        return graph;
    }

    /// <summary>A fresh number for <see cref="CodeBlock.Mark"/>: every walk that marks code blocks takes one here.</summary>
    public static int NewWalk() => Interlocked.Increment(ref s_lastBuild);

    /// <summary>The program length before any <c>ja</c> stubs, counted without building anything.</summary>
    public static int UnoptimizedLength(CodeBlock root)
    {
        int walk = NewWalk();
        var pending = t_pending ??= new Stack<CodeBlock>();
        pending.Clear();
        root.Mark = walk;
        pending.Push(root);
        int length = 0;
        while (pending.TryPop(out var block))
        {
            length += CodeStatement.CountOf(block.Statements) + 1;
            Visit(block.JumpTrue, walk, pending);
            Visit(block.JumpFalse, walk, pending);
        }
        return length;
    }

    private static void Visit(CodeBlock? block, int walk, Stack<CodeBlock> pending)
    {
        if (block is null || block.Mark == walk)
            return;
        block.Mark = walk;
        pending.Push(block);
    }

    private static BasicBlock Lower(CodeBlock codeBlock, int build, Stack<CodeBlock> pending, BlockArena arena)
    {
        if (codeBlock.Mark == build)
            return codeBlock.Lowered!;
        codeBlock.Mark = build;
        codeBlock.Lowered = arena.Block(codeBlock.Code, codeBlock.K);
        pending.Push(codeBlock);
        return codeBlock.Lowered;
    }

    // A jump inside a statement list names the statements it lands on; a missing target means the next statement,
    // and so does a target outside the list.
    private static void LinkStatementJumps(CodeStatement? first, List<BlockStatement> statements)
    {
        var lowered = t_lowered ??= new Dictionary<CodeStatement, BlockStatement>(ReferenceEqualityComparer.Instance);
        lowered.Clear();
        int i = 0;
        for (var s = first; s is not null; s = s.Next)
            lowered[s] = statements[i++];
        i = 0;
        for (var s = first; s is not null; s = s.Next, i++)
        {
            if (s.JumpTrue is { } onTrue && lowered.TryGetValue(onTrue, out var trueTarget))
                statements[i].JumpTrue = trueTarget;
            if (s.JumpFalse is { } onFalse && lowered.TryGetValue(onFalse, out var falseTarget))
                statements[i].JumpFalse = falseTarget;
        }
        lowered.Clear();
    }
}
