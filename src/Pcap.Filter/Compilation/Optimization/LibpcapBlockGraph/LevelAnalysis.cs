using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Sorts the reachable blocks into levels (0 = returns, root = highest) so the other passes can walk
/// the DAG top-down or bottom-up without recursion (libpcap's <c>find_levels</c>). Each level list is
/// in reverse post-order of a true-first depth-first walk, exactly as libpcap builds it.
/// </summary>
internal static class LevelAnalysis
{
    /// <summary>Rebuilds the level lists (<see cref="OptimizerState.Level"/>).</summary>
    public static void Run(OptimizerState state)
    {
        state.ClearLevels();
        state.Graph.UnmarkAll();
        var graph = state.Graph;
        ReadOnlySpan<BasicBlock> blocks = state.Blocks;
        var pending = state.Walk;
        pending.Clear();
        graph.Mark(graph.Root);
        pending.Push(graph.Root.Id, 0);
        // libpcap's recursive find_levels_r: true branch, false branch, then the block goes on its level's list. A block
        // is pushed again only to wait for a child not yet walked; a child already walked is passed over in place.
        while (pending.TryPop(out int id, out int step))
        {
            BasicBlock block = blocks[id];
            if (block.JumpTrue is not { } onTrue || block.JumpFalse is not { } onFalse)
            {
                Enlist(state, block, 0);
                continue;
            }
            if (step == 0 && !graph.IsMarked(onTrue))
            {
                pending.Push(id, 1);
                graph.Mark(onTrue);
                pending.Push(onTrue.Id, 0);
                continue;
            }
            if (step <= 1 && !graph.IsMarked(onFalse))
            {
                pending.Push(id, 2);
                graph.Mark(onFalse);
                pending.Push(onFalse.Id, 0);
                continue;
            }
            Enlist(state, block, Math.Max(onTrue.Level, onFalse.Level) + 1);
        }
        state.GroupLevels(graph.Root.Level);
    }

    private static void Enlist(OptimizerState state, BasicBlock block, int level)
    {
        block.Level = level;
        state.ListOnItsLevel(block);
    }
}
