using System.Runtime.CompilerServices;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// What the shortening passes know at one point of every path through it: the value number in A, X and each scratch
/// word, ranges for some values, and how many packet bytes every path has loaded. Owned by one point at a time:
/// changed in place, cloned only where a path forks.
/// </summary>
internal sealed class ShortenState
{
    /// <summary>Register slots: A, X, then the scratch words.</summary>
    public const int A = 0, X = 1, Memory = 2, RegisterCount = Memory + MemoryWords;

    // Facts beyond this many (shadowed ones included) are compacted to the newest distinct ones.
    private const int MaxFacts = 24;

    // Facts form a shared, immutable list, newest first: a fork shares it, a refinement adds one node in front.
    private sealed class Fact(int value, ShortenRange range, Fact? older, int count)
    {
        public int Value { get; } = value;
        public ShortenRange Range { get; } = range;
        public Fact? Older { get; } = older;
        public int Count { get; } = count;
    }

    // The registers inside the state: a fork allocates one object, not an object and an array.
    [InlineArray(RegisterCount)]
    private struct Registers
    {
        private int element;
    }

    private Registers registers;
    private Fact? facts;

    private ShortenState(in Registers registers, Fact? facts, uint knownLength)
    {
        this.registers = registers;
        this.facts = facts;
        KnownLength = knownLength;
    }

    /// <summary>How many bytes of the packet every path here has loaded successfully: loads within them cannot fail.</summary>
    public uint KnownLength { get; private set; }

    /// <summary>The state on entry: A and X are 0 (every machine clears them), scratch memory unknown.</summary>
    public static ShortenState Entry(ShortenValues values)
    {
        var registers = new Registers();
        ((Span<int>)registers).Fill(ShortenValues.Unknown);
        registers[A] = registers[X] = values.Constant(0);
        return new ShortenState(registers, null, 0);
    }

    /// <summary>The value number in register slot <paramref name="register"/>.</summary>
    public int this[int register]
    {
        get => registers[register];
        set => registers[register] = value;
    }

    /// <summary>A copy for the other side of a fork.</summary>
    public ShortenState Clone() => new(registers, facts, KnownLength);

    /// <summary>A copy for the other side of a fork in <paramref name="reused"/>, a state no point owns any more.</summary>
    public ShortenState CloneInto(ShortenState reused)
    {
        reused.registers = registers;
        reused.facts = facts;
        reused.KnownLength = KnownLength;
        return reused;
    }

    /// <summary>Records that the packet holds at least <paramref name="length"/> bytes.</summary>
    public void Loaded(uint length) => KnownLength = Math.Max(KnownLength, length);

    /// <summary>Everything known about <paramref name="value"/> here.</summary>
    public ShortenRange RangeOf(int value, ShortenValues values) => Find(facts, value)?.Range ?? values.RangeOf(value);

    /// <summary>Whether a jump has tested <paramref name="value"/> on every path here (so it was loaded on each).</summary>
    public bool Knows(int value) => Find(facts, value) is not null;

    /// <summary>Records <paramref name="range"/> as everything known about <paramref name="value"/>.</summary>
    public void Know(int value, ShortenRange range)
    {
        if (value == ShortenValues.Unknown)
            return;
        facts = new Fact(value, range, facts, (facts?.Count ?? 0) + 1);
        if (facts.Count > 2 * MaxFacts)
            facts = Compact(facts);
    }

    private static Fact? Find(Fact? list, int value)
    {
        for (var fact = list; fact is not null; fact = fact.Older)
            if (fact.Value == value)
                return fact;
        return null;
    }

    // The newest distinct facts (at most MaxFacts), in the same order.
    private static Fact? Compact(Fact? list)
    {
        Span<int> seen = stackalloc int[MaxFacts];
        var kept = new Fact[MaxFacts];
        int count = 0;
        for (var fact = list; fact is not null && count < MaxFacts; fact = fact.Older)
        {
            if (seen[..count].Contains(fact.Value))
                continue;
            seen[count] = fact.Value;
            kept[count++] = fact;
        }
        Fact? rebuilt = null;
        int length = 0;
        for (int i = count - 1; i >= 0; i--)
            rebuilt = new Fact(kept[i].Value, kept[i].Range, rebuilt, ++length);
        return rebuilt;
    }

    /// <summary>Keeps, in place, only what also holds on <paramref name="other"/>'s paths, at node <paramref name="node"/>.</summary>
    public void MeetWith(ShortenState other, int node, ShortenValues values)
    {
        for (int r = 0; r < RegisterCount; r++)
        {
            int mine = registers[r], theirs = other.registers[r];
            if (mine != theirs)
                registers[r] = mine == ShortenValues.Unknown || theirs == ShortenValues.Unknown ? ShortenValues.Unknown : values.Merge(node, r);
        }
        if (!ReferenceEquals(facts, other.facts))
            facts = MeetFacts(facts, other.facts);
        KnownLength = Math.Min(KnownLength, other.KnownLength);
    }

    // The facts about values both lists know, each the union of the two ranges. The part both lists share (the facts
    // from before the paths forked) is kept as it is: a fact about a value stays true downstream, and a later fact on
    // either side only narrows it, so the shared one already covers both paths.
    private static Fact? MeetFacts(Fact? mine, Fact? theirs)
    {
        if (mine is null || theirs is null)
            return null;
        var shared = SharedTail(mine, theirs);
        Span<int> seen = stackalloc int[MaxFacts];
        Span<(int Value, ShortenRange Range)> kept = stackalloc (int, ShortenRange)[MaxFacts];
        int count = 0;
        for (var fact = mine; fact is not null && !ReferenceEquals(fact, shared) && count < MaxFacts; fact = fact.Older)
        {
            // Only the newest fact about a value counts; older ones are shadowed.
            if (seen[..count].Contains(fact.Value))
                continue;
            if (Find(theirs, fact.Value) is { } other)
            {
                seen[count] = fact.Value;
                kept[count++] = (fact.Value, fact.Range.Union(other.Range));
            }
        }
        var merged = shared;
        for (int i = count - 1; i >= 0; i--)
            merged = new Fact(kept[i].Value, kept[i].Range, merged, (merged?.Count ?? 0) + 1);
        return merged;
    }

    // The longest tail the two lists share, node for node.
    private static Fact? SharedTail(Fact? mine, Fact? theirs)
    {
        while (mine is not null && theirs is not null && !ReferenceEquals(mine, theirs))
        {
            if (mine.Count >= theirs.Count)
                mine = mine.Older;
            else
                theirs = theirs.Older;
        }
        return ReferenceEquals(mine, theirs) ? mine : null;
    }
}
