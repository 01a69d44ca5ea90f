using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Replaces each set's equality tests by membership trees. Value blocks that no path can visit one after the other
/// (e.g. the IPv4 source test and the ARP sender test, once <see cref="KnownOutcomeThreading"/> has separated the
/// paths) share one tree: each stores its number in a free scratch word before entering, and a miss dispatches on
/// that number back to the block's own failure path. Every jump still goes forward.
/// For a kernel prefilter (widened bits above 0) each set is widened so the program accepts at least
/// what the exact one does: a set that counts for acceptance compares only the values' top bits, one under negation
/// matches nothing.
/// </summary>
internal static class MembershipLowering
{
    /// <summary>
    /// Rewrites the graph at <paramref name="root"/> in place; <paramref name="widenBits"/> low bits of every value are
    /// ignored (0: the exact sets; 32: each set only loads its field).
    /// </summary>
    public static void Run(CodeBlock root, IReadOnlyList<ValueSet> sets, int widenBits = 0)
    {
        int scratch = FreeScratchWord(root);
        foreach (var exact in sets)
        {
            var set = widenBits == 0 ? exact : Widen(exact, widenBits);
            var order = BlockOrder.Topological(root);
            var members = new HashSet<CodeBlock>(set.ValueBlocks, ReferenceEqualityComparer.Instance);
            // Level: the most value blocks of this set on any path before the block; equal levels never meet on a path.
            var level = new Dictionary<CodeBlock, int>(ReferenceEqualityComparer.Instance);
            var groups = new Dictionary<int, List<CodeBlock>>();
            var groupOrder = new List<int>();
            foreach (var block in order)
            {
                int here = level.GetValueOrDefault(block);
                if (members.Contains(block))
                {
                    int key = here;
                    if (!groups.TryGetValue(key, out var list))
                    {
                        groups[key] = list = [];
                        groupOrder.Add(key);
                    }
                    list.Add(block);
                }
                int below = here + (members.Contains(block) ? 1 : 0);
                foreach (var next in new[] { block.JumpTrue, block.JumpFalse })
                    if (next is not null && below > level.GetValueOrDefault(next))
                        level[next] = below;
            }
            foreach (var key in groupOrder)
                Lower(groups[key], set.Values, scratch);
        }
    }

    // The set a prefilter tests: the values' top bits (the blocks then mask what they load), or none under negation.
    private static ValueSet Widen(ValueSet set, int widenBits)
    {
        if (set.UnderNegation)
            return set with { Values = [] };
        uint mask = widenBits >= 32 ? 0 : uint.MaxValue << widenBits;
        foreach (var block in set.ValueBlocks)
            CodeStatement.Append(block.Statements!, new CodeStatement(BpfOpcodes.Alu | BpfOpcodes.And | BpfOpcodes.K, mask));
        var values = new SortedSet<uint>();
        foreach (uint value in set.Values)
            values.Add(value & mask);
        return set with { Values = [.. values] };
    }

    private static void Lower(List<CodeBlock> group, uint[] values, int scratch)
    {
        if (values.Length == 0)
        {
            // Nothing can match: each block goes on to its own failure path.
            foreach (var block in group)
                Become(block, MembershipTree.Relay(block.JumpFalse!));
            return;
        }
        bool sameHit = group.TrueForAll(b => b.JumpTrue == group[0].JumpTrue);
        // Prepending "ld #j; st M[k]" is safe only if the block's own statements load A before they read it.
        bool share = group.Count > 1 && scratch >= 0
            && group.TrueForAll(b => KnownOutcomeThreading.OverwritesAccumulatorFirst(b.JumpFalse!)
                && KnownOutcomeThreading.LoadsAccumulatorFirst(b.Statements)
                && (sameHit || KnownOutcomeThreading.OverwritesAccumulatorFirst(b.JumpTrue!)));
        if (!share)
        {
            foreach (var block in group)
                Become(block, MembershipTree.Build(values, block.JumpTrue!, block.JumpFalse!));
            return;
        }
        var hit = sameHit ? group[0].JumpTrue! : Dispatch(group.ConvertAll(b => b.JumpTrue!), scratch);
        var miss = Dispatch(group.ConvertAll(b => b.JumpFalse!), scratch);
        var tree = MembershipTree.Build(values, hit, miss);
        bool dispatches = hit != group[0].JumpTrue || miss != group[^1].JumpFalse;
        for (int j = 0; j < group.Count; j++)
        {
            var block = group[j];
            if (!dispatches)
            {
                Become(block, tree);
                continue;
            }
            var mark = new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.Imm, (uint)j)
            {
                Next = new CodeStatement(BpfOpcodes.St, (uint)scratch) { Next = block.Statements },
            };
            block.Statements = mark;
            Become(block, tree);
        }
    }

    // "ld M[scratch]; jeq #0; jeq #1; ..." to the target of the member whose number was stored on the way in.
    private static CodeBlock Dispatch(List<CodeBlock> targets, int scratch)
    {
        CodeBlock dispatch = targets[^1];
        bool tests = false;
        for (int j = targets.Count - 2; j >= 0; j--)
        {
            if (!tests && targets[j] == dispatch)
                continue;
            dispatch = new CodeBlock(BpfOpcodes.Jmp | BpfOpcodes.Jeq | BpfOpcodes.K, (uint)j) { JumpTrue = targets[j], JumpFalse = dispatch };
            tests = true;
        }
        if (tests)
            dispatch.Statements = new CodeStatement(BpfOpcodes.Ld | BpfOpcodes.Mem, (uint)scratch);
        return dispatch;
    }

    private static void Become(CodeBlock block, CodeBlock treeRoot)
    {
        block.Code = treeRoot.Code;
        block.K = treeRoot.K;
        block.JumpTrue = treeRoot.JumpTrue;
        block.JumpFalse = treeRoot.JumpFalse;
    }

    // A scratch memory word no statement of the program touches; -1 when all sixteen are in use.
    private static int FreeScratchWord(CodeBlock root)
    {
        var used = new bool[BpfOpcodes.MemoryWords];
        foreach (var block in BlockOrder.Topological(root))
            for (var s = block.Statements; s is not null; s = s.Next)
            {
                ushort kind = BpfOpcodes.ClassOf(s.Code);
                bool memory = kind is BpfOpcodes.St or BpfOpcodes.Stx
                    || (kind is BpfOpcodes.Ld or BpfOpcodes.Ldx && (s.Code & 0xe0) == BpfOpcodes.Mem);
                if (memory && s.K < used.Length)
                    used[s.K] = true;
            }
        return Array.IndexOf(used, false);
    }
}
