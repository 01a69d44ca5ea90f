using Pcap.Filter.Bpf;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// The shortening passes' own view of a finished program: one node per instruction, edges only forward (a DAG whose
/// index order is topological). A pass never deletes a node; it marks it skipped, a no-op that continues at
/// <see cref="Next"/>, and <see cref="Emit"/> lays out only the nodes still reachable, with fresh jump offsets.
/// </summary>
internal sealed class ShortenGraph
{
    private ShortenGraph(BpfInstruction[] instructions)
    {
        Instructions = instructions;
        Next = new int[instructions.Length];
        Other = new int[instructions.Length];
        Skipped = new bool[instructions.Length];
        CannotFail = new bool[instructions.Length];
    }

    /// <summary>Packet loads that every path reaches with the bytes they read already known present.</summary>
    public bool[] CannotFail { get; }

    /// <summary>Whether <paramref name="node"/> is <c>ret #0</c>, the answer a failed load also gives.</summary>
    public bool ReturnsZero(int node) => Instructions[node] is { Code: Ret | BpfOpcodes.K, K: 0 } && !Skipped[node];

    /// <summary>The original instruction of each node (its jump offsets are stale once edges move).</summary>
    public BpfInstruction[] Instructions { get; }

    /// <summary>A statement's successor, a conditional jump's true target, a skipped node's continuation; -1 after a return.</summary>
    public int[] Next { get; }

    /// <summary>A conditional jump's false target; -1 for every other node.</summary>
    public int[] Other { get; }

    /// <summary>Nodes that do nothing (removed statements, decided jumps, merged duplicates, <c>ja</c>).</summary>
    public bool[] Skipped { get; }

    /// <summary>Whether a pass has skipped a node or moved an edge since the graph was built.</summary>
    public bool Changed { get; set; }

    /// <summary>The number of nodes.</summary>
    public int Count => Instructions.Length;

    /// <summary>A copy whose edges and marks can change without touching this graph.</summary>
    public ShortenGraph Clone()
    {
        var copy = new ShortenGraph(Instructions);
        Array.Copy(Next, copy.Next, Count);
        Array.Copy(Other, copy.Other, Count);
        Array.Copy(Skipped, copy.Skipped, Count);
        Array.Copy(CannotFail, copy.CannotFail, Count);
        return copy;
    }

    /// <summary>Builds the graph of <paramref name="program"/>; null when it jumps backwards or out of range.</summary>
    public static ShortenGraph? From(BpfInstruction[] program)
    {
        var graph = new ShortenGraph(program);
        for (int i = 0; i < program.Length; i++)
        {
            (graph.Next[i], graph.Other[i]) = Successors(program[i], i);
            graph.Skipped[i] = program[i].Code == (Jmp | Ja);
            if (graph.Next[i] >= program.Length || graph.Other[i] >= program.Length)
                return null;
        }
        return graph;
    }

    /// <summary>
    /// Where the instruction at <paramref name="index"/> goes next (-1 after a return) and, for a conditional jump, where
    /// else (-1 otherwise); a <c>ja</c> past <see cref="int.MaxValue"/> goes to <see cref="int.MaxValue"/>, out of any program.
    /// </summary>
    public static (int Next, int Other) Successors(BpfInstruction instruction, int index) => ClassOf(instruction.Code) switch
    {
        Ret => (-1, -1),
        Jmp when instruction.Code == (Jmp | Ja) => (index + 1 + (int)Math.Min(instruction.K, int.MaxValue - index - 1), -1),
        Jmp => (index + 1 + instruction.Jt, index + 1 + instruction.Jf),
        _ => (index + 1, -1),
    };

    /// <summary>Whether node <paramref name="node"/> is a conditional jump.</summary>
    public bool IsConditional(int node) => Other[node] >= 0;

    /// <summary>Whether node <paramref name="node"/> is a return.</summary>
    public bool IsReturn(int node) => Next[node] < 0;

    /// <summary>The first node that does something, starting at <paramref name="node"/> (follows skipped nodes).</summary>
    public int Resolve(int node)
    {
        while (Skipped[node])
            node = Next[node];
        return node;
    }

    /// <summary>Marks <paramref name="node"/> as a no-op continuing at <paramref name="continuation"/> (always further on).</summary>
    public void Skip(int node, int continuation)
    {
        Skipped[node] = true;
        Changed = true;
        Next[node] = continuation;
        Other[node] = -1;
    }

    /// <summary>Turns every conditional jump whose two targets are the same node into a no-op.</summary>
    public void SkipJumpsWithOneTarget()
    {
        for (int i = Count - 1; i >= 0; i--)
            if (!Skipped[i] && IsConditional(i) && Resolve(Next[i]) == Resolve(Other[i]))
                Skip(i, Resolve(Next[i]));
    }

    /// <summary>Marks, in the first <see cref="Count"/> of <paramref name="reachable"/>, the live nodes reachable from the entry.</summary>
    public void MarkReachable(bool[] reachable)
    {
        Array.Clear(reachable, 0, Count);
        reachable[Resolve(0)] = true;
        for (int i = 0; i < Count; i++)
        {
            if (!reachable[i])
                continue;
            if (Next[i] >= 0)
                reachable[Resolve(Next[i])] = true;
            if (Other[i] >= 0)
                reachable[Resolve(Other[i])] = true;
        }
    }

