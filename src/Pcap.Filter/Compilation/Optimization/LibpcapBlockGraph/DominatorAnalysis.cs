using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Block dominators (libpcap's <c>find_dom</c>): in a DAG one top-down sweep suffices, each block's set
/// being the intersection of its predecessors' sets plus itself. The pull-up passes use it.
/// </summary>
internal static class DominatorAnalysis
{
    /// <summary>Recomputes every reachable block's dominator set.</summary>
    public static void Run(OptimizerState state)
    {
        // One slab of sets by block id, indexed directly: a span per set costs more than a one-word set's work.
        Span<uint> all = state.AllDominators;
        int words = state.NodeWords;
        all.Fill(0xFFFFFFFFu);
        var root = state.Graph.Root;
        all.Slice(root.Id * words, words).Clear();
        for (int level = root.Level; level >= 0; level--)
        {
            foreach (BasicBlock block in state.Level(level))
            {
                int id = block.Id;
                int own = id * words;
                BitSet.Add(all, own, id);
                if (block.JumpTrue is not { } onTrue || block.JumpFalse is not { } onFalse)
                    continue;
                BitSet.IntersectWith(all, onTrue.Id * words, own, words);
                BitSet.IntersectWith(all, onFalse.Id * words, own, words);
            }
        }
    }
}
