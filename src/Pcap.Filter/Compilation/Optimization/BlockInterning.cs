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

            // libpcap links each block to the first equal block after it, which chains to the last one:
            // every member of a class of equal blocks ends up pointing at the highest-numbered member.
            var lastOfClass = new Dictionary<BasicBlock, BasicBlock>(BlockContentComparer.Instance);
            foreach (var block in blocks)
            {
                if (state.Graph.IsMarked(block))
                    lastOfClass[block] = block;
            }
            foreach (var block in blocks)
            {
                if (state.Graph.IsMarked(block) && lastOfClass[block] is var last && last != block)
                    block.Link = last;
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

    // Block equality as libpcap's eq_blk: same jump, same targets, same live statements.
    private sealed class BlockContentComparer : IEqualityComparer<BasicBlock>
    {
        public static readonly BlockContentComparer Instance = new();

        public bool Equals(BasicBlock? first, BasicBlock? second) =>
            ReferenceEquals(first, second) || (first is not null && second is not null && AreEqual(first, second));

        public int GetHashCode(BasicBlock block)
        {
            var hash = new HashCode();
            hash.Add(block.Branch.Code);
            hash.Add(block.Branch.K);
            hash.Add(block.JumpTrue is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(block.JumpTrue));
            hash.Add(block.JumpFalse is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(block.JumpFalse));
            foreach (Statement statement in block.Statements)
            {
                if (statement.IsNop)
                    continue;
                hash.Add(statement.Code);
                hash.Add(statement.K);
            }
            return hash.ToHashCode();
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
