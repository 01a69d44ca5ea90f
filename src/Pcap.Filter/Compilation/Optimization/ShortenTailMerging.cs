namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Cross-jumping: a node that does exactly what a later node does (same instruction, successors that behave the same)
/// becomes a jump to that later node, so identical tails are laid out once. Cautious, a node a statement falls into is
/// redirected only when that statement is redirected too (otherwise the statement needs a <c>ja</c> as long as the
/// saving); eager, it is redirected anyway (worth it when the tail below it then disappears), returns excepted.
/// </summary>
internal static class ShortenTailMerging
{
    /// <summary>Runs the pass over <paramref name="graph"/>, in place.</summary>
    public static void Run(ShortenGraph graph, bool eager)
    {
        var reachable = new bool[graph.Count];
        graph.MarkReachable(reachable);
        // Backwards: the last of each group of identical nodes stands for the group, so every edge stays forward.
        var twin = new int[graph.Count];
        var seen = new Dictionary<(ushort Code, uint K, int Next, int Other), int>();
        for (int node = graph.Count - 1; node >= 0; node--)
        {
            twin[node] = node;
            if (!reachable[node] || graph.Skipped[node])
                continue;
            var instruction = graph.Instructions[node];
            int next = graph.IsReturn(node) ? -1 : twin[graph.Resolve(graph.Next[node])];
            int other = graph.IsConditional(node) ? twin[graph.Resolve(graph.Other[node])] : -1;
            var key = (instruction.Code, instruction.K, next, other);
            if (!seen.TryAdd(key, node))
                twin[node] = seen[key];
        }
        // Forwards: statements come before the nodes they fall into, so their decision is known first.
        var fallers = new int[graph.Count];
        var redirectedFallers = new int[graph.Count];
        for (int node = 0; node < graph.Count; node++)
            if (reachable[node] && !graph.Skipped[node] && !graph.IsReturn(node) && !graph.IsConditional(node))
                fallers[graph.Resolve(graph.Next[node])]++;
        for (int node = 0; node < graph.Count; node++)
        {
            if (twin[node] == node || (fallers[node] != redirectedFallers[node] && (!eager || graph.IsReturn(node))))
                continue;
            if (!graph.IsReturn(node) && !graph.IsConditional(node))
                redirectedFallers[graph.Resolve(graph.Next[node])]++;
            graph.Skip(node, twin[node]);
        }
    }
}
