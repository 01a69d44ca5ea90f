using System.Numerics;
using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Cross-jumping: a node that does exactly what a later node does (same instruction, successors that behave the same)
/// becomes a jump to that later node, so identical tails are laid out once. Cautious, a node a statement falls into is
/// redirected only when that statement is redirected too (otherwise the statement needs a <c>ja</c> as long as the
/// saving); eager, it is redirected anyway (worth it when the tail below it then disappears), returns excepted.
/// </summary>
internal static class ShortenTailMerging
{
    /// <summary>
    /// For each node, the last node that behaves exactly like it (itself when none); null when no two nodes do.
    /// Backwards: the last of each group stands for the group, so every edge stays forward.
    /// </summary>
    public static int[]? FindTwins(ShortenGraph graph)
    {
        var scratch = ShortenGraph.Scratch.For(graph.Count);
        var reachable = scratch.Reachable;
        graph.MarkReachable(reachable);
        var twin = new int[graph.Count];
        // The nodes seen first (the last of their group) by (code, k, next, other), in an open-addressing table; a
        // node's next and other twins are kept to compare keys.
        var nexts = scratch.Counts;
        var others = scratch.OtherCounts;
        int mask = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * graph.Count)) - 1;
        var seen = scratch.Table.AsSpan(0, mask + 1);
        seen.Fill(-1);
        bool any = false;
        for (int node = graph.Count - 1; node >= 0; node--)
        {
            twin[node] = node;
            if (!reachable[node] || graph.Skipped[node])
                continue;
            var instruction = graph.Instructions[node];
            int next = graph.IsReturn(node) ? -1 : twin[graph.Resolve(graph.Next[node])];
            int other = graph.IsConditional(node) ? twin[graph.Resolve(graph.Other[node])] : -1;
            nexts[node] = next;
            others[node] = other;
            int slot = Slot(instruction, next, other, mask);
            for (int j; (j = seen[slot]) >= 0; slot = (slot + 1) & mask)
            {
                if (graph.Instructions[j].Code == instruction.Code && graph.Instructions[j].K == instruction.K
                    && nexts[j] == next && others[j] == other)
                {
                    twin[node] = j;
                    any = true;
                    break;
                }
            }
            if (twin[node] == node)
                seen[slot] = node;
        }
        return any ? twin : null;
    }

    /// <summary>Where the search for a node's twin starts in a table of <paramref name="mask"/> + 1 slots.</summary>
    internal static int Slot(BpfInstruction instruction, int next, int other, int mask)
    {
        uint hash = (uint)instruction.Code * 0x9E3779B1u ^ instruction.K * 0x85EBCA77u ^ (uint)next * 0xC2B2AE3Du
            ^ (uint)other * 0x27D4EB2Fu;
        // The high bits mixed into the low ones: the table of a long program needs more than 16 of them.
        return (int)(hash ^ (hash >> 16)) & mask;
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
