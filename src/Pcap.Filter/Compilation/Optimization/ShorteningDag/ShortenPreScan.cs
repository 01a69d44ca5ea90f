using System.Numerics;
using Pcap.Filter.Bpf;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// A few linear scans over a program's instructions that tell the shortening passes whether they can find anything:
/// most programs come back unchanged, and proving that here costs far less than a DAG, a value table and the passes.
/// "Nothing to thread or remove" is proved only for the simple shape where it can be: no copy through memory or between
/// A and X, no constant, no <c>ja</c>, no X operand, every value loaded once but for a few absolute packet loads (whose
/// facts the scan follows), no statement that rewrites A with the value it holds, no jump decided by what the value's
/// definition and the tests along one path before it say (the passes know at most the union over all paths, which
/// decides no more), no ALU operation on a tested value, and no statement whose result no path reads and whose removal
/// dead-store removal would allow. Anything else answers <see cref="Finding.Anything"/>.
/// </summary>
[System.Runtime.CompilerServices.SkipLocalsInit]
internal static class ShortenPreScan
{
    /// <summary>What the shortening passes can find in a program.</summary>
    public enum Finding
    {
        /// <summary>Nothing: the passes would return the program as it is.</summary>
        Nothing,

        /// <summary>Known-outcome threading and dead-store removal find nothing; identical tails may be merged.</summary>
        TwinTails,

        /// <summary>Not proved either way: run every pass.</summary>
        Anything,
    }

    // Values of A: Initial, the constant 0 before any load; Fresh, one no node holds. Unreached: no path yet.
    private const int Initial = -2, Unreached = -1, Fresh = -3;
    // The most values loaded again that the scan follows (their facts are kept per node).
    private const int MaxReloaded = 4;
    // The longest program scanned; longer ones go to the passes.
    private const int MaxScanned = 512;
    // Per node, about the value in A: a jump has tested it on some path here.
    private const byte Tested = 1;
    // Live registers for the dead-store check, as ShortenDeadStores numbers them.
    private const byte LiveA = 1, LiveX = 2;
    // Beyond this many instructions, twin tails are left to ShortenTailMerging.FindTwins (pairs are compared here).
    private const int MaxPairwise = 64;

    private sealed class Scratch
    {
        public int[] Definition = [];
        public byte[] Flags = [];
        public long[] Keys = [];
        public ShortenRange[] Ranges = [];
        public int[] Twin = [];
        public int[] Next = [];
        public int[] Other = [];
        public int[] Nodes = [];
        public int[] Canonical = [];
        public int[] Slot = [];
        public int[] Operand = [];
        public byte[] TestedSlots = [];
        public ShortenRange[] Reloaded = [];
        public int[] OwnTwins = new int[2 * MaxPairwise];
        public int ReloadedCount;
    }

    [ThreadStatic]
    private static Scratch? scratchForThisThread;

    /// <summary>What the passes can find in <paramref name="program"/>.</summary>
    public static Finding Scan(BpfInstruction[] program)
    {
        int n = program.Length;
        // Past this length the scan's pairwise searches cost more than they save (and its arrays stay per thread).
        if (n == 0 || n > MaxScanned)
            return Finding.Anything;
        var scratch = scratchForThisThread ??= new Scratch();
        if (scratch.Definition.Length < n)
        {
            int size = Math.Max(n, 2 * scratch.Definition.Length);
            scratch.Definition = new int[size];
            scratch.Flags = new byte[size];
            scratch.Keys = new long[size];
            scratch.Ranges = new ShortenRange[size];
            scratch.Twin = new int[size];
            scratch.Next = new int[size];
            scratch.Other = new int[size];
            scratch.Nodes = new int[size];
            scratch.Canonical = new int[size];
            scratch.Slot = new int[size];
            scratch.Operand = new int[size];
            scratch.TestedSlots = new byte[size];
            scratch.Reloaded = new ShortenRange[size * MaxReloaded];
        }
        if (!InRange(program))
            return Finding.Nothing; // ShortenGraph.From refuses it: the passes return it as it is.
        if (!LoadsEachValueOnce(program, scratch))
            return Finding.Anything;
        if (!NoTestDecided(program, scratch))
            return Finding.Anything;
        if (!EveryStatementRead(program, scratch))
            return Finding.Anything;
        return TailMergingMayShorten(program, scratch) ? Finding.TwinTails : Finding.Nothing;
    }

