using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Builds each block's list of incoming edges from the current jump targets (libpcap's
/// <c>find_inedges</c>); lists are built top level first, each new edge pushed at the head.
/// </summary>
internal static class InEdgeAnalysis
{
    /// <summary>Rebuilds every block's incoming edges (<see cref="OptimizerState.FirstInEdge"/>).</summary>
    public static void Run(OptimizerState state)
    {
        state.ClearInEdges();
        for (int level = state.Graph.Root.Level; level > 0; level--)
        {
            foreach (BasicBlock block in state.Level(level))
            {
                state.AddInEdge(block.True);
                state.AddInEdge(block.False);
            }
        }
    }
}
