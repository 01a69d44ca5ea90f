using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Cross-jumping: a node that does exactly what a later node does (same instruction, same successors) becomes a jump
/// to that later node, so identical tails are laid out once. Walking backwards makes whole identical chains merge.
/// A return that a statement falls into is left alone: the <c>ja</c> it would need is as long as the return.
/// </summary>
internal static class ShortenTailMerging
{
    /// <summary>Runs the pass over <paramref name="graph"/>, in place.</summary>
    public static void Run(ShortenGraph graph)
    {
        var reachable = new bool[graph.Count];
        graph.MarkReachable(reachable);
        var fallenInto = FallenInto(graph, reachable);
        var seen = new Dictionary<(ushort Code, uint K, int Next, int Other), int>();
        for (int node = graph.Count - 1; node >= 0; node--)
        {
            if (!reachable[node] || graph.Skipped[node])
                continue;
            var instruction = graph.Instructions[node];
            int next = graph.IsReturn(node) ? -1 : graph.Resolve(graph.Next[node]);
            int other = graph.IsConditional(node) ? graph.Resolve(graph.Other[node]) : -1;
            var key = (instruction.Code, instruction.K, next, other);
            if (seen.TryGetValue(key, out int twin) && !(fallenInto[node] && graph.IsReturn(node)))
                graph.Skip(node, twin);
            else
                seen.TryAdd(key, node);
        }
    }

    // Nodes a reachable statement falls into: merging them costs that statement a ja.
    private static bool[] FallenInto(ShortenGraph graph, bool[] reachable)
    {
        var fallenInto = new bool[graph.Count];
        for (int node = 0; node < graph.Count; node++)
            if (reachable[node] && !graph.Skipped[node] && !graph.IsReturn(node) && !graph.IsConditional(node))
                fallenInto[graph.Resolve(graph.Next[node])] = true;
        return fallenInto;
    }
}
