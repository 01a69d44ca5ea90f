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
        foreach (var block in state.Blocks)
            Array.Fill(block.Dominators, 0xFFFFFFFFu);
        var root = state.Graph.Root;
        Array.Clear(root.Dominators);
        for (int level = root.Level; level >= 0; level--)
        {
            for (var block = state.Levels[level]; block is not null; block = block.Link)
            {
                BitSet.Add(block.Dominators, block.Id);
                if (block.JumpTrue is null || block.JumpFalse is null)
                    continue;
                BitSet.IntersectWith(block.JumpTrue.Dominators, block.Dominators);
                BitSet.IntersectWith(block.JumpFalse.Dominators, block.Dominators);
            }
        }
    }
}
