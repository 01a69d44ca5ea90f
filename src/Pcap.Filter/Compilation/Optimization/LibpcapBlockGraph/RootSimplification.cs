using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Skips root blocks whose jump goes the same way either way, carrying their statements down to the new
/// root, and drops the statements of a root that is a return, since BPF has no side effects (libpcap's <c>opt_root</c>).
/// </summary>
internal static class RootSimplification
{
    /// <summary>Simplifies the root of <paramref name="graph"/>.</summary>
    public static void Run(ControlFlowGraph graph)
    {
        BasicBlock root = graph.Root;
        List<BlockStatement> carried = root.Statements;
        root.Statements = [];
        while (!root.IsReturn && root.JumpTrue == root.JumpFalse && root.JumpTrue is not null)
            root = root.JumpTrue;
        if (root.Statements.Count != 0)
            carried = [.. carried, .. root.Statements];
        root.Statements = carried;
        if (root.IsReturn)
            root.Statements = [];
        graph.Root = root;
    }
}
