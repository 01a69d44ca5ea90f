using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// In a chain of tests that share one exit and chain through the other ("or": false exits chained, true
/// exits shared; "and": the mirror), pulls a later test of the same value up above a test of a different
/// value, so that jump threading can then merge the equal tests (libpcap's <c>or_pullup</c> and <c>and_pullup</c>).
/// </summary>
internal static class ChainPullup
{
    /// <summary>
    /// Tries one pull-up below <paramref name="block"/> in an "or" chain, then one in an "and" chain (libpcap's
    /// <c>or_pullup</c> then <c>and_pullup</c>). Both start with the same test of the incoming edges, made once: the
    /// edge lists are not rebuilt in between and the exit values do not change, so it would answer the same.
    /// </summary>
    public static void Run(OptimizerState state, BasicBlock block)
    {
        int first = state.FirstInEdge(block.Id);
        if (first < 0)
            return;
        uint value = state.ExitValues(state.PredecessorOf(first))[Atoms.A];
        for (int edge = state.NextInEdge(first); edge >= 0; edge = state.NextInEdge(edge))
        {
            if (value != state.ExitValues(state.PredecessorOf(edge))[Atoms.A])
                return;
        }
        Pull(state, block, first, value, orChain: true);
        Pull(state, block, first, value, orChain: false);
    }

    private static void Pull(OptimizerState state, BasicBlock block, int first, uint value, bool orChain)
    {
        // An "or" chain continues on false and shares its true exit; an "and" chain the other way round.
        bool chainOnTrue = !orChain;
        BasicBlock? SharedExit(BasicBlock b) => orChain ? b.JumpTrue : b.JumpFalse;

        JumpSlot different = JumpSlot.Into(state.Blocks[state.PredecessorOf(first)], block);
        bool atTop = true;
        while (true)
        {
            if (different.Target is not { } candidate)
                return;
            if (SharedExit(candidate) != SharedExit(block))
                return;
            if (!BitSet.Contains(state.Dominators(candidate), block.Id))
                return;
            if (state.ExitValues(candidate)[Atoms.A] != value)
                break;
            different = new JumpSlot(candidate, chainOnTrue);
            atTop = false;
        }

        JumpSlot same = new(different.Target!, chainOnTrue);
        while (true)
        {
            if (same.Target is not { } candidate)
                return;
            if (SharedExit(candidate) != SharedExit(block))
                return;
            if (!BitSet.Contains(state.Dominators(candidate), block.Id))
                return;
            if (state.ExitValues(candidate)[Atoms.A] == value)
                break;
            same = new JumpSlot(candidate, chainOnTrue);
        }

        BasicBlock pull = same.Target!;
        var pullChain = new JumpSlot(pull, chainOnTrue);
        same.Target = pullChain.Target;
        pullChain.Target = different.Target;

        // At the top every predecessor must now enter the pulled block; inside the chain there is one.
        if (atTop)
        {
            for (int edge = first; edge >= 0; edge = state.NextInEdge(edge))
                JumpSlot.Into(state.Blocks[state.PredecessorOf(edge)], block).Target = pull;
        }
        else
        {
            different.Target = pull;
        }
        state.NoteBranchMovement();
    }
}
