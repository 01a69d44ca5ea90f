using System.Runtime.InteropServices;
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

    // The numbers by key: an open-addressing table of numbers (-1 empty), at most half full; `keys` holds their keys.
    private int[] numbers = NewTable(64);
    private readonly List<Key> keys = [];

    [ThreadStatic]
    private static ShortenValues? forThisThread;

    /// <summary>This thread's table, emptied: compiles on one thread reuse its storage instead of allocating.</summary>
    public static ShortenValues ForThisThread()
    {
        // After a very long program, start afresh rather than keep its large table.
        if (forThisThread is null || forThisThread.keys.Count > 1024)
            return forThisThread = new ShortenValues();
        forThisThread.Clear();
        return forThisThread;
    }

    // Empties the slots the numbers use, newest first, at a cost in the numbers used rather than the table's size: a
    // key's probe from its home slot only crossed slots of older keys, which are still in place when it is cleared.
    private void Clear()
    {
        var known = CollectionsMarshal.AsSpan(keys);
        int mask = numbers.Length - 1;
        for (int number = known.Length - 1; number >= 0; number--)
        {
            int slot = Slot(known[number], mask);
            while (numbers[slot] != number)
                slot = (slot + 1) & mask;
            numbers[slot] = -1;
        }
        keys.Clear();
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
        var known = CollectionsMarshal.AsSpan(keys);
        int mask = numbers.Length - 1;
        int slot = Slot(key, mask);
        for (int number; (number = numbers[slot]) >= 0; slot = (slot + 1) & mask)
            if (known[number] == key)
                return number;
        int added = keys.Count;
        keys.Add(key);
        numbers[slot] = added;
        if (2 * keys.Count > numbers.Length)
            Grow();
        return added;
    }

    // Twice the slots, the numbers inserted again in their order (which Clear relies on).
    private void Grow()
    {
        numbers = NewTable(2 * numbers.Length);
        int mask = numbers.Length - 1;
        var known = CollectionsMarshal.AsSpan(keys);
        for (int number = 0; number < known.Length; number++)
        {
            int slot = Slot(known[number], mask);
            while (numbers[slot] >= 0)
                slot = (slot + 1) & mask;
            numbers[slot] = number;
        }
    }

    private static int[] NewTable(int size)
    {
        var table = new int[size];
        Array.Fill(table, -1);
        return table;
    }

    private static int Slot(in Key key, int mask)
    {
        uint hash = (uint)key.Kind * 0x27D4EB2Fu ^ (uint)key.Code * 0x9E3779B1u ^ key.K * 0x85EBCA77u
            ^ (uint)key.Left * 0xC2B2AE3Du ^ (uint)key.Right * 0x165667B1u;
        return (int)(hash ^ (hash >> 15)) & mask;
    }
}
