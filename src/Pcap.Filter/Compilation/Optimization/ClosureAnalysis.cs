namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Backward transitive closure: the set of blocks that reach each block (libpcap's <c>find_closure</c>).
/// libpcap computes it every pass; it is kept so the pass sequence is the same.
/// </summary>
internal static class ClosureAnalysis
{
    /// <summary>Recomputes every reachable block's closure set.</summary>
    public static void Run(OptimizerState state)
    {
        foreach (var block in state.Blocks)
            Array.Clear(block.Closure);
        var root = state.Graph.Root;
        for (int level = root.Level; level >= 0; level--)
        {
            for (var block = state.Levels[level]; block is not null; block = block.Link)
            {
                BitSet.Add(block.Closure, block.Id);
                if (block.JumpTrue is null || block.JumpFalse is null)
                    continue;
                BitSet.UnionWith(block.JumpTrue.Closure, block.Closure);
                BitSet.UnionWith(block.JumpFalse.Closure, block.Closure);
            }
        }
    }
}
