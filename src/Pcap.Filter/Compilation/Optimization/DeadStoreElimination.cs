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
        var lastDefinition = new Statement?[Atoms.Count];
        foreach (Statement statement in block.Statements)
            Visit(state, statement, lastDefinition);
        Visit(state, block.Branch, lastDefinition);

        for (int atom = 0; atom < Atoms.Count; atom++)
        {
            if (lastDefinition[atom] is { } unused && !Atoms.Contains(block.OutUse, atom))
            {
                unused.Code = Statement.Nop;
                state.NoteSimplification();
            }
        }
    }

    private static void Visit(OptimizerState state, Statement statement, Statement?[] lastDefinition)
    {
        int used = Atoms.UsedBy(statement);
        if (used == Atoms.AAndX)
        {
            lastDefinition[Atoms.X] = null;
            lastDefinition[Atoms.A] = null;
        }
        else if (used >= 0)
        {
            lastDefinition[used] = null;
        }

        int defined = Atoms.DefinedBy(statement);
        if (defined >= 0)
        {
            if (lastDefinition[defined] is { } overwritten)
            {
                state.NoteSimplification();
                overwritten.Code = Statement.Nop;
            }
            lastDefinition[defined] = statement;
        }
    }
}
