using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.Optimization;

namespace Pcap.Filter.Compilation.ControlFlow;

/// <summary>
/// Lays the graph out as a linear program exactly as libpcap's <c>icode_to_fcode</c> does: blocks are placed from
/// the end backwards in a post-order that visits the false branch first, so the root comes first; a branch reaching
/// 256 or more ahead gets a <c>ja</c> stub after its block. libpcap retries the whole layout each time it finds such a
/// branch; since stubs only ever lengthen reaches, its result is the least set of stubs that works, and that set is
/// found here in one backward pass: a block's reaches depend only on the blocks placed after it.
/// A <c>ja</c> block (a relay of the set lowering) reaches any distance and never needs a stub.
/// </summary>
internal static class ProgramLinearizer
{
    private const ushort Ja = BpfOpcodes.Jmp | BpfOpcodes.Ja;

    [ThreadStatic]
    private static List<BasicBlock>? t_order;

    [ThreadStatic]
    private static Stack<(BasicBlock Block, int Step)>? t_stack;

    [ThreadStatic]
    private static Dictionary<BlockStatement, int>? t_statementIndex;

    /// <summary>Linearizes <paramref name="graph"/>.</summary>
    /// <exception cref="OptimizerFailure">A jump between statements of one block has no target or cannot reach it.</exception>
    public static BpfInstruction[] Linearize(ControlFlowGraph graph)
    {
        var order = PostOrder(graph);

        // Offsets are first counted from the end of the program: a block is placed in front of all it reaches.
        int placed = 0;
        foreach (BasicBlock block in order)
        {
            int longTrue = 0, longFalse = 0;
            if (block.JumpTrue is { } onTrue && block.JumpFalse is { } onFalse && block.Branch.Code != Ja)
            {
                int reachTrue = placed - onTrue.Offset, reachFalse = placed - onFalse.Offset;
                while (true)
                {
                    int needTrue = reachTrue + longFalse >= 256 ? 1 : 0;
                    int needFalse = reachFalse + needTrue >= 256 ? 1 : 0;
                    if (needTrue == longTrue && needFalse == longFalse)
                        break;
                    longTrue = needTrue;
                    longFalse = needFalse;
                }
            }
            block.LongJumpTrue = longTrue;
            block.LongJumpFalse = longFalse;
            placed += block.LiveStatementCount + 1 + longTrue + longFalse;
            block.Offset = placed;
        }

        foreach (BasicBlock block in order)
            block.Offset = placed - block.Offset;
        var program = new BpfInstruction[placed];
        foreach (BasicBlock block in order)
            Place(program, block);
        return program;
    }

    // libpcap's convert_code_r order without recursion: false branch, then true branch, then the block.
    private static List<BasicBlock> PostOrder(ControlFlowGraph graph)
    {
        var order = t_order ??= [];
        var stack = t_stack ??= new Stack<(BasicBlock, int)>();
        order.Clear();
        stack.Clear();
        graph.UnmarkAll();
        graph.Mark(graph.Root);
        stack.Push((graph.Root, 0));
        while (stack.TryPop(out var top))
        {
            (BasicBlock block, int step) = top;
            if (step == 2)
            {
                order.Add(block);
                continue;
            }
            stack.Push((block, step + 1));
            if ((step == 0 ? block.JumpFalse : block.JumpTrue) is { } next && !graph.IsMarked(next))
            {
                graph.Mark(next);
                stack.Push((next, 0));
            }
        }
        return order;
    }

    private static void Place(BpfInstruction[] program, BasicBlock block)
    {
        int statementCount = block.LiveStatementCount;
        int at = block.Offset;
        int live = 0;
        Dictionary<BlockStatement, int>? indexOf = null;
        foreach (BlockStatement statement in block.Statements)
        {
            if (statement.IsNop)
                continue;
            byte jt = 0, jf = 0;
            // libpcap leaves a jump that is the second-to-last statement unfilled ("/*???*/" in convert_code_r).
            if (BpfOpcodes.ClassOf((ushort)statement.Code) == BpfOpcodes.Jmp && statement.Code != Ja && live != statementCount - 2)
            {
                indexOf ??= IndexStatements(block.Statements, statementCount);
                jt = InBlockReach(indexOf, live, statement.JumpTrue);
                jf = InBlockReach(indexOf, live, statement.JumpFalse);
            }
            program[at++] = new BpfInstruction((ushort)statement.Code, jt, jf, statement.K);
            live++;
        }

        ushort code = (ushort)block.Branch.Code;
        if (block.JumpTrue is not { } onTrue || block.JumpFalse is not { } onFalse)
        {
            program[at] = new BpfInstruction(code, 0, 0, block.Branch.K);
            return;
        }
        if (code == Ja)
        {
            program[at] = new BpfInstruction(code, 0, 0, (uint)(onTrue.Offset - at - 1));
            return;
        }

        int stubs = 0;
        byte jumpTrue = Reach(program, at, onTrue.Offset, block.LongJumpTrue, ref stubs);
        byte jumpFalse = Reach(program, at, onFalse.Offset, block.LongJumpFalse, ref stubs);
        program[at] = new BpfInstruction(code, jumpTrue, jumpFalse, block.Branch.K);
        indexOf?.Clear();
    }

    // The jump's jt or jf: the distance itself, or the index of the ja stub written after the block.
    private static byte Reach(BpfInstruction[] program, int at, int target, int needsStub, ref int stubs)
    {
        int reach = target - at - 1;
        if (needsStub == 0)
            return (byte)reach;
        byte stub = (byte)stubs;
        stubs++;
        program[at + stubs] = new BpfInstruction(Ja, 0, 0, (uint)(reach - stubs));
        return stub;
    }

    // libpcap's convert_code_r: the target's index counts deleted statements too (its offset[] table holds the first
    // "live count" statements, deleted ones included) while the jump's own index counts only live ones, so a statement
    // deleted before the jump moves the target one further, and a target outside that table is libpcap's compile error.
    // A jump the code generator left without a target goes to the next statement.
    private static byte InBlockReach(Dictionary<BlockStatement, int> indexOf, int jumpIndex, BlockStatement? target)
    {
        if (target is null)
            return 0;
        if (!indexOf.TryGetValue(target, out int targetIndex))
            throw new OptimizerFailure($"no destination found for block-local relative jump: off={jumpIndex}");
        if (targetIndex - jumpIndex - 1 >= 256)
            throw new OptimizerFailure($"out-of-range jump for block-local relative jump: off={jumpIndex}");
        return unchecked((byte)(targetIndex - jumpIndex - 1));
    }

    // Where each of the first "live count" statements sits, deleted ones counted (libpcap's offset[] table).
    private static Dictionary<BlockStatement, int> IndexStatements(List<BlockStatement> statements, int live)
    {
        var indexOf = t_statementIndex ??= new Dictionary<BlockStatement, int>(ReferenceEqualityComparer.Instance);
        indexOf.Clear();
        for (int i = 0; i < live && i < statements.Count; i++)
            indexOf.TryAdd(statements[i], i);
        return indexOf;
    }
}
