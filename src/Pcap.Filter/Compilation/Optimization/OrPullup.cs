using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// In a chain of "or" tests (false exits chained, true exits shared), pulls a later test of the same
/// value up above a test of a different value, so that jump threading can then merge the equal tests
/// (libpcap's <c>or_pullup</c>).
/// </summary>
internal static class OrPullup
{
    /// <summary>Tries one pull-up below <paramref name="block"/>.</summary>
    public static void Run(OptimizerState state, BasicBlock block)
    {
        Edge? edge = block.InEdges;
        if (edge is null)
            return;
        uint value = edge.Predecessor.Values[Atoms.A];
        for (edge = edge.NextIncoming; edge is not null; edge = edge.NextIncoming)
        {
            if (value != edge.Predecessor.Values[Atoms.A])
                return;
        }

        JumpSlot different = JumpSlot.Into(block.InEdges!.Predecessor, block);
        bool atTop = true;
        while (true)
        {
            if (different.Target is not { } candidate)
                return;
            if (candidate.JumpTrue != block.JumpTrue)
                return;
            if (!BitSet.Contains(candidate.Dominators, block.Id))
                return;
            if (candidate.Values[Atoms.A] != value)
                break;
            different = new JumpSlot(candidate, OnTrue: false);
            atTop = false;
        }

        JumpSlot same = new(different.Target!, OnTrue: false);
        while (true)
        {
            if (same.Target is not { } candidate)
                return;
            if (candidate.JumpTrue != block.JumpTrue)
                return;
            if (!BitSet.Contains(candidate.Dominators, block.Id))
                return;
            if (candidate.Values[Atoms.A] == value)
                break;
            same = new JumpSlot(candidate, OnTrue: false);
        }

        BasicBlock pull = same.Target!;
        same.Target = pull.JumpFalse;
        pull.JumpFalse = different.Target;

        // At the top every predecessor must now enter the pulled block; inside the chain there is one.
        if (atTop)
        {
            for (edge = block.InEdges; edge is not null; edge = edge.NextIncoming)
                JumpSlot.Into(edge.Predecessor, block).Target = pull;
        }
        else
        {
            different.Target = pull;
        }
        state.NoteBranchMovement();
    }
}