    // Whether every edge stays inside the program: ShortenGraph.From's condition, without building the graph.
    private static bool InRange(BpfInstruction[] program)
    {
        for (int i = 0; i < program.Length; i++)
        {
            var (next, other) = ShortenGraph.Successors(program[i], i);
            if (next >= program.Length || other >= program.Length)
                return false;
        }
        return true;
    }

    // The simple shape: no ja, no memory, no tax/txa, no constant load, no X operand, and each load (packet,
    // ancillary, length, header length) at one place only, so equal value numbers come only from one node; except
    // absolute packet loads, of which a few values may be loaded again (each node gets the first node of its value).
    private static bool LoadsEachValueOnce(BpfInstruction[] program, Scratch scratch)
    {
        var keys = scratch.Keys;
        var nodes = scratch.Nodes;
        int count = 0;
        for (int i = 0; i < program.Length; i++)
        {
            var instruction = program[i];
            ushort code = instruction.Code;
            scratch.Canonical[i] = i;
            scratch.Slot[i] = -1;
            switch (ClassOf(code))
            {
                case Ld when ModeOf(code) is Abs or Ind:
                case Ldx when ModeOf(code) == Msh:
                    nodes[count] = i;
                    keys[count++] = ((long)code << 32) | instruction.K;
                    break;
                case Ld when ModeOf(code) == Len:
                case Ldx when ModeOf(code) == Len:
                    // ld len and ldx len load the same value.
                    nodes[count] = i;
                    keys[count++] = (long)(Ld | Len) << 32;
                    break;
                case Ld or Ldx or St or Stx or Misc:
                    return false;
                case Alu or Jmp when SourceOf(code) == BpfOpcodes.X:
                    return false;
                case Jmp when code == (Jmp | Ja):
                    return false;
            }
        }
        keys.AsSpan(0, count).Sort(nodes.AsSpan(0, count));
        scratch.ReloadedCount = 0;
        for (int start = 0; start < count;)
        {
            int end = start + 1, first = nodes[start];
            while (end < count && keys[end] == keys[start])
                first = Math.Min(first, nodes[end++]);
            if (end - start > 1)
            {
                var load = program[first];
                if (ClassOf(load.Code) != Ld || ModeOf(load.Code) != Abs || load.K >= BpfAncillary.Offset
                    || scratch.ReloadedCount == MaxReloaded)
                    return false;
                int slot = scratch.ReloadedCount++;
                for (int j = start; j < end; j++)
                {
                    scratch.Canonical[nodes[j]] = first;
                    scratch.Slot[nodes[j]] = slot;
                }
            }
            start = end;
        }
        return true;
    }

