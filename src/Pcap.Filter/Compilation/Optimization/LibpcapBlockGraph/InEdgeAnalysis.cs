using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Builds each block's list of incoming edges from the current jump targets (libpcap's
/// <c>find_inedges</c>); lists are built top level first, each new edge pushed at the head.
/// </summary>
internal static class InEdgeAnalysis
{
    /// <summary>Rebuilds every block's <see cref="BasicBlock.InEdges"/>.</summary>
    public static void Run(OptimizerState state)
    {
        foreach (var block in state.Blocks)
            block.InEdges = null;
        for (int level = state.Graph.Root.Level; level > 0; level--)
        {
            foreach (BasicBlock block in state.Level(level))
            {
                Link(block.True);
                Link(block.False);
            }
        }
    }

    private static void Link(Edge edge)
    {
        var child = edge.Successor!;
        edge.NextIncoming = child.InEdges;
        child.InEdges = edge;
    }
}
