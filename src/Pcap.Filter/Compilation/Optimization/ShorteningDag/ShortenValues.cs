using Pcap.Filter.Bpf;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Value numbers for the shortening passes: equal numbers mean equal 32-bit values within one run of the program.
/// That holds because the packet never changes during a run: the same load (same offset, same X) or the same
/// operation on the same inputs always yields the same value, and it can only be in a register if it once succeeded.
/// </summary>
internal sealed class ShortenValues
{
    /// <summary>A value no other value is known to equal (uninitialized scratch memory, a random ancillary load).</summary>
    public const int Unknown = -1;

    private enum Kind : byte { Constant, Load, Length, HeaderLength, Operation }

    // Merge numbers are computed, not looked up (merges are the most frequent numbering): above every table number.
    private const int FirstMerge = 1 << 24;

    private readonly record struct Key(Kind Kind, ushort Code, uint K, int Left, int Right);

    private readonly Dictionary<Key, int> numbers = [];
    private readonly List<Key> keys = [];

    [ThreadStatic]
    private static ShortenValues? forThisThread;

    /// <summary>This thread's table, emptied: compiles on one thread reuse its storage instead of allocating.</summary>
    public static ShortenValues ForThisThread()
    {
        // Clearing costs the table's capacity: after a very long program, start afresh instead.
        if (forThisThread is null || forThisThread.keys.Count > 1024)
            return forThisThread = new ShortenValues();
        forThisThread.numbers.Clear();
        forThisThread.keys.Clear();
        return forThisThread;
    }

    /// <summary>The number of the constant <paramref name="value"/>.</summary>
    public int Constant(uint value) => Number(new Key(Kind.Constant, 0, value, 0, 0));

    /// <summary>The number of a packet or ancillary load (<paramref name="x"/>: X's number for an indexed load).</summary>
    public int Load(ushort code, uint k, int x)
    {
        if (ModeOf(code) == Ind && x == Unknown)
            return Unknown;
        // The kernel's random ancillary field changes on every read.
        if (ModeOf(code) == Abs && k == BpfAncillary.Offset + BpfAncillary.Random)
            return Unknown;
        return Number(new Key(Kind.Load, code, k, ModeOf(code) == Ind ? x : 0, 0));
    }

    /// <summary>The number of the packet's wire length.</summary>
    public int Length() => Number(new Key(Kind.Length, 0, 0, 0, 0));

    /// <summary>The number of <c>4*([k]&amp;0xf)</c>.</summary>
    public int HeaderLength(uint k) => Number(new Key(Kind.HeaderLength, 0, k, 0, 0));

    /// <summary>The number of the value a register has at a merge point where its predecessors disagree.</summary>
    public int Merge(int node, int register) => FirstMerge + node * ShortenState.RegisterCount + register;

    /// <summary>The number of the ALU operation <paramref name="operation"/> on two numbered values, folded when both are constants.</summary>
    public int Operation(ushort operation, int left, int right)
    {
        if (left == Unknown || (operation != Neg && right == Unknown))
            return Unknown;
        if (TryGetConstant(left, out uint a) && (operation == Neg || TryGetConstant(right, out _)))
        {
            TryGetConstant(right, out uint b);
            // Division by zero and shifts by 32 or more are left unfolded: BPF's readers disagree on them.
            if (BpfArithmetic.TryApply(operation, a, b, out uint value))
                return Constant(value);
        }
        return Number(new Key(Kind.Operation, operation, 0, left, operation == Neg ? 0 : right));
    }

    /// <summary>Whether <paramref name="number"/> is a constant, and which.</summary>
    public bool TryGetConstant(int number, out uint value)
    {
        value = 0;
        if (number == Unknown || number >= FirstMerge || keys[number].Kind != Kind.Constant)
            return false;
        value = keys[number].K;
        return true;
    }

    /// <summary>What the value's own definition says about it: a byte load is below 256, <c>and #k</c> clears ~k, ...</summary>
    public ShortenRange RangeOf(int number)
    {
        if (number == Unknown || number >= FirstMerge)
            return ShortenRange.Full;
        var key = keys[number];
        switch (key.Kind)
        {
            case Kind.Constant:
                return ShortenRange.Exactly(key.K);
            case Kind.Load:
                return RangeOfLoad(key.Code, key.K);
            case Kind.HeaderLength:
                return ShortenRange.Full with { Hi = 60, Zeros = ~0x3cu };
            case Kind.Operation when TryGetConstant(key.Right, out uint k):
                return RangeOfOperation(key.Code, k);
            default:
                return ShortenRange.Full;
        }
    }

    /// <summary>What a packet or ancillary load <paramref name="code"/> of <paramref name="k"/> can yield: its size bounds it.</summary>
    public static ShortenRange RangeOfLoad(ushort code, uint k) =>
        ModeOf(code) == Abs && k >= BpfAncillary.Offset ? ShortenRange.Full : SizeOf(code) switch
        {
            B => ShortenRange.Full with { Hi = 0xff, Zeros = ~0xffu },
            H => ShortenRange.Full with { Hi = 0xffff, Zeros = ~0xffffu },
            _ => ShortenRange.Full,
        };

    /// <summary>What ALU <paramref name="operation"/> with the constant <paramref name="k"/> can yield, whatever A was.</summary>
    public static ShortenRange RangeOfOperation(ushort operation, uint k) => operation switch
    {
        And => ShortenRange.Full with { Hi = k, Zeros = ~k },
        Or => ShortenRange.Full with { Lo = k, Ones = k },
        Rsh when k < 32 => ShortenRange.Full with { Hi = uint.MaxValue >> (int)k, Zeros = ~(uint.MaxValue >> (int)k) },
        Lsh when k < 32 => ShortenRange.Full with { Zeros = (1u << (int)k) - 1 },
        _ => ShortenRange.Full,
    };

    private int Number(Key key)
    {
        if (!numbers.TryGetValue(key, out int number))
        {
            number = keys.Count;
            keys.Add(key);
            numbers.Add(key, number);
        }
        return number;
    }
}
