using Pcap.Filter.Bpf;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// A few linear scans over a program's instructions that tell the shortening passes whether they can find anything:
/// most programs come back unchanged, and proving that here costs far less than a DAG, a value table and the passes.
/// "Nothing to thread or remove" is proved only for the simple shape where it can be: every value loaded once (no
/// reload, no copy through memory or between A and X, no constant, no <c>ja</c>, no X operand), so no statement can
/// rewrite a register with the value it holds; every jump on a value either its only test, or one of <c>jeq</c>s against
/// distinct constants, none on the true edge of another, so no earlier test decides it; no jump decided by what the
/// value's own load or operation bounds it to; no ALU operation on a tested value; and no statement whose result no path
/// reads. Anything else answers <see cref="Finding.Anything"/>, and the passes decide.
/// </summary>
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

    // A's value before anything is loaded: the constant 0.
    private const int Initial = -2, Unreached = -1;
    // Per node, about the value in A: a jump has tested it on some path here; a jeq's true edge pinned it.
    private const byte Tested = 1, Pinned = 2;
    // Live registers for the dead-store check, as ShortenDeadStores numbers them.
    private const byte LiveA = 1, LiveX = 2;
    // Beyond this many jumps and returns, twin tails are left to ShortenTailMerging.FindTwins (pairs are compared here).
    private const int MaxPairwise = 64;
    // Beyond this many tests of one value, the scan gives up (it compares their constants pairwise).
    private const int MaxTestsOfOneValue = 32;

    private sealed class Scratch
    {
        public int[] Definition = [];
        public byte[] Flags = [];
        public long[] Keys = [];
        public long[] Tests = [];
    }

    [ThreadStatic]
    private static Scratch? scratchForThisThread;

    /// <summary>What the passes can find in <paramref name="program"/>.</summary>
    public static Finding Scan(BpfInstruction[] program)
    {
        int n = program.Length;
        if (n == 0)
            return Finding.Anything;
        var scratch = scratchForThisThread ??= new Scratch();
        if (scratch.Definition.Length < n)
        {
            int size = Math.Max(n, 2 * scratch.Definition.Length);
            scratch.Definition = new int[size];
            scratch.Flags = new byte[size];
            scratch.Keys = new long[size];
            scratch.Tests = new long[3 * size];
        }
        if (!InRange(program))
            return Finding.Nothing; // ShortenGraph.From refuses it: the passes return it as it is.
        if (!LoadsEachValueOnce(program, scratch.Keys))
            return Finding.Anything;
        if (!NoTestDecided(program, scratch))
            return Finding.Anything;
        if (!EveryStatementRead(program, scratch.Flags))
            return Finding.Anything;
        return HasTwinTails(program) ? Finding.TwinTails : Finding.Nothing;
    }

    // Whether every edge stays inside the program (ShortenGraph.From's condition, ja aside).
    private static bool InRange(BpfInstruction[] program)
    {
        int n = program.Length;
        for (int i = 0; i < n; i++)
        {
            var instruction = program[i];
            switch (ClassOf(instruction.Code))
            {
                case Ret:
                    break;
                case Jmp when instruction.Code == (Jmp | Ja):
                    if ((ulong)i + 1 + instruction.K >= (ulong)n)
                        return false;
                    break;
                case Jmp:
                    if (i + 1 + Math.Max(instruction.Jt, instruction.Jf) >= n)
                        return false;
                    break;
                default:
                    if (i + 1 >= n)
                        return false;
                    break;
            }
        }
        return true;
    }

    // The simple shape: no ja, no memory, no tax/txa, no constant load, no X operand, and each load (packet,
    // ancillary, length, header length) at one place only, so equal value numbers come only from one node.
    private static bool LoadsEachValueOnce(BpfInstruction[] program, long[] keys)
    {
        int count = 0;
        foreach (var instruction in program)
        {
            ushort code = instruction.Code;
            switch (ClassOf(code))
            {
                case Ld when ModeOf(code) is Abs or Ind:
                case Ldx when ModeOf(code) == Msh:
                    keys[count++] = ((long)code << 32) | instruction.K;
                    break;
                case Ld when ModeOf(code) == Len:
                case Ldx when ModeOf(code) == Len:
                    // ld len and ldx len load the same value.
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
        var loaded = keys.AsSpan(0, count);
        loaded.Sort();
        for (int i = 1; i < loaded.Length; i++)
            if (loaded[i] == loaded[i - 1])
                return false;
        return true;
    }

    // One forward walk: which node defined A at each node (a node where different ones meet defines a fresh value, as
    // the passes' merge numbers do), whether a test there may already be decided, and each value's tests, both at the
    // jump and along each jump edge into it (known-outcome threading tries every edge's target with that edge's facts).
    private static bool NoTestDecided(BpfInstruction[] program, Scratch scratch)
    {
        int n = program.Length;
        var definition = scratch.Definition;
        var flags = scratch.Flags;
        var tests = scratch.Tests;
        int testCount = 0;
        Array.Fill(definition, Unreached, 0, n);
        definition[0] = Initial;
        flags[0] = 0;
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
                    if (defined == Initial || (flags[i] & Pinned) != 0)
                        return false;
                    int whenTrue = i + 1 + instruction.Jt, whenFalse = i + 1 + instruction.Jf;
                    // Both edges to one node: dead-store removal drops the jump.
                    if (whenTrue == whenFalse)
                        return false;
                    bool equality = OperationOf(instruction.Code) == Jeq;
                    tests[testCount++] = Test(defined, i);
                    if (IsConditional(program[whenTrue]))
                    {
                        if (equality)
                            return false;
                        tests[testCount++] = Test(defined, whenTrue);
                    }
                    if (IsConditional(program[whenFalse]))
                        tests[testCount++] = Test(defined, whenFalse);
                    byte tested = (byte)(flags[i] | Tested);
                    Flow(definition, flags, whenTrue, defined, equality ? (byte)(tested | Pinned) : tested, n);
                    Flow(definition, flags, whenFalse, defined, tested, n);
                    break;
                }
                case Alu:
                    // An operation on a tested value, or on one its definition pins, may fold to a constant.
                    if (defined == Initial || (flags[i] & Tested) != 0 || RangeOf(program, defined).TryGetSingle(out _))
                        return false;
                    Flow(definition, flags, i + 1, i, 0, n);
                    break;
                case Ld:
                    Flow(definition, flags, i + 1, i, 0, n);
                    break;
                default:
                    Flow(definition, flags, i + 1, defined, flags[i], n);
                    break;
            }
        }
        var all = tests.AsSpan(0, testCount);
        all.Sort();
        for (int start = 0; start < all.Length;)
        {
            int end = start + 1;
            while (end < all.Length && all[end] >> 32 == all[start] >> 32)
                end++;
            if (!NoneDecided(program, all[start..end]))
                return false;
            start = end;
        }
        return true;
    }

    private static long Test(int definition, int jump) => ((long)definition << 32) | (uint)jump;

    private static bool IsConditional(BpfInstruction instruction) =>
        ClassOf(instruction.Code) == Jmp && instruction.Code != (Jmp | Ja);

    private static void Flow(int[] definition, byte[] flags, int target, int defined, byte flag, int n)
    {
        if (definition[target] == Unreached)
        {
            definition[target] = defined;
            flags[target] = flag;
        }
        else if (definition[target] == defined)
            flags[target] |= flag;
        else
        {
            definition[target] = n + target;
            flags[target] = 0;
        }
    }

    // The tests of one value (sorted, possibly repeated): none decided by the value's bounds, and no two able to
    // decide each other (a lone test, or jeqs against distinct constants that leave at least two values possible).
    private static bool NoneDecided(BpfInstruction[] program, ReadOnlySpan<long> tests)
    {
        int defined = (int)(tests[0] >> 32);
        var range = RangeOf(program, defined);
        Span<uint> constants = stackalloc uint[MaxTestsOfOneValue];
        int count = 0, last = -1;
        foreach (long test in tests)
        {
            int jump = (int)test;
            if (jump == last)
                continue;
            last = jump;
            var instruction = program[jump];
            ushort operation = OperationOf(instruction.Code);
            var (canBeTrue, canBeFalse) = range.Outcomes(operation, instruction.K);
            if (canBeTrue != canBeFalse)
                return false;
            if (count == MaxTestsOfOneValue || (count > 0 && (operation != Jeq || OperationOf(program[(int)tests[0]].Code) != Jeq)))
                return false;
            if (constants[..count].Contains(instruction.K))
                return false;
            constants[count++] = instruction.K;
        }
        if (count < 2)
            return true;
        // Each other test's false edge excludes one value; at least two must stay, or the range pins a single one.
        ulong width = range.Hi >= range.Lo ? (ulong)range.Hi - range.Lo + 1 : 0;
        return width >= (ulong)count + 1 && (range.Ones | range.Zeros) != uint.MaxValue;
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

    // One backward walk of ShortenDeadStores' liveness: a statement whose result no path reads, or one followed by
    // ret #0, is a candidate for removal.
    private static bool EveryStatementRead(BpfInstruction[] program, byte[] live)
    {
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
                    if ((after & defines) == 0 || program[i + 1] is { Code: Ret | BpfOpcodes.K, K: 0 })
                        return false;
                    live[i] = (byte)((after & ~defines) | uses);
                    break;
                }
            }
        }
        return true;
    }

    // Whether two nodes do the same thing and continue at the same nodes: ShortenTailMerging.FindTwins finds twins
    // exactly then. Two statements never continue at the same node, so only jumps and returns are compared.
    private static bool HasTwinTails(BpfInstruction[] program)
    {
        int compared = 0;
        for (int i = 0; i < program.Length; i++)
        {
            var instruction = program[i];
            if (ClassOf(instruction.Code) is not (Ret or Jmp))
                continue;
            if (++compared > MaxPairwise)
                return true;
            for (int j = i + 1; j < program.Length; j++)
            {
                var other = program[j];
                if (other.Code != instruction.Code || other.K != instruction.K)
                    continue;
                if (ClassOf(instruction.Code) == Ret
                    || (i + 1 + instruction.Jt == j + 1 + other.Jt && i + 1 + instruction.Jf == j + 1 + other.Jf))
                    return true;
            }
        }
        return false;
    }
}
