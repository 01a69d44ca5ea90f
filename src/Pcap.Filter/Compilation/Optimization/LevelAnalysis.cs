using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Sorts the reachable blocks into levels (0 = returns, root = highest) so the other passes can walk
/// the DAG top-down or bottom-up without recursion (libpcap's <c>find_levels</c>). Each level list is
/// in reverse post-order of a true-first depth-first walk, exactly as libpcap builds it.
/// </summary>
internal static class LevelAnalysis
{
    /// <summary>Rebuilds <see cref="OptimizerState.Levels"/>.</summary>
    public static void Run(OptimizerState state)
    {
        Array.Clear(state.Levels);
        state.Graph.UnmarkAll();
        Visit(state, state.Graph.Root);
    }

    private static void Visit(OptimizerState state, BasicBlock block)
    {
        if (state.Graph.IsMarked(block))
            return;
        state.Graph.Mark(block);
        block.Link = null;
        int level = 0;
        if (block.JumpTrue is { } onTrue && block.JumpFalse is { } onFalse)
        {
            Visit(state, onTrue);
            Visit(state, onFalse);
            level = Math.Max(onTrue.Level, onFalse.Level) + 1;
        }
        block.Level = level;
        block.Link = state.Levels[level];
        state.Levels[level] = block;
    }
}
