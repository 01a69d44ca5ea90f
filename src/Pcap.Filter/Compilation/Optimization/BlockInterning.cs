using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Merges blocks that are identical (same live statements, same jump, same targets) so shared tails are
/// emitted once (libpcap's <c>intern_blocks</c>), repeated until no jump is redirected.
/// </summary>
internal static class BlockInterning
{
    /// <summary>Redirects every jump to the highest-numbered block equal to its target.</summary>
    public static void Run(OptimizerState state)
    {
        BasicBlock[] blocks = state.Blocks;
        bool changed;
        do
        {
            changed = false;
            foreach (var block in blocks)
                block.Link = null;
            state.Graph.UnmarkAll();
            MarkReachable(state.Graph, state.Graph.Root);

            for (int i = blocks.Length - 2; i >= 0; i--)
            {
                if (!state.Graph.IsMarked(blocks[i]))
                    continue;
                for (int j = i + 1; j < blocks.Length; j++)
                {
                    if (!state.Graph.IsMarked(blocks[j]))
                        continue;
                    if (AreEqual(blocks[i], blocks[j]))
                    {
                        blocks[i].Link = blocks[j].Link ?? blocks[j];
                        break;
                    }
                }
            }

            foreach (var block in blocks)
            {
                if (block.JumpTrue is null)
                    continue;
                if (block.JumpTrue.Link is { } trueReplacement)
                {
                    changed = true;
                    block.JumpTrue = trueReplacement;
                }
                if (block.JumpFalse!.Link is { } falseReplacement)
                {
                    changed = true;
                    block.JumpFalse = falseReplacement;
                }
            }
        }
        while (changed);
    }

    private static void MarkReachable(ControlFlowGraph graph, BasicBlock block)
    {
        if (graph.IsMarked(block))
            return;
        graph.Mark(block);
        if (!block.IsReturn)
        {
            MarkReachable(graph, block.JumpTrue!);
            MarkReachable(graph, block.JumpFalse!);
        }
    }

    private static bool AreEqual(BasicBlock first, BasicBlock second) =>
        first.Branch.Code == second.Branch.Code
        && first.Branch.K == second.Branch.K
        && first.JumpTrue == second.JumpTrue
        && first.JumpFalse == second.JumpFalse
        && SameLiveStatements(first.Statements, second.Statements);

    private static bool SameLiveStatements(List<Statement> first, List<Statement> second)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < first.Count && first[i].IsNop)
                i++;
            while (j < second.Count && second[j].IsNop)
                j++;
            if (i == first.Count || j == second.Count)
                return i == first.Count && j == second.Count;
            if (first[i].Code != second[j].Code || first[i].K != second[j].K)
                return false;
            i++;
            j++;
        }
    }
}