    /// <summary>
    /// Lays out the reachable live nodes in index order, adding a <c>ja</c> after a statement whose successor is not
    /// laid out next, and a <c>ja</c> trampoline right after a conditional jump for each target further than 255
    /// instructions. Returns null when trampolines would not settle (the caller keeps the original program), or when
    /// the program would not be shorter than <paramref name="shorterThan"/> instructions (then it is not written).
    /// </summary>
    public BpfInstruction[]? Emit(int shorterThan = int.MaxValue)
    {
        const int MaxLayouts = 8;
        SkipJumpsWithOneTarget();
        var scratch = Scratch.For(Count);
        var reachable = scratch.Reachable;
        MarkReachable(reachable);
        var position = scratch.Position;
        var needsJump = scratch.NeedsJump;
        // Per conditional jump: bit 0, its true target goes through a trampoline; bit 1, its false target does.
        var trampolines = scratch.Trampolines;
        Array.Clear(trampolines, 0, Count);
        for (int layout = 0; layout < MaxLayouts; layout++)
        {
            int length = Layout(reachable, position, needsJump, trampolines);
            // Trampolines only lengthen the program.
            if (length >= shorterThan)
                return null;
            if (!AddTrampolines(reachable, position, trampolines))
                return Write(length, reachable, position, needsJump, trampolines);
        }
        return null;
    }

    /// <summary>
    /// Per-thread work arrays of at least a graph's size, reused by one step at a time (a layout, a merge, a search for
    /// twins, a pass's walk) instead of allocated per call; their contents mean nothing between steps.
    /// </summary>
    internal sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? forThisThread;

        public bool[] Reachable { get; private set; } = [];
        public int[] Position { get; private set; } = [];
        public bool[] NeedsJump { get; private set; } = [];
        public byte[] Trampolines { get; private set; } = [];
        public int[] Counts { get; private set; } = [];
        public int[] OtherCounts { get; private set; } = [];
        public bool[] Marks { get; private set; } = [];
        public ShortenState?[] States { get; private set; } = [];
        public int[] Table { get; private set; } = [];
        // Known-outcome threading's states that no point owns any more, reused for its forks (kept across calls).
        public Stack<ShortenState> Released { get; } = new();

        /// <summary>This thread's arrays, grown to hold <paramref name="count"/> nodes.</summary>
        public static Scratch For(int count)
        {
            var scratch = forThisThread ??= new Scratch();
            if (scratch.Reachable.Length < count)
            {
                int size = Math.Max(count, 2 * scratch.Reachable.Length);
                scratch.Reachable = new bool[size];
                scratch.Position = new int[size];
                scratch.NeedsJump = new bool[size];
                scratch.Trampolines = new byte[size];
                scratch.Counts = new int[size];
                scratch.OtherCounts = new int[size];
                scratch.Marks = new bool[size];
                scratch.States = new ShortenState?[size];
                // An open-addressing table at most half full.
                scratch.Table = new int[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(2 * size))];
            }
            return scratch;
        }
    }

    // Positions of the reachable nodes; a statement needs a ja unless its successor is the next node laid out.
    private int Layout(bool[] reachable, int[] position, bool[] needsJump, byte[] trampolines)
    {
        int length = 0, last = -1;
        for (int i = 0; i < Count; i++)
        {
            if (!reachable[i])
                continue;
            if (last >= 0 && needsJump[last])
            {
                if (Resolve(Next[last]) == i)
                    needsJump[last] = false;
                else
                    length++;
            }
            position[i] = length++;
            length += BitCount(trampolines[i]);
            needsJump[i] = !IsReturn(i) && !IsConditional(i);
            last = i;
        }
        return last >= 0 && needsJump[last] ? length + 1 : length;
    }

    // Marks the targets that are now out of a conditional jump's reach; false when there were none.
    private bool AddTrampolines(bool[] reachable, int[] position, byte[] trampolines)
    {
        bool added = false;
        for (int i = 0; i < Count; i++)
        {
            if (!reachable[i] || !IsConditional(i))
                continue;
            if ((trampolines[i] & 1) == 0 && position[Resolve(Next[i])] - position[i] - 1 > byte.MaxValue)
            {
                trampolines[i] |= 1;
                added = true;
            }
            if ((trampolines[i] & 2) == 0 && position[Resolve(Other[i])] - position[i] - 1 > byte.MaxValue)
            {
                trampolines[i] |= 2;
                added = true;
            }
        }
        return added;
    }

    private BpfInstruction[] Write(int length, bool[] reachable, int[] position, bool[] needsJump, byte[] trampolines)
    {
        var program = new BpfInstruction[length];
        for (int i = 0; i < Count; i++)
        {
            if (!reachable[i])
                continue;
            int at = position[i];
            var instruction = Instructions[i];
            if (IsConditional(i))
            {
                int whenTrue = position[Resolve(Next[i])], whenFalse = position[Resolve(Other[i])];
                int slot = at + 1;
                if ((trampolines[i] & 1) != 0)
                {
                    program[slot] = BpfInstruction.Statement(Jmp | Ja, (uint)(whenTrue - slot - 1));
                    whenTrue = slot++;
                }
                if ((trampolines[i] & 2) != 0)
                {
                    program[slot] = BpfInstruction.Statement(Jmp | Ja, (uint)(whenFalse - slot - 1));
                    whenFalse = slot;
                }
                program[at] = new BpfInstruction(instruction.Code, (byte)(whenTrue - at - 1), (byte)(whenFalse - at - 1), instruction.K);
                continue;
            }
            program[at] = instruction;
            if (needsJump[i])
                program[at + 1] = BpfInstruction.Statement(Jmp | Ja, (uint)(position[Resolve(Next[i])] - at - 2));
        }
        return program;
    }

    private static int BitCount(byte bits) => (bits & 1) + (bits >> 1);
}
