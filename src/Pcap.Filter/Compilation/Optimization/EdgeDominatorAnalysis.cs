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
        foreach (var edge in state.Edges)
            Array.Fill(edge.Dominators, 0xFFFFFFFFu);
        var root = state.Graph.Root;
        Array.Clear(root.True.Dominators);
        Array.Clear(root.False.Dominators);
        for (int level = root.Level; level >= 0; level--)
        {
            for (var block = state.Levels[level]; block is not null; block = block.Link)
            {
                Propagate(block.True);
                Propagate(block.False);
            }
        }
    }

    private static void Propagate(Edge edge)
    {
        BitSet.Add(edge.Dominators, edge.Id);
        if (edge.Successor is { } successor)
        {
            BitSet.IntersectWith(successor.True.Dominators, edge.Dominators);
            BitSet.IntersectWith(successor.False.Dominators, edge.Dominators);
        }
    }
}