    // One forward walk: which value A holds at each node (the first node loading it; where different ones meet, a
    // fresh value, as the passes' merge numbers), and what the tests along one path there say about it and about each
    // value loaded again. The passes' facts at a node are the union over every path into it, so a test one path leaves
    // undecided they leave undecided too. Each jump is tried with the facts at it and, as known-outcome threading
    // tries it, with those along each jump edge into it; so is what threading looks for after a jump edge into a
    // statement: a run that brings A back to its value, a reload of a value whose facts decide the next test.
    private static bool NoTestDecided(BpfInstruction[] program, Scratch scratch)
    {
        int n = program.Length;
        var definition = scratch.Definition;
        var flags = scratch.Flags;
        var ranges = scratch.Ranges;
        Array.Fill(definition, Unreached, 0, n);
        definition[0] = Initial;
        flags[0] = 0;
        ranges[0] = ShortenRange.Full;
        scratch.TestedSlots[0] = 0;
        for (int i = 0; i < program.Length; i++)
            if (scratch.Slot[i] >= 0)
                scratch.Reloaded[scratch.Slot[i]] = ShortenValues.RangeOfLoad(program[i].Code, program[i].K);
        for (int i = 0; i < n; i++)
        {
            int defined = definition[i];
            // An unreachable node: the passes' layout would drop it.
            if (defined == Unreached)
                return false;
            var instruction = program[i];
            switch (ClassOf(instruction.Code))
            {
                case Ret:
                    break;
                case Jmp:
                {
                    if (defined == Initial)
                        return false;
                    int whenTrue = i + 1 + instruction.Jt, whenFalse = i + 1 + instruction.Jf;
                    // Both edges to one node: dead-store removal drops the jump.
                    if (whenTrue == whenFalse || Decides(ranges[i], instruction))
                        return false;
                    ushort operation = OperationOf(instruction.Code);
                    var onTrue = ranges[i].Refine(operation, instruction.K, true);
                    var onFalse = ranges[i].Refine(operation, instruction.K, false);
                    if (Decides(onTrue, program[whenTrue]) || Decides(onFalse, program[whenFalse])
                        || !ThreadingFindsNothing(program, scratch, i, whenTrue, defined)
                        || !ThreadingFindsNothing(program, scratch, i, whenFalse, defined))
                        return false;
                    int slot = defined >= 0 && defined < n ? scratch.Slot[defined] : -1;
                    byte tested = (byte)(flags[i] | Tested);
                    Flow(scratch, whenTrue, defined, tested, onTrue, i, slot, operation, instruction.K, true, n);
                    Flow(scratch, whenFalse, defined, tested, onFalse, i, slot, operation, instruction.K, false, n);
                    break;
                }
                case Alu:
                    // An operation on a tested value, or on one its definition pins, may fold to a constant; one on a
                    // value an earlier operation of the same kind took computes that value again.
                    if (defined == Initial || (flags[i] & Tested) != 0 || ranges[i].TryGetSingle(out _))
                        return false;
                    for (int j = 0; j < i; j++)
                        if (definition[j] != Unreached && ClassOf(program[j].Code) == Alu && program[j].Code == instruction.Code
                            && program[j].K == instruction.K && scratch.Operand[j] == defined)
                            return false;
                    scratch.Operand[i] = defined;
                    Flow(scratch, i + 1, i, 0, RangeOf(program, i), i, -1, 0, 0, false, n);
                    break;
                case Ld:
                {
                    int value = scratch.Canonical[i], slot = scratch.Slot[i];
                    // A reload of the value A holds does nothing.
                    if (defined == value)
                        return false;
                    if (slot < 0)
                        Flow(scratch, i + 1, value, 0, RangeOf(program, i), i, -1, 0, 0, false, n);
                    else
                        Flow(scratch, i + 1, value, (scratch.TestedSlots[i] & (1 << slot)) != 0 ? Tested : (byte)0,
                            scratch.Reloaded[i * MaxReloaded + slot], i, -1, 0, 0, false, n);
                    break;
                }
                default:
                    Flow(scratch, i + 1, defined, flags[i], ranges[i], i, -1, 0, 0, false, n);
                    break;
            }
        }
        return true;
    }

    // After the jump edge <paramref name="from"/> -> <paramref name="target"/> with A holding <paramref name="a"/>:
    // no run of up to three statements (absolute loads, operations) brings A back to it, and a reload of a value
    // loaded again leaves the test after it open under that value's facts on this edge.
    private static bool ThreadingFindsNothing(BpfInstruction[] program, Scratch scratch, int from, int target, int a)
    {
        var first = program[target];
        if (ClassOf(first.Code) is Jmp or Ret)
            return true;
        int slot = scratch.Slot[target];
        if (slot >= 0 && ClassOf(program[target + 1].Code) == Jmp
            && Decides(scratch.Reloaded[from * MaxReloaded + slot], program[target + 1]))
            return false;
        int value = a;
        for (int node = target; node < target + 3; node++)
        {
            var instruction = program[node];
            ushort code = instruction.Code;
            if (ClassOf(code) == Ld && ModeOf(code) == Abs)
                value = scratch.Canonical[node];
            else if (ClassOf(code) == Alu)
            {
                // The same operation on the same value is the same value; A's value came from an earlier node.
                value = a >= 0 && a < program.Length && ClassOf(program[a].Code) == Alu && program[a].Code == code
                    && program[a].K == instruction.K && scratch.Operand[a] == value ? a : Fresh;
            }
            else
                return true;
            if (value == a)
                return false;
        }
        return true;
    }

