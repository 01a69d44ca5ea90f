using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// One fixpoint loop of libpcap's optimizer (<c>opt_loop</c>): recompute levels, dominators,
/// use-def and edge dominators, then optimize every block top-down and, unless statements are being
/// altered, thread jumps and pull tests up. Stops when a pass changes nothing, or after 100 passes in a
/// row that only moved branches (libpcap's guard against cycling). Levels and both dominator analyses depend only on
/// the jumps, so they are recomputed only when a jump target or the root moved since they were last computed, and the
/// dominators only for a pass that reads them.
/// </summary>
internal static class OptimizationLoop
{
    private const int BranchOnlyPassLimit = 100;

    /// <summary>Runs the loop; <paramref name="alterStatements"/> is libpcap's <c>do_stmts</c>.</summary>
    public static void Run(OptimizerState state, bool alterStatements)
    {
        int branchOnlyPasses = 0;
        while (true)
        {
            state.Done = true;
            state.NonBranchMovementPerformed = false;
            if (state.JumpsMovedSinceLastSnapshot())
            {
                LevelAnalysis.Run(state);
                state.SnapshotJumps();
                state.DominatorsCurrent = false;
            }
            // Only the passes that move branches (jump threading, pull-ups) read the dominators.
            if (!alterStatements && !state.DominatorsCurrent)
            {
                DominatorAnalysis.Run(state);
                EdgeDominatorAnalysis.Run(state);
                state.DominatorsCurrent = true;
            }
            UseDefAnalysis.Run(state);
            RunPass(state, alterStatements);
            if (state.Done)
                break;
            if (state.NonBranchMovementPerformed)
            {
                branchOnlyPasses = 0;
            }
            else if (++branchOnlyPasses >= BranchOnlyPassLimit)
            {
                state.Done = true;
                break;
            }
        }
    }

    // libpcap's opt_blks.
    private static void RunPass(OptimizerState state, bool alterStatements)
    {
        state.Values.Reset();
        int maxLevel = state.Graph.Root.Level;
        InEdgeAnalysis.Run(state);
        for (int level = maxLevel; level >= 0; level--)
        {
            foreach (BasicBlock block in state.Level(level))
                BlockOptimizer.Run(state, block, alterStatements);
        }

        // Once statements are being altered, moving branches cannot make a difference any more.
        if (alterStatements)
            return;

        for (int level = 1; level <= maxLevel; level++)
        {
            foreach (BasicBlock block in state.Level(level))
            {
                JumpThreading.Run(state, block.True);
                JumpThreading.Run(state, block.False);
            }
        }

        InEdgeAnalysis.Run(state);
        for (int level = 1; level <= maxLevel; level++)
        {
            foreach (BasicBlock block in state.Level(level))
            {
                ChainPullup.Run(state, block);
            }
        }
    }
}
