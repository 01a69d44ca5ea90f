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
        // One slab of sets by edge id, indexed directly (see DominatorAnalysis).
        Span<uint> all = state.AllEdgeDominators;
        int words = state.EdgeWords;
        all.Fill(0xFFFFFFFFu);
        var root = state.Graph.Root;
        all.Slice(root.True.Id * words, words).Clear();
        all.Slice(root.False.Id * words, words).Clear();
        for (int level = root.Level; level >= 0; level--)
        {
            foreach (BasicBlock block in state.Level(level))
            {
                Propagate(all, words, block.True);
                Propagate(all, words, block.False);
            }
        }
    }

    private static void Propagate(Span<uint> all, int words, Edge edge)
    {
        int id = edge.Id;
        int own = id * words;
        BitSet.Add(all, own, id);
        if (edge.Successor is { } successor)
        {
            BitSet.IntersectWith(all, successor.True.Id * words, own, words);
            BitSet.IntersectWith(all, successor.False.Id * words, own, words);
        }
    }
}