    // Whether a conditional jump (on A, against its constant) has one outcome only, with A in <paramref name="range"/>.
    private static bool Decides(in ShortenRange range, BpfInstruction jump)
    {
        if (ClassOf(jump.Code) != Jmp)
            return false;
        var (canBeTrue, canBeFalse) = range.Outcomes(OperationOf(jump.Code), jump.K);
        return canBeTrue != canBeFalse;
    }

    // The first path into a node gives its facts; later ones with the same value only add flags. The facts about the
    // values loaded again come along the same edge, the tested one refined by the jump.
    private static void Flow(Scratch scratch, int target, int defined, byte flag, in ShortenRange range, int from,
        int testedSlot, ushort operation, uint k, bool outcome, int n)
    {
        var definition = scratch.Definition;
        byte testedSlots = (byte)(scratch.TestedSlots[from] | (testedSlot >= 0 ? 1 << testedSlot : 0));
        if (definition[target] == Unreached)
        {
            definition[target] = defined;
            scratch.Flags[target] = flag;
            scratch.Ranges[target] = range;
            scratch.TestedSlots[target] = testedSlots;
            var reloaded = scratch.Reloaded;
            for (int slot = 0; slot < scratch.ReloadedCount; slot++)
                reloaded[target * MaxReloaded + slot] = slot == testedSlot
                    ? reloaded[from * MaxReloaded + slot].Refine(operation, k, outcome)
                    : reloaded[from * MaxReloaded + slot];
            return;
        }
        scratch.TestedSlots[target] |= testedSlots;
        if (definition[target] == defined)
            scratch.Flags[target] |= flag;
        else
        {
            definition[target] = n + target;
            scratch.Flags[target] = 0;
            scratch.Ranges[target] = ShortenRange.Full;
        }
    }

    // What the value defined at <paramref name="defined"/> is bounded to by its own definition, as ShortenValues says.
    private static ShortenRange RangeOf(BpfInstruction[] program, int defined)
    {
        if (defined >= program.Length)
            return ShortenRange.Full; // a merge of different values
        var instruction = program[defined];
        ushort code = instruction.Code;
        return ClassOf(code) == Alu ? ShortenValues.RangeOfOperation(OperationOf(code), instruction.K)
            : ModeOf(code) == Len ? ShortenRange.Full
            : ShortenValues.RangeOfLoad(code, instruction.K);
    }

    // One backward walk of ShortenDeadStores' liveness: a statement whose result no path reads is a candidate for
    // removal, unless it is a packet load that may fail (it then decides the answer) and every path may not yet have
    // loaded its bytes; so is any statement followed by ret #0.
    private static bool EveryStatementRead(BpfInstruction[] program, Scratch scratch)
    {
        var live = scratch.Flags;
        // Per node, the furthest end of a packet load before it: no path here has loaded more.
        var loadedBefore = scratch.Next;
        long furthest = 0;
        for (int i = 0; i < program.Length; i++)
        {
            loadedBefore[i] = (int)furthest;
            furthest = Math.Max(furthest, EndAtMost(program[i]) ?? 0);
        }
        for (int i = program.Length - 1; i >= 0; i--)
        {
            var instruction = program[i];
            ushort code = instruction.Code;
            switch (ClassOf(code))
            {
                case Ret:
                    live[i] = code == (Ret | RetA) ? LiveA : (byte)0;
                    break;
                case Jmp:
                    live[i] = (byte)(live[i + 1 + instruction.Jt] | live[i + 1 + instruction.Jf] | LiveA);
                    break;
                default:
                {
                    byte after = live[i + 1];
                    byte defines = ClassOf(code) == Ldx ? LiveX : LiveA;
                    byte uses = ClassOf(code) == Alu ? LiveA : ModeOf(code) == Ind ? LiveX : (byte)0;
                    if (program[i + 1] is { Code: Ret | BpfOpcodes.K, K: 0 })
                        return false;
                    bool mayFail = ClassOf(code) == Ld ? ModeOf(code) is Abs or Ind : ClassOf(code) == Ldx && ModeOf(code) == Msh;
                    if ((after & defines) == 0 && (!mayFail || (EndAtMost(instruction) ?? long.MaxValue) <= loadedBefore[i]))
                        return false;
                    live[i] = (byte)((after & ~defines) | uses);
                    break;
                }
            }
        }
        return true;
    }

