using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Merges blocks that are identical (same live statements, same jump, same targets) so shared tails are
/// emitted once (libpcap's <c>intern_blocks</c>). libpcap repeats rounds of pairwise comparison, each round
/// pointing every block at the highest-numbered reachable block equal to it, until nothing moves; the fixpoint
/// is every class of equivalent reachable blocks replaced by its highest-numbered member. This computes that
/// fixpoint in one bottom-up pass: a block's class is keyed by its contents and its successors' classes.
/// </summary>
internal static class BlockInterning
{
    /// <summary>Redirects every jump into a class of equal blocks to the class's highest-numbered block.</summary>
    public static void Run(OptimizerState state)
    {
        ControlFlowGraph graph = state.Graph;
        Span<int> classOf = state.InternClasses;
        classOf.Fill(-1);
        BlockClasses classes = state.Classes;
        classes.Start(state.BlockCount);
        graph.UnmarkAll();
        Classify(state, classOf, classes);

        foreach (var block in state.Blocks)
        {
            if (block.JumpTrue is { } onTrue && classOf[onTrue.Id] >= 0 && classes.Representative(classOf[onTrue.Id]) is var trueTarget && trueTarget != onTrue)
                block.JumpTrue = trueTarget;
            if (block.JumpFalse is { } onFalse && classOf[onFalse.Id] >= 0 && classes.Representative(classOf[onFalse.Id]) is var falseTarget && falseTarget != onFalse)
                block.JumpFalse = falseTarget;
        }
        classes.Forget();
    }

    // Post-order (true branch, false branch, block) without recursion, so both successors have a class before the block.
    private static void Classify(OptimizerState state, Span<int> classOf, BlockClasses classes)
    {
        ControlFlowGraph graph = state.Graph;
        BasicBlock root = graph.Root;
        ReadOnlySpan<BasicBlock> blocks = state.Blocks;
        var pending = state.Walk;
        pending.Clear();
        graph.Mark(root);
        pending.Push(root.Id, 0);
        while (pending.TryPop(out int id, out int step))
        {
            BasicBlock block = blocks[id];
            if (!block.IsReturn && step < 2)
            {
                pending.Push(id, step + 1);
                BasicBlock next = step == 0 ? block.JumpTrue! : block.JumpFalse!;
                if (!graph.IsMarked(next))
                {
                    graph.Mark(next);
                    pending.Push(next.Id, 0);
                }
                continue;
            }
            int trueClass = block.IsReturn ? -1 : classOf[block.JumpTrue!.Id];
            int falseClass = block.IsReturn ? -1 : classOf[block.JumpFalse!.Id];
            classOf[block.Id] = classes.Classify(block, trueClass, falseClass);
        }
    }
}
