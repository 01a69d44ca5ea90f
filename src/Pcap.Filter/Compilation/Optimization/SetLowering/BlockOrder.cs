namespace Pcap.Filter.Compilation.Optimization;

/// <summary>Orders of a finished block graph (every branch resolved), computed without recursion.</summary>
internal static class BlockOrder
{
    /// <summary>Every block reachable from <paramref name="root"/>, each before all blocks it can jump to.</summary>
    public static List<CodeBlock> Topological(CodeBlock root)
    {
        var order = new List<CodeBlock>();
        var state = new Dictionary<CodeBlock, bool>(ReferenceEqualityComparer.Instance);
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
            if (state.ContainsKey(block))
                continue;
            state[block] = true;
            stack.Push((block, true));
            if (block.JumpTrue is not null && !state.ContainsKey(block.JumpTrue))
                stack.Push((block.JumpTrue, false));
            if (block.JumpFalse is not null && !state.ContainsKey(block.JumpFalse))
                stack.Push((block.JumpFalse, false));
        }
        order.Reverse();
        return order;
    }
}