    // Where a packet load ends at most, as the passes compute it (an indexed load only when X is 0, its one constant
    // in the simple shape); null when it loads no packet bytes known at compile time.
    private static long? EndAtMost(BpfInstruction instruction)
    {
        ushort code = instruction.Code;
        long end;
        if (ClassOf(code) == Ldx && ModeOf(code) == Msh)
            return instruction.K < int.MaxValue ? (long)instruction.K + 1 : null;
        if (ClassOf(code) == Ld && ModeOf(code) is Abs or Ind)
            end = (long)instruction.K + SizeOf(code) switch { B => 1, H => 2, _ => 4 };
        else
            return null;
        return end < int.MaxValue ? end : null;
    }

    // Whether cross-jumping can shorten the program. Its twins are found here as ShortenTailMerging.FindTwins finds
    // them (backwards, the last node of each group standing for it), pairwise on small programs. It cannot shorten when
    // every twin is a conditional jump with its twin's very targets, entered only by falling from a statement without a
    // twin, with a live node between that statement and the twin: the cautious merge keeps every twin (its faller stays),
    // the eager one trades each for the ja its faller then needs, and no jump is left with one target.
    private static bool TailMergingMayShorten(BpfInstruction[] program, Scratch scratch)
    {
        int n = program.Length;
        if (n > MaxPairwise)
            return true;
        var twin = scratch.Twin;
        var next = scratch.Next;
        var other = scratch.Other;
        bool any = false;
        // The nodes that are their own twin, by (code, k, next, other): a node's twin is the one later node with its key
        // that is its own twin (a later one with the same key would have found it), so a table lookup finds what a scan
        // of every later node would.
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * n));
        var ownTwins = scratch.OwnTwins.AsSpan(0, size);
        ownTwins.Fill(-1);
        int mask = size - 1;
        for (int i = n - 1; i >= 0; i--)
        {
            var instruction = program[i];
            (next[i], other[i]) = ClassOf(instruction.Code) switch
            {
                Ret => (-1, -1),
                Jmp => (twin[i + 1 + instruction.Jt], twin[i + 1 + instruction.Jf]),
                _ => (twin[i + 1], -1),
            };
            twin[i] = i;
            int slot = ShortenTailMerging.Slot(instruction, next[i], other[i], mask);
            for (int j; (j = ownTwins[slot]) >= 0; slot = (slot + 1) & mask)
            {
                if (program[j].Code == instruction.Code && program[j].K == instruction.K && next[j] == next[i] && other[j] == other[i])
                {
                    twin[i] = j;
                    any = true;
                    break;
                }
            }
            if (twin[i] == i)
                ownTwins[slot] = i;
        }
        if (!any)
            return false;
        for (int x = 0; x < n; x++)
        {
            int y = twin[x];
            if (y == x)
                continue;
            var instruction = program[x];
            var twinInstruction = program[y];
            if (ClassOf(instruction.Code) != Jmp
                || x + 1 + instruction.Jt != y + 1 + twinInstruction.Jt || x + 1 + instruction.Jf != y + 1 + twinInstruction.Jf
                || x == 0 || ClassOf(program[x - 1].Code) is Jmp or Ret || twin[x - 1] != x - 1
                || y - 1 == x || twin[y - 1] != y - 1)
                return true;
        }
        for (int j = 0; j < n; j++)
        {
            var instruction = program[j];
            if (twin[j] == j && ClassOf(instruction.Code) == Jmp && twin[j + 1 + instruction.Jt] == twin[j + 1 + instruction.Jf])
                return true;
        }
        return false;
    }
}
