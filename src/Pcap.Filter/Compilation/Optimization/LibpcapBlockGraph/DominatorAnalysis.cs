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
        state.AllDominators.Fill(0xFFFFFFFFu);
        var root = state.Graph.Root;
        state.Dominators(root).Clear();
        for (int level = root.Level; level >= 0; level--)
        {
            foreach (BasicBlock block in state.Level(level))
            {
                Span<uint> dominators = state.Dominators(block);
                BitSet.Add(dominators, block.Id);
                if (block.JumpTrue is null || block.JumpFalse is null)
                    continue;
                BitSet.IntersectWith(state.Dominators(block.JumpTrue), dominators);
                BitSet.IntersectWith(state.Dominators(block.JumpFalse), dominators);
            }
        }
    }
}
