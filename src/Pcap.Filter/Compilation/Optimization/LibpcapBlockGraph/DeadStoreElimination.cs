using System.Numerics;
using System.Runtime.InteropServices;
using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Deletes definitions that are overwritten before being read inside the block, and final definitions
/// that no successor reads (libpcap's <c>opt_deadstores</c>).
/// </summary>
internal static class DeadStoreElimination
{
    /// <summary>Removes the dead definitions of <paramref name="block"/>.</summary>
    public static void Run(OptimizerState state, BasicBlock block)
    {
        // The index of each atom's last definition not yet read, valid where its bit is set in 'pending': indices,
        // not references, and a mask instead of clearing the table for every block.
        Span<int> lastDefinition = state.LastDefinition;
        uint pending = 0;
        ReadOnlySpan<BlockStatement> statements = CollectionsMarshal.AsSpan(block.Statements);
        for (int i = 0; i < statements.Length; i++)
            Visit(state, statements, statements[i], i, lastDefinition, ref pending);
        // The final jump or return defines nothing; it only reads.
        Visit(state, statements, block.Branch, -1, lastDefinition, ref pending);

        // Ascending atom order, as libpcap deletes them.
        for (uint dead = pending & ~block.OutUse; dead != 0; dead &= dead - 1)
        {
            statements[lastDefinition[BitOperations.TrailingZeroCount(dead)]].Code = BlockStatement.Nop;
            state.NoteSimplification();
        }
    }

    private static void Visit(OptimizerState state, ReadOnlySpan<BlockStatement> statements, BlockStatement statement,
        int index, Span<int> lastDefinition, ref uint pending)
    {
        int used = Atoms.UsedBy(statement);
        if (used == Atoms.AAndX)
            pending &= ~(Atoms.Mask(Atoms.X) | Atoms.Mask(Atoms.A));
        else if (used >= 0)
            pending &= ~Atoms.Mask(used);

        int defined = Atoms.DefinedBy(statement);
        if (defined >= 0)
        {
            if (Atoms.Contains(pending, defined))
            {
                state.NoteSimplification();
                statements[lastDefinition[defined]].Code = BlockStatement.Nop;
            }
            lastDefinition[defined] = index;
            pending |= Atoms.Mask(defined);
        }
    }
}
