using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Symbolic evaluation of one statement (libpcap's <c>opt_stmt</c>): updates the block's value numbers
/// and, when allowed to alter, folds constants, turns indexed loads with a known X into absolute loads,
/// and deletes statements that recompute a value already in place.
/// </summary>
internal static class StatementOptimizer
{
    private const int LdImm = BpfOpcodes.Ld | BpfOpcodes.Imm;
    private const int LdxImm = BpfOpcodes.Ldx | BpfOpcodes.Imm;

    /// <summary>Evaluates <paramref name="s"/> against <paramref name="values"/>.</summary>
    public static void Evaluate(OptimizerState state, BlockStatement s, Span<uint> values, bool alter)
    {
        var numbers = state.Values;
        uint v;
        switch (s.Code)
        {
            case BpfOpcodes.Ld | BpfOpcodes.Abs | BpfOpcodes.W:
            case BpfOpcodes.Ld | BpfOpcodes.Abs | BpfOpcodes.H:
            case BpfOpcodes.Ld | BpfOpcodes.Abs | BpfOpcodes.B:
                v = numbers.Of(s.Code, s.K, 0);
                Store(s, ref values[Atoms.A], v, alter);
                break;

            case BpfOpcodes.Ld | BpfOpcodes.Ind | BpfOpcodes.W:
            case BpfOpcodes.Ld | BpfOpcodes.Ind | BpfOpcodes.H:
            case BpfOpcodes.Ld | BpfOpcodes.Ind | BpfOpcodes.B:
                v = values[Atoms.X];
                if (alter && numbers.IsConstant(v))
                {
                    s.Code = BpfOpcodes.Ld | BpfOpcodes.Abs | BpfOpcodes.SizeOf((ushort)s.Code);
                    s.K += numbers.ConstantOf(v);
                    v = numbers.Of(s.Code, s.K, 0);
                    state.NoteSimplification();
                }
                else
                {
                    v = numbers.Of(s.Code, s.K, v);
                }
                Store(s, ref values[Atoms.A], v, alter);
                break;

            case BpfOpcodes.Ld | BpfOpcodes.Len:
                v = numbers.Of(s.Code, 0, 0);
                Store(s, ref values[Atoms.A], v, alter);
                break;

            case LdImm:
                v = numbers.Constant(s.K);
                Store(s, ref values[Atoms.A], v, alter);
                break;

            case LdxImm:
                v = numbers.Constant(s.K);
                Store(s, ref values[Atoms.X], v, alter);
                break;

            case BpfOpcodes.Ldx | BpfOpcodes.Msh | BpfOpcodes.B:
                v = numbers.Of(s.Code, s.K, 0);
                Store(s, ref values[Atoms.X], v, alter);
                break;

            case BpfOpcodes.Alu | BpfOpcodes.Neg:
                if (alter && numbers.IsConstant(values[Atoms.A]))
                {
                    s.Code = LdImm;
                    s.K = 0u - numbers.ConstantOf(values[Atoms.A]);
                    values[Atoms.A] = numbers.Constant(s.K);
                }
                else
                {
                    values[Atoms.A] = numbers.Of(s.Code, values[Atoms.A], 0);
                }
                break;

            case BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.K:
            case BpfOpcodes.Alu | BpfOpcodes.Sub | BpfOpcodes.K:
            case BpfOpcodes.Alu | BpfOpcodes.Mul | BpfOpcodes.K:
            case BpfOpcodes.Alu | BpfOpcodes.Div | BpfOpcodes.K:
            case BpfOpcodes.Alu | BpfOpcodes.Mod | BpfOpcodes.K:
            case BpfOpcodes.Alu | BpfOpcodes.And | BpfOpcodes.K:
            case BpfOpcodes.Alu | BpfOpcodes.Or | BpfOpcodes.K:
            case BpfOpcodes.Alu | BpfOpcodes.Xor | BpfOpcodes.K:
            case BpfOpcodes.Alu | BpfOpcodes.Lsh | BpfOpcodes.K:
            case BpfOpcodes.Alu | BpfOpcodes.Rsh | BpfOpcodes.K:
                EvaluateAluConstant(state, s, values, alter);
                break;

            case BpfOpcodes.Alu | BpfOpcodes.Add | BpfOpcodes.X:
            case BpfOpcodes.Alu | BpfOpcodes.Sub | BpfOpcodes.X:
            case BpfOpcodes.Alu | BpfOpcodes.Mul | BpfOpcodes.X:
            case BpfOpcodes.Alu | BpfOpcodes.Div | BpfOpcodes.X:
            case BpfOpcodes.Alu | BpfOpcodes.Mod | BpfOpcodes.X:
            case BpfOpcodes.Alu | BpfOpcodes.And | BpfOpcodes.X:
            case BpfOpcodes.Alu | BpfOpcodes.Or | BpfOpcodes.X:
            case BpfOpcodes.Alu | BpfOpcodes.Xor | BpfOpcodes.X:
            case BpfOpcodes.Alu | BpfOpcodes.Lsh | BpfOpcodes.X:
            case BpfOpcodes.Alu | BpfOpcodes.Rsh | BpfOpcodes.X:
                EvaluateAluIndex(state, s, values, alter);
                break;

            case BpfOpcodes.Misc | BpfOpcodes.Txa:
                Store(s, ref values[Atoms.A], values[Atoms.X], alter);
                break;

            case BpfOpcodes.Ld | BpfOpcodes.Mem:
                LoadScratch(state, s, values, Atoms.A, LdImm, alter);
                break;

            case BpfOpcodes.Misc | BpfOpcodes.Tax:
                Store(s, ref values[Atoms.X], values[Atoms.A], alter);
                break;

            case BpfOpcodes.Ldx | BpfOpcodes.Mem:
                LoadScratch(state, s, values, Atoms.X, LdxImm, alter);
                break;

            case BpfOpcodes.St:
                Store(s, ref values[(int)s.K], values[Atoms.A], alter);
                break;

            case BpfOpcodes.Stx:
                Store(s, ref values[(int)s.K], values[Atoms.X], alter);
                break;
        }
    }

    // "ld M[k]" or "ldx M[k]": a scratch word holding a known constant becomes an immediate load of it.
    private static void LoadScratch(OptimizerState state, BlockStatement s, Span<uint> values, int register, int immediateCode, bool alter)
    {
        uint v = values[(int)s.K];
        if (alter && state.Values.IsConstant(v))
        {
            s.Code = immediateCode;
            s.K = state.Values.ConstantOf(v);
            state.NoteSimplification();
        }
        Store(s, ref values[register], v, alter);
    }

    private static void EvaluateAluConstant(OptimizerState state, BlockStatement s, Span<uint> values, bool alter)
    {
        var numbers = state.Values;
        ushort op = BpfOpcodes.OperationOf((ushort)s.Code);
        if (alter)
        {
            if (s.K == 0)
            {
                // "sub #0" is kept: the arithmetic code generator relies on it.
                if (op is BpfOpcodes.Add or BpfOpcodes.Lsh or BpfOpcodes.Rsh or BpfOpcodes.Or or BpfOpcodes.Xor)
                {
                    s.Code = BlockStatement.Nop;
                    return;
                }
                if (op is BpfOpcodes.Mul or BpfOpcodes.And)
                {
                    s.Code = LdImm;
                    values[Atoms.A] = numbers.Constant(s.K);
                    return;
                }
                if (op == BpfOpcodes.Div)
                    throw new OptimizerFailure("division by zero");
                if (op == BpfOpcodes.Mod)
                    throw new OptimizerFailure("modulus by zero");
            }
            if (numbers.IsConstant(values[Atoms.A]))
            {
                Fold(state, s, values[Atoms.A], numbers.Constant(s.K));
                values[Atoms.A] = numbers.Constant(s.K);
                return;
            }
        }
        values[Atoms.A] = numbers.Of(s.Code, values[Atoms.A], numbers.Constant(s.K));
    }

    private static void EvaluateAluIndex(OptimizerState state, BlockStatement s, Span<uint> values, bool alter)
    {
        var numbers = state.Values;
        ushort op = BpfOpcodes.OperationOf((ushort)s.Code);
        if (alter && numbers.IsConstant(values[Atoms.X]))
        {
            if (numbers.IsConstant(values[Atoms.A]))
            {
                Fold(state, s, values[Atoms.A], values[Atoms.X]);
                values[Atoms.A] = numbers.Constant(s.K);
            }
            else
            {
                s.Code = BpfOpcodes.Alu | BpfOpcodes.K | op;
                s.K = numbers.ConstantOf(values[Atoms.X]);
                if ((op is BpfOpcodes.Lsh or BpfOpcodes.Rsh) && s.K > 31)
                    throw new OptimizerFailure("shift by more than 31 bits");
                state.NoteSimplification();
                values[Atoms.A] = numbers.Of(s.Code, values[Atoms.A], numbers.Constant(s.K));
            }
            return;
        }
        // An operation on a zero accumulator simplifies, which may open further folding.
        if (alter && numbers.IsConstant(values[Atoms.A]) && numbers.ConstantOf(values[Atoms.A]) == 0)
        {
            if (op is BpfOpcodes.Add or BpfOpcodes.Or or BpfOpcodes.Xor)
            {
                s.Code = BpfOpcodes.Misc | BpfOpcodes.Txa;
                Store(s, ref values[Atoms.A], values[Atoms.X], alter);
                return;
            }
            if (op is BpfOpcodes.Mul or BpfOpcodes.Div or BpfOpcodes.Mod or BpfOpcodes.And or BpfOpcodes.Lsh or BpfOpcodes.Rsh)
            {
                s.Code = LdImm;
                s.K = 0;
                Store(s, ref values[Atoms.A], numbers.Constant(s.K), alter);
                return;
            }
        }
        values[Atoms.A] = numbers.Of(s.Code, values[Atoms.A], values[Atoms.X]);
    }

    // Deletes a statement that would store the value its destination already holds (libpcap's vstore).
    private static void Store(BlockStatement s, ref uint destination, uint value, bool alter)
    {
        if (alter && value != ValueNumbering.Unknown && destination == value)
            s.Code = BlockStatement.Nop;
        else
            destination = value;
    }

    // Constant folding of a binary operation whose operands are both known (libpcap's fold_op).
    private static void Fold(OptimizerState state, BlockStatement s, uint left, uint right)
    {
        uint a = state.Values.ConstantOf(left);
        uint b = state.Values.ConstantOf(right);
        ushort operation = BpfOpcodes.OperationOf((ushort)s.Code);
        if (!BpfArithmetic.TryApply(operation, a, b, out uint folded))
        {
            // Where BPF's readers disagree, libpcap's fold_op refuses a constant division by zero and makes a shift by 32 or more 0.
            folded = operation switch
            {
                BpfOpcodes.Div => throw new OptimizerFailure("division by zero"),
                BpfOpcodes.Mod => throw new OptimizerFailure("modulus by zero"),
                BpfOpcodes.Lsh or BpfOpcodes.Rsh => 0,
                _ => throw new InvalidOperationException($"Cannot fold operation 0x{s.Code:x}."),
            };
        }
        a = folded;
        s.K = a;
        s.Code = LdImm;
        state.NoteSimplification();
    }
}
