using Pcap.Filter.Bpf;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Removes statements whose result no path reads (a store to a scratch word never loaded again, a <c>tax</c> before X
/// is overwritten), and jumps whose two targets became one. A packet load or a division by X can fail and return 0, so
/// a dead one stays unless every path has already loaded its bytes or it is followed by <c>ret #0</c>. One backward walk.
/// </summary>
internal static class ShortenDeadStores
{
    private const int A = 1, X = 2, MemoryShift = 2;

    /// <summary>Runs the pass over <paramref name="graph"/>, in place.</summary>
    public static void Run(ShortenGraph graph)
    {
        // Live registers on entry to each node: bit 0 A, bit 1 X, bits 2.. the scratch words.
        var live = ShortenGraph.Scratch.For(graph.Count).Counts;
        for (int node = graph.Count - 1; node >= 0; node--)
        {
            if (graph.Skipped[node])
            {
                live[node] = live[graph.Next[node]];
                continue;
            }
            var instruction = graph.Instructions[node];
            ushort code = instruction.Code;
            if (graph.IsReturn(node))
            {
                live[node] = code == (Ret | RetA) ? A : 0;
                continue;
            }
            if (graph.IsConditional(node) && graph.Resolve(graph.Next[node]) == graph.Resolve(graph.Other[node]))
            {
                graph.Skip(node, graph.Resolve(graph.Next[node]));
                live[node] = live[graph.Next[node]];
                continue;
            }
            if (graph.IsConditional(node))
            {
                live[node] = live[graph.Next[node]] | live[graph.Other[node]] | A | (SourceOf(code) == BpfOpcodes.X ? X : 0);
                continue;
            }
            int after = live[graph.Next[node]];
            var (defines, uses, canFail) = Access(instruction);
            // Before ret #0 even a failing load changes nothing: failing returns 0 too.
            if (((after & defines) == 0 && (!canFail || graph.CannotFail[node])) || graph.ReturnsZero(graph.Resolve(graph.Next[node])))
            {
                graph.Skip(node, graph.Next[node]);
                live[node] = after;
                continue;
            }
            live[node] = (after & ~defines) | uses;
        }
    }

    private static (int Defines, int Uses, bool CanFail) Access(BpfInstruction instruction)
    {
        ushort code = instruction.Code;
        int word = 1 << (MemoryShift + (int)Math.Min(instruction.K, MemoryWords - 1));
        return ClassOf(code) switch
        {
            Ld => ModeOf(code) switch
            {
                Imm or Len => (A, 0, false),
                Mem => (A, word, false),
                Ind => (A, X, true),
                _ => (A, 0, true),
            },
            Ldx => ModeOf(code) switch
            {
                Imm or Len => (X, 0, false),
                Mem => (X, word, false),
                _ => (X, 0, true),
            },
            St => (word, A, false),
            Stx => (word, X, false),
            Alu when SourceOf(code) == BpfOpcodes.X => (A, A | X, OperationOf(code) is Div or Mod),
            Alu => (A, A, false),
            _ => MiscOperationOf(code) == Tax ? (X, A, false) : (A, X, false),
        };
    }
}
