using System.Buffers;
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
        // Breadth-first numbering: the array is both the list of blocks and the work list. While this walk runs a
        // block's Offset holds -(its number + 1): negative, so numbers left by set grouping (positive) never clash.
        var blockPool = ArrayPool<CodeBlock>.Shared;
        var blocks = blockPool.Rent(64);
        int count = 0;
        blocks[count++] = root;
        root.Offset = -1;
        // Words some block loads before storing them itself: where there is none (a word is usually stored and
        // loaded again in one block), no path can read one unwritten and the walk in topological order is skipped.
        int loadedFirst = 0;
        for (int i = 0; i < count; i++)
        {
            var block = blocks[i];
            loadedFirst |= LoadedBeforeStored(block.Statements);
            Discover(block.JumpTrue, ref blocks, ref count);
            if (block.JumpFalse != block.JumpTrue)
                Discover(block.JumpFalse, ref blocks, ref count);
        }
        if (loadedFirst == 0)
        {
            for (int i = 0; i < count; i++)
                blocks[i].Offset = 0;
            blockPool.Return(blocks, clearArray: true);
            return 0;
        }
        var intPool = ArrayPool<int>.Shared;
        var numbers = intPool.Rent(3 * count);
        var predecessors = numbers.AsSpan(0, count);
        var writtenOnEntry = numbers.AsSpan(count, count);
        var ready = numbers.AsSpan(2 * count, count);
        predecessors.Clear();
        // Words stored on every path into each block: all 16 until a first path arrives.
        writtenOnEntry.Fill(-1);
        writtenOnEntry[0] = 0;
        for (int i = 0; i < count; i++)
        {
            var block = blocks[i];
            if (block.JumpTrue is not null)
                predecessors[-block.JumpTrue.Offset - 1]++;
            if (block.JumpFalse is not null && block.JumpFalse != block.JumpTrue)
                predecessors[-block.JumpFalse.Offset - 1]++;
        }
        int unwritten = 0, head = 0, tail = 0;
        ready[tail++] = 0;
        while (head < tail)
        {
            int index = ready[head++];
            var block = blocks[index];
            int written = writtenOnEntry[index];
            for (var s = block.Statements; s is not null; s = s.Next)
            {
                if (s.Code is (BpfOpcodes.Ld | BpfOpcodes.Mem) or (BpfOpcodes.Ldx | BpfOpcodes.Mem) && (written & (1 << (int)(s.K & 0xf))) == 0)
                    unwritten |= 1 << (int)(s.K & 0xf);
                if (s.Code is BpfOpcodes.St or BpfOpcodes.Stx)
                    written |= 1 << (int)(s.K & 0xf);
            }
            if (block.JumpTrue is not null)
                Arrive(-block.JumpTrue.Offset - 1, written, predecessors, writtenOnEntry, ready, ref tail);
            if (block.JumpFalse is not null && block.JumpFalse != block.JumpTrue)
                Arrive(-block.JumpFalse.Offset - 1, written, predecessors, writtenOnEntry, ready, ref tail);
        }
        for (int i = 0; i < count; i++)
            blocks[i].Offset = 0;
        blockPool.Return(blocks, clearArray: true);
        intPool.Return(numbers);
        return unwritten;
    }

    private static int LoadedBeforeStored(CodeStatement? statements)
    {
        int loaded = 0, written = 0;
        for (var s = statements; s is not null; s = s.Next)
        {
            if (s.Code is (BpfOpcodes.Ld | BpfOpcodes.Mem) or (BpfOpcodes.Ldx | BpfOpcodes.Mem) && (written & (1 << (int)(s.K & 0xf))) == 0)
                loaded |= 1 << (int)(s.K & 0xf);
            if (s.Code is BpfOpcodes.St or BpfOpcodes.Stx)
                written |= 1 << (int)(s.K & 0xf);
        }
        return loaded;
    }

    private static void Discover(CodeBlock? next, ref CodeBlock[] blocks, ref int count)
    {
        if (next is null || next.Offset < 0)
            return;
        if (count == blocks.Length)
        {
            var larger = ArrayPool<CodeBlock>.Shared.Rent(2 * count);
            blocks.AsSpan(0, count).CopyTo(larger);
            ArrayPool<CodeBlock>.Shared.Return(blocks, clearArray: true);
            blocks = larger;
        }
        next.Offset = -(count + 1);
        blocks[count++] = next;
    }

    private static void Arrive(int next, int written, Span<int> predecessors, Span<int> writtenOnEntry, Span<int> ready, ref int tail)
    {
        writtenOnEntry[next] &= written;
        if (--predecessors[next] == 0)
            ready[tail++] = next;
    }
}
