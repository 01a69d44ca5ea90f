using Pcap.Filter.Bpf;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Jump threading over comparison outcomes already known on every path: a block that only loads a packet field and
/// tests it for equality is skipped when the edge into it has already seen that field equal (or unequal) to a constant,
/// e.g. the IPv4 tests' failure edges no longer walk through the ARP and RARP EtherType tests.
/// </summary>
internal static class KnownOutcomeThreading
{
    // A fact about a packet field: the load (opcode, offset), masked, is (or is not) equal to Value. Packet bytes never change.
    private readonly record struct Fact(ushort Load, uint Offset, uint Mask, bool Equal, uint Value);

    /// <summary>Redirects edges of the graph at <paramref name="root"/> in place.</summary>
    public static void Run(CodeBlock root)
    {
        var incoming = new Dictionary<CodeBlock, List<List<Fact>>>(ReferenceEqualityComparer.Instance);
        foreach (var block in BlockOrder.Topological(root))
        {
            if (block.JumpTrue is null || block.JumpFalse is null)
                continue;
            List<Fact> known = [];
            if (block != root)
            {
                if (!incoming.TryGetValue(block, out var sets))
                    continue;
                known = Intersect(sets);
            }
            var test = Test(block);
            var onTrue = test is { } t ? [.. known, t with { Equal = true }] : known;
            var onFalse = test is { } f ? [.. known, f with { Equal = false }] : known;
            block.JumpTrue = Thread(block.JumpTrue, onTrue);
            block.JumpFalse = Thread(block.JumpFalse, onFalse);
            Add(incoming, block.JumpTrue, onTrue);
            Add(incoming, block.JumpFalse, onFalse);
        }
    }

    private static void Add(Dictionary<CodeBlock, List<List<Fact>>> incoming, CodeBlock target, List<Fact> facts)
    {
        if (!incoming.TryGetValue(target, out var sets))
            incoming[target] = sets = [];
        sets.Add(facts);
    }

    // The comparison a block makes if it is exactly "load a packet field [, and #mask], jeq #k"; null otherwise.
    private static Fact? Test(CodeBlock block)
    {
        if (block.Code != (BpfOpcodes.Jmp | BpfOpcodes.Jeq | BpfOpcodes.K) || block.Statements is not { } load)
            return null;
        uint mask = uint.MaxValue;
        if (load.Next is { } and)
        {
            if (and.Next is not null || and.Code != (BpfOpcodes.Alu | BpfOpcodes.And | BpfOpcodes.K))
                return null;
            mask = and.K;
        }
        return BpfOpcodes.ClassOf(load.Code) == BpfOpcodes.Ld && (load.Code & 0xe0) == BpfOpcodes.Abs
            ? new Fact(load.Code, load.K, mask, true, block.K) : null;
    }

    private static CodeBlock Thread(CodeBlock target, List<Fact> known)
    {
        for (int hops = 0; hops < 64; hops++)
        {
            bool? outcome = Constant(target);
            if (outcome is null && Test(target) is { } test)
                outcome = Decide(known, test);
            if (outcome is null)
                return target;
            var next = outcome.Value ? target.JumpTrue! : target.JumpFalse!;
            // Skipping the block skips its load of A: only safe when the next block does not read A first.
            if (!OverwritesAccumulatorFirst(next))
                return target;
            target = next;
        }
        return target;
    }

    // "ld #c; jeq #k" (libpcap's always-true and always-false tests, e.g. ARP on a raw IP link) decides itself.
    private static bool? Constant(CodeBlock block) =>
        block.Statements is { Next: null } s && s.Code == (BpfOpcodes.Ld | BpfOpcodes.Imm)
        && block.Code == (BpfOpcodes.Jmp | BpfOpcodes.Jeq | BpfOpcodes.K) ? s.K == block.K : null;

    private static bool? Decide(List<Fact> known, Fact test)
    {
        foreach (var f in known)
        {
            if (f.Load != test.Load || f.Offset != test.Offset || f.Mask != test.Mask)
                continue;
            if (f.Equal)
                return f.Value == test.Value;
            if (f.Value == test.Value)
                return false;
        }
        return null;
    }

    /// <summary>True when <paramref name="block"/> returns a constant or loads A before reading it.</summary>
    public static bool OverwritesAccumulatorFirst(CodeBlock block) =>
        block.JumpTrue is null ? block.Code == (BpfOpcodes.Ret | BpfOpcodes.K) : LoadsAccumulatorFirst(block.Statements);

    /// <summary>True when the statements load A before anything reads it (X loads in between are fine).</summary>
    public static bool LoadsAccumulatorFirst(CodeStatement? statements)
    {
        for (var s = statements; s is not null; s = s.Next)
        {
            ushort kind = BpfOpcodes.ClassOf(s.Code);
            if (kind == BpfOpcodes.Ld)
                return true;
            if (kind != BpfOpcodes.Ldx)
                return false;
        }
        return false;
    }

    // Facts true on every incoming edge: those of one set that every other set implies.
    private static List<Fact> Intersect(List<List<Fact>> sets)
    {
        var result = new List<Fact>();
        foreach (var candidate in sets[0])
        {
            bool everywhere = true;
            for (int i = 1; i < sets.Count && everywhere; i++)
                everywhere = Implies(sets[i], candidate);
            if (everywhere)
                result.Add(candidate);
        }
        foreach (var set in sets.Skip(1))
            foreach (var candidate in set)
                if (!candidate.Equal && !result.Contains(candidate) && sets.TrueForAll(s => Implies(s, candidate)))
                    result.Add(candidate);
        return result;
    }

    private static bool Implies(List<Fact> facts, Fact wanted)
    {
        foreach (var f in facts)
        {
            if (f.Load != wanted.Load || f.Offset != wanted.Offset || f.Mask != wanted.Mask)
                continue;
            if (f == wanted || (f.Equal && !wanted.Equal && f.Value != wanted.Value))
                return true;
        }
        return false;
    }
}
