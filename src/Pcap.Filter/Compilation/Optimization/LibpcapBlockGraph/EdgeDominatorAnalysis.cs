using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Edge dominators (libpcap's <c>find_edom</c>): the edges every path from the root crosses before an
/// edge. Jump threading asks them which earlier comparison already decided a later one.
/// </summary>
internal static class EdgeDominatorAnalysis
{
    /// <summary>Recomputes every reachable edge's dominator set.</summary>
    public static void Run(OptimizerState state)
    {
        state.AllEdgeDominators.Fill(0xFFFFFFFFu);
        var root = state.Graph.Root;
        state.Dominators(root.True).Clear();
        state.Dominators(root.False).Clear();
        for (int level = root.Level; level >= 0; level--)
        {
            foreach (BasicBlock block in state.Level(level))
            {
                Propagate(state, block.True);
                Propagate(state, block.False);
            }
        }
    }

    private static void Propagate(OptimizerState state, Edge edge)
    {
        Span<uint> dominators = state.Dominators(edge);
        BitSet.Add(dominators, edge.Id);
        if (edge.Successor is { } successor)
        {
            BitSet.IntersectWith(state.Dominators(successor.True), dominators);
            BitSet.IntersectWith(state.Dominators(successor.False), dominators);
        }
    }
}
