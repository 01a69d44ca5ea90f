using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// What the shortening passes know at one point of every path through it: the value number in A, X and each scratch
/// word, and ranges for some values. Immutable: every change makes a new state.
/// </summary>
internal sealed class ShortenState
{
    /// <summary>Register slots: A, X, then the scratch words.</summary>
    public const int A = 0, X = 1, Memory = 2, RegisterCount = Memory + MemoryWords;

    private const int MaxFacts = 24;

    private readonly int[] registers;
    private readonly (int Value, ShortenRange Range)[] facts;

    private ShortenState(int[] registers, (int, ShortenRange)[] facts, uint knownLength)
    {
        this.registers = registers;
        this.facts = facts;
        KnownLength = knownLength;
    }

    /// <summary>How many bytes of the packet every path here has loaded successfully: loads within them cannot fail.</summary>
    public uint KnownLength { get; }

    /// <summary>The state on entry: A and X are 0 (every machine clears them), scratch memory unknown.</summary>
    public static ShortenState Entry(ShortenValues values)
    {
        var registers = new int[RegisterCount];
        Array.Fill(registers, ShortenValues.Unknown);
        registers[A] = registers[X] = values.Constant(0);
        return new ShortenState(registers, [], 0);
    }

    /// <summary>The value number in register slot <paramref name="register"/>.</summary>
    public int this[int register] => registers[register];

    /// <summary>This state with <paramref name="register"/> holding <paramref name="value"/>.</summary>
    public ShortenState With(int register, int value)
    {
        var copy = (int[])registers.Clone();
        copy[register] = value;
        return new ShortenState(copy, facts, KnownLength);
    }

    /// <summary>This state knowing that the packet holds at least <paramref name="length"/> bytes.</summary>
    public ShortenState Loaded(uint length) =>
        length <= KnownLength ? this : new ShortenState(registers, facts, length);

    /// <summary>Everything known about <paramref name="value"/> here.</summary>
    public ShortenRange RangeOf(int value, ShortenValues values)
    {
        foreach (var (known, range) in facts)
            if (known == value)
                return range;
        return values.RangeOf(value);
    }

    /// <summary>This state knowing <paramref name="range"/> about <paramref name="value"/>.</summary>
    public ShortenState Knowing(int value, ShortenRange range)
    {
        if (value == ShortenValues.Unknown)
            return this;
        int index = Array.FindIndex(facts, f => f.Value == value);
        (int, ShortenRange)[] updated;
        if (index >= 0)
            updated = (((int, ShortenRange)[])facts.Clone());
        else
        {
            // Full: forget the oldest fact.
            int drop = facts.Length >= MaxFacts ? 1 : 0;
            updated = new (int, ShortenRange)[facts.Length - drop + 1];
            Array.Copy(facts, drop, updated, 0, facts.Length - drop);
            index = updated.Length - 1;
        }
        updated[index] = (value, range);
        return new ShortenState(registers, updated, KnownLength);
    }

    /// <summary>What holds on both this path and <paramref name="other"/>, at node <paramref name="node"/>.</summary>
    public ShortenState Meet(ShortenState other, int node, ShortenValues values)
    {
        if (ReferenceEquals(this, other))
            return this;
        var merged = new int[RegisterCount];
        for (int r = 0; r < RegisterCount; r++)
        {
            int mine = registers[r], theirs = other.registers[r];
            merged[r] = mine == theirs ? mine
                : mine == ShortenValues.Unknown || theirs == ShortenValues.Unknown ? ShortenValues.Unknown
                : values.Merge(node, r);
        }
        var common = new List<(int, ShortenRange)>();
        foreach (var (value, range) in facts)
            foreach (var (otherValue, otherRange) in other.facts)
                if (otherValue == value)
                    common.Add((value, range.Union(otherRange)));
        return new ShortenState(merged, [.. common], Math.Min(KnownLength, other.KnownLength));
    }
}
