using Pcap.Filter.Compilation.ControlFlow;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>Orders of a finished block graph (every branch resolved), computed without recursion.</summary>
internal static class BlockOrder
{
    /// <summary>Every block reachable from <paramref name="root"/>, each before all blocks it can jump to.</summary>
    public static List<CodeBlock> Topological(CodeBlock root)
    {
        var order = new List<CodeBlock>();
        // Visited blocks carry this walk's number: a 240,000-block tree walks without a dictionary.
        int walk = BlockGraphBuilder.NewWalk();
        var stack = new Stack<(CodeBlock Block, bool Expanded)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (block, expanded) = stack.Pop();
            if (expanded)
            {
                order.Add(block);
                continue;
            }
            if (block.Mark == walk)
                continue;
            block.Mark = walk;
            stack.Push((block, true));
            if (block.JumpTrue is not null && block.JumpTrue.Mark != walk)
                stack.Push((block.JumpTrue, false));
            if (block.JumpFalse is not null && block.JumpFalse.Mark != walk)
                stack.Push((block.JumpFalse, false));
        }
        order.Reverse();
        return order;
    }
}
