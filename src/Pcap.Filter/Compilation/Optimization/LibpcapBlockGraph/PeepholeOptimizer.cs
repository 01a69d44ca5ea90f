using System.Runtime.InteropServices;
using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Local rewrites of a block's statements and final jump (libpcap's <c>opt_peep</c>): store/reload
/// pairs, constant index arithmetic folded into an indexed load's offset, subtractions and masks
/// folded into the comparison, and jumps whose outcome is known from constant operands.
/// </summary>
internal static class PeepholeOptimizer
{
    private const int LdImm = BpfOpcodes.Ld | BpfOpcodes.Imm;
    private const int Tax = BpfOpcodes.Misc | BpfOpcodes.Tax;
    private const int JeqK = BpfOpcodes.Jmp | BpfOpcodes.Jeq | BpfOpcodes.K;
    private const int JsetK = BpfOpcodes.Jmp | BpfOpcodes.Jset | BpfOpcodes.K;

    /// <summary>Applies the rewrites to <paramref name="block"/>.</summary>
    public static void Run(OptimizerState state, BasicBlock block)
    {
        ReadOnlySpan<BlockStatement> statements = CollectionsMarshal.AsSpan(block.Statements);
        if (statements.Length == 0)
            return;

        BlockStatement last = statements[0];
        int s = 0;
        while (true)
        {
            s = NextLive(statements, s);
            if (s < 0)
                break;
            int next = NextLive(statements, s + 1);
            if (next < 0)
                break;
            last = statements[next];
            RewritePair(state, block, statements, s, next);
            s = next;
        }

        RewriteComparison(state, block, last);
        DecideJump(state, block);
    }

    private static void RewritePair(OptimizerState state, BasicBlock block, ReadOnlySpan<BlockStatement> statements, int s, int next)
    {
        BlockStatement first = statements[s];
        BlockStatement second = statements[next];

        // st M[k]; ldx M[k]  ->  st M[k]; tax
        if (first.Code == BpfOpcodes.St && second.Code == (BpfOpcodes.Ldx | BpfOpcodes.Mem) && first.K == second.K)
        {
            state.NoteSimplification();
            second.Code = Tax;
        }

        // ld #k; tax  ->  ldx #k; txa
        if (first.Code == LdImm && second.Code == Tax)
        {
            first.Code = BpfOpcodes.Ldx | BpfOpcodes.Imm;
            second.Code = BpfOpcodes.Misc | BpfOpcodes.Txa;
            state.NoteSimplification();
        }

        // ld #k; [ldxms]; addx; tax; ild [x+o]  ->  [ldxms]; ild [x+o+k]  (tcp[k], udp[k] with constant k)
        if (first.Code != LdImm || Atoms.Contains(block.OutUse, Atoms.X))
            return;
        int add = second.Code != (BpfOpcodes.Ldx | BpfOpcodes.Msh | BpfOpcodes.B) ? next : NextLive(statements, next + 1);
        if (add < 0 || statements[add].Code != (BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.X))
            return;
        int tax = NextLive(statements, add + 1);
        if (tax < 0 || statements[tax].Code != Tax)
            return;
        int load = NextLive(statements, tax + 1);
        if (load < 0 || BpfOpcodes.ClassOf((ushort)statements[load].Code) != BpfOpcodes.Ld
            || BpfOpcodes.ModeOf((ushort)statements[load].Code) != BpfOpcodes.Ind)
            return;
        statements[load].K += first.K;
        first.Code = BlockStatement.Nop;
        statements[add].Code = BlockStatement.Nop;
        statements[tax].Code = BlockStatement.Nop;
        state.NoteSimplification();
    }

    // When nobody needs A after the jump, the arithmetic right before "jeq" can move into the comparison.
    private static void RewriteComparison(OptimizerState state, BasicBlock block, BlockStatement last)
    {
        BlockStatement branch = block.Branch;
        if (branch.Code != JeqK || Atoms.Contains(block.OutUse, Atoms.A))
            return;
        var numbers = state.Values;
        if (last.Code == (BpfOpcodes.Alu | BpfOpcodes.Sub | BpfOpcodes.X))
        {
            uint x = state.ExitValues(block)[Atoms.X];
            if (numbers.IsConstant(x))
            {
                branch.K += numbers.ConstantOf(x);
                last.Code = BlockStatement.Nop;
                state.NoteSimplification();
            }
            else if (branch.K == 0)
            {
                last.Code = BlockStatement.Nop;
                branch.Code = BpfOpcodes.Jmp | BpfOpcodes.Jeq | BpfOpcodes.X;
                state.NoteSimplification();
            }
        }
        else if (last.Code == (BpfOpcodes.Alu | BpfOpcodes.Sub | BpfOpcodes.K))
        {
            last.Code = BlockStatement.Nop;
            branch.K += last.K;
            state.NoteSimplification();
        }
        else if (last.Code == (BpfOpcodes.Alu | BpfOpcodes.And | BpfOpcodes.K) && branch.K == 0)
        {
            branch.K = last.K;
            branch.Code = JsetK;
            last.Code = BlockStatement.Nop;
            state.NoteSimplification();
            (block.JumpTrue, block.JumpFalse) = (block.JumpFalse, block.JumpTrue);
        }
    }

    private static void DecideJump(OptimizerState state, BasicBlock block)
    {
        BlockStatement branch = block.Branch;
        if (branch.Code == JsetK)
        {
            if (branch.K == 0)
                block.JumpTrue = block.JumpFalse;
            if (branch.K == 0xFFFFFFFFu)
                block.JumpFalse = block.JumpTrue;
        }

        var numbers = state.Values;
        uint x = state.ExitValues(block)[Atoms.X];
        if (numbers.IsConstant(x) && BpfOpcodes.SourceOf((ushort)branch.Code) == BpfOpcodes.X)
        {
            branch.Code &= ~BpfOpcodes.X;
            branch.K = numbers.ConstantOf(x);
        }

        // libpcap aborts on a return here; gencode never gives a return statements, so it cannot be reached.
        uint a = state.ExitValues(block)[Atoms.A];
        if (numbers.IsConstant(a) && BpfOpcodes.SourceOf((ushort)branch.Code) == BpfOpcodes.K && !block.IsReturn)
        {
            uint v = numbers.ConstantOf(a);
            bool taken = BpfOpcodes.OperationOf((ushort)branch.Code) switch
            {
                BpfOpcodes.Jeq => v == branch.K,
                BpfOpcodes.Jgt => v > branch.K,
                BpfOpcodes.Jge => v >= branch.K,
                BpfOpcodes.Jset => (v & branch.K) != 0,
                _ => throw new ArgumentException($"Unexpected jump code 0x{branch.Code:x} in the program."),
            };
            if (block.JumpFalse != block.JumpTrue)
                state.NoteSimplification();
            if (taken)
                block.JumpFalse = block.JumpTrue;
            else
                block.JumpTrue = block.JumpFalse;
        }
    }

    private static int NextLive(ReadOnlySpan<BlockStatement> statements, int from)
    {
        for (int i = from; i < statements.Length; i++)
        {
            if (!statements[i].IsNop)
                return i;
        }
        return -1;
    }
}
