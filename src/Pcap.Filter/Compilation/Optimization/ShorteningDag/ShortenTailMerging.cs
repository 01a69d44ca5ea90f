namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Cross-jumping: a node that does exactly what a later node does (same instruction, successors that behave the same)
/// becomes a jump to that later node, so identical tails are laid out once. Cautious, a node a statement falls into is
/// redirected only when that statement is redirected too (otherwise the statement needs a <c>ja</c> as long as the
/// saving); eager, it is redirected anyway (worth it when the tail below it then disappears), returns excepted.
/// </summary>
internal static class ShortenTailMerging
{
    [ThreadStatic]
    private static Dictionary<(ushort Code, uint K, int Next, int Other), int>? seenForThisThread;

    /// <summary>
    /// For each node, the last node that behaves exactly like it (itself when none); null when no two nodes do.
    /// Backwards: the last of each group stands for the group, so every edge stays forward.
    /// </summary>
    public static int[]? FindTwins(ShortenGraph graph)
    {
        var reachable = ShortenGraph.Scratch.For(graph.Count).Reachable;
        graph.MarkReachable(reachable);
        var twin = new int[graph.Count];
        // Clearing costs the table's capacity: after a very long program, start afresh instead.
        if (seenForThisThread is null || seenForThisThread.Count > 1024)
            seenForThisThread = [];
        var seen = seenForThisThread;
        seen.Clear();
        bool any = false;
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
            {
                twin[node] = seen[key];
                any = true;
            }
        }
        return any ? twin : null;
    }

    /// <summary>Redirects, in place, the nodes of <paramref name="graph"/> that have a twin, cautiously or eagerly.</summary>
    public static void Merge(ShortenGraph graph, int[] twin, bool eager)
    {
        // Forwards: statements come before the nodes they fall into, so their decision is known first.
        var scratch = ShortenGraph.Scratch.For(graph.Count);
        var fallers = scratch.Counts;
        var redirectedFallers = scratch.OtherCounts;
        Array.Clear(fallers, 0, graph.Count);
        Array.Clear(redirectedFallers, 0, graph.Count);
        var reachable = scratch.Reachable;
        graph.MarkReachable(reachable);
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
