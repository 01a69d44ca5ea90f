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
        // The index of each atom's last definition not yet read (-1 for none): indices, not references, so the
        // table lives on the stack.
        Span<int> lastDefinition = stackalloc int[Atoms.Count];
        lastDefinition.Fill(-1);
        List<BlockStatement> statements = block.Statements;
        for (int i = 0; i < statements.Count; i++)
            Visit(state, statements, statements[i], i, lastDefinition);
        // The final jump or return defines nothing; it only reads.
        Visit(state, statements, block.Branch, -1, lastDefinition);

        for (int atom = 0; atom < Atoms.Count; atom++)
        {
            if (lastDefinition[atom] >= 0 && !Atoms.Contains(block.OutUse, atom))
            {
                statements[lastDefinition[atom]].Code = BlockStatement.Nop;
                state.NoteSimplification();
            }
        }
    }

    private static void Visit(OptimizerState state, List<BlockStatement> statements, BlockStatement statement, int index,
        Span<int> lastDefinition)
    {
        int used = Atoms.UsedBy(statement);
        if (used == Atoms.AAndX)
        {
            lastDefinition[Atoms.X] = -1;
            lastDefinition[Atoms.A] = -1;
        }
        else if (used >= 0)
        {
            lastDefinition[used] = -1;
        }

        int defined = Atoms.DefinedBy(statement);
        if (defined >= 0)
        {
            if (lastDefinition[defined] >= 0)
            {
                state.NoteSimplification();
                statements[lastDefinition[defined]].Code = BlockStatement.Nop;
            }
            lastDefinition[defined] = index;
        }
    }
}
