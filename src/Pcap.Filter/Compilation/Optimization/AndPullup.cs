using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// The mirror of <see cref="OrPullup"/> for chains of "and" tests (true exits chained, false exits
/// shared) (libpcap's <c>and_pullup</c>).
/// </summary>
internal static class AndPullup
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
            if (candidate.JumpFalse != block.JumpFalse)
                return;
            if (!BitSet.Contains(candidate.Dominators, block.Id))
                return;
            if (candidate.Values[Atoms.A] != value)
                break;
            different = new JumpSlot(candidate, OnTrue: true);
            atTop = false;
        }

        JumpSlot same = new(different.Target!, OnTrue: true);
        while (true)
        {
            if (same.Target is not { } candidate)
                return;
            if (candidate.JumpFalse != block.JumpFalse)
                return;
            if (!BitSet.Contains(candidate.Dominators, block.Id))
                return;
            if (candidate.Values[Atoms.A] == value)
                break;
            same = new JumpSlot(candidate, OnTrue: true);
        }

        BasicBlock pull = same.Target!;
        same.Target = pull.JumpTrue;
        pull.JumpTrue = different.Target;

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
