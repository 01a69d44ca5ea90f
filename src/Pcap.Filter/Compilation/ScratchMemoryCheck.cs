using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation;

/// <summary>
/// The kernel's <c>check_load_and_stores</c> on the block graph: a scratch word may be read only where every path
/// from the start has stored it. The graph only jumps forward, so one pass in topological order decides it.
/// </summary>
internal static class ScratchMemoryCheck
{
    /// <summary>
    /// Stores 0 at the start of the program into every scratch word some path reads before storing it, so the kernel
    /// accepts the program. libpcap reads such words uninitialized (after <c>geneve</c>, on paths where the packet is not
    /// Geneve; with live VLAN offsets combined with <c>geneve</c>); where its answer is defined the word was stored
    /// first, so the answers are kept, and programs that never read an unwritten word stay exactly libpcap's.
    /// </summary>
    public static CodeBlock ZeroUnwrittenWords(CodeBlock root)
    {
        int unwritten = UnwrittenReads(root);
        if (unwritten == 0)
            return root;
        var s = new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.Imm, 0);
        for (int word = 0; word < BpfOpcodes.MemoryWords; word++)
            if ((unwritten & (1 << word)) != 0)
                CodeStatement.Append(s, new CodeStatement(BpfOpcodes.St, (uint)word));
        CodeStatement.Append(s, root.Statements);
        root.Statements = s;
        return root;
    }

    /// <summary>The scratch words (a bit each) that some path loads before any store to them.</summary>
    public static int UnwrittenReads(CodeBlock root)
    {
        var blocks = new List<CodeBlock>();
        var predecessors = new Dictionary<CodeBlock, int>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<CodeBlock>();
        pending.Push(root);
        predecessors[root] = 0;
        while (pending.Count > 0)
        {
            var block = pending.Pop();
            blocks.Add(block);
            foreach (var next in Successors(block))
            {
                if (predecessors.TryGetValue(next, out int count))
                    predecessors[next] = count + 1;
                else
                {
                    predecessors[next] = 1;
                    pending.Push(next);
                }
            }
        }
        // Words stored on every path into each block (all 16 until a first path arrives).
        var writtenOnEntry = new Dictionary<CodeBlock, int>(ReferenceEqualityComparer.Instance) { [root] = 0 };
        var ready = new Queue<CodeBlock>();
        int unwritten = 0;
        ready.Enqueue(root);
        while (ready.Count > 0)
        {
            var block = ready.Dequeue();
            int written = writtenOnEntry[block];
            for (var s = block.Statements; s is not null; s = s.Next)
            {
                if (s.Code is (BpfOpcodes.Ld | BpfOpcodes.Mem) or (BpfOpcodes.Ldx | BpfOpcodes.Mem) && (written & (1 << (int)(s.K & 0xf))) == 0)
                    unwritten |= 1 << (int)(s.K & 0xf);
                if (s.Code is BpfOpcodes.St or BpfOpcodes.Stx)
                    written |= 1 << (int)(s.K & 0xf);
            }
            foreach (var next in Successors(block))
            {
                writtenOnEntry[next] = writtenOnEntry.TryGetValue(next, out int before) ? before & written : written;
                if (--predecessors[next] == 0)
                    ready.Enqueue(next);
            }
        }
        return unwritten;
    }

    private static IEnumerable<CodeBlock> Successors(CodeBlock block)
    {
        if (block.JumpTrue is not null)
            yield return block.JumpTrue;
        if (block.JumpFalse is not null && block.JumpFalse != block.JumpTrue)
            yield return block.JumpFalse;
    }
}
