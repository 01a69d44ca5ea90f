using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Pcap.Filter.Bpf;
using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Optimizes one block (libpcap's <c>opt_blk</c>): merges the predecessors' exit values (a value differing
/// between predecessors becomes unknown), evaluates the statements, drops the statements of a return or of a
/// block that changes nothing anyone reads, otherwise runs the peephole and dead-store passes, and records the
/// jump's operand value for jump threading.
/// </summary>
internal static class BlockOptimizer
{
    /// <summary>Optimizes <paramref name="block"/>; <paramref name="alterStatements"/> is libpcap's <c>do_stmts</c>.</summary>
    public static void Run(OptimizerState state, BasicBlock block, bool alterStatements)
    {
        Span<uint> values = state.ExitValues(block);
        int incoming = state.FirstInEdge(block.Id);
        if (incoming < 0)
        {
            values.Clear();
        }
        else
        {
            state.ExitValues(state.PredecessorOf(incoming)).CopyTo(values);
            for (incoming = state.NextInEdge(incoming); incoming >= 0; incoming = state.NextInEdge(incoming))
            {
                KeepEqual(values, state.ExitValues(state.PredecessorOf(incoming)));
            }
        }

        uint entryA = values[Atoms.A];
        uint entryX = values[Atoms.X];
        foreach (BlockStatement statement in CollectionsMarshal.AsSpan(block.Statements))
            StatementOptimizer.Evaluate(state, statement, values, alterStatements);

        bool changesNothingRead = block.OutUse == 0
            && entryA != ValueNumbering.Unknown && values[Atoms.A] == entryA
            && entryX != ValueNumbering.Unknown && values[Atoms.X] == entryX;
        if (alterStatements && (changesNothingRead || block.IsReturn))
        {
            if (block.Statements.Count != 0)
            {
                block.Statements.Clear();
                state.NoteSimplification();
            }
        }
        else
        {
            PeepholeOptimizer.Run(state, block);
            DeadStoreElimination.Run(state, block);
        }

        block.OperandValue = BpfOpcodes.SourceOf((ushort)block.Branch.Code) == BpfOpcodes.K
            ? state.Values.Constant(block.Branch.K)
            : values[Atoms.X];
        block.True.Code = block.Branch.Code;
        block.False.Code = -block.Branch.Code;
    }

    // Each value that differs from the other predecessor's becomes unknown (0), four atoms at a time.
    private static void KeepEqual(Span<uint> values, ReadOnlySpan<uint> other)
    {
        int i = 0;
        for (; i + Vector128<uint>.Count <= values.Length; i += Vector128<uint>.Count)
        {
            var mine = Vector128.Create<uint>(values[i..]);
            (Vector128.Equals(mine, Vector128.Create<uint>(other[i..])) & mine).CopyTo(values[i..]);
        }
        for (; i < values.Length; i++)
        {
            if (values[i] != other[i])
                values[i] = ValueNumbering.Unknown;
        }
    }
}
