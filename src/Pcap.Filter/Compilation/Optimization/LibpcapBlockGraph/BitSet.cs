using System.Numerics;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>Fixed-size bit sets over 32-bit words, as libpcap's <c>uset</c> macros.</summary>
internal static class BitSet
{
    /// <summary>Words needed for ids 0..<paramref name="count"/> (libpcap rounds up by one whole word).</summary>
    public static int WordsFor(int count) => count / 32 + 1;

    /// <summary>True when <paramref name="id"/> is in <paramref name="set"/>.</summary>
    public static bool Contains(ReadOnlySpan<uint> set, int id) => (set[id >> 5] & (1u << (id & 31))) != 0;

    /// <summary>Adds <paramref name="id"/>.</summary>
    public static void Add(Span<uint> set, int id) => set[id >> 5] |= 1u << (id & 31);

    /// <summary>Within one slab of sets, adds <paramref name="id"/> to the set that starts at <paramref name="set"/>.</summary>
    public static void Add(Span<uint> slab, int set, int id) => slab[set + (id >> 5)] |= 1u << (id & 31);

    /// <summary><paramref name="target"/> := <paramref name="target"/> ∩ <paramref name="other"/>.</summary>
    public static void IntersectWith(Span<uint> target, ReadOnlySpan<uint> other)
    {
        for (int i = 0; i < target.Length; i++)
            target[i] &= other[i];
    }

    /// <summary>
    /// Within one slab of <paramref name="words"/>-word sets, the set at <paramref name="target"/> := itself ∩ the set at
    /// <paramref name="source"/>.
    /// </summary>
    public static void IntersectWith(Span<uint> slab, int target, int source, int words)
    {
        if (words == 1)
        {
            slab[target] &= slab[source];
            return;
        }
        IntersectWith(slab.Slice(target, words), slab.Slice(source, words));
    }

    /// <summary>Index of the lowest set bit of a non-zero word.</summary>
    public static int LowestBit(uint word) => BitOperations.TrailingZeroCount(word);
}
