using System.Runtime.CompilerServices;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// What the shortening passes know about one 32-bit value: a superset of the values it can have, as an interval, bits
/// known set and known clear, at most a few listed values, and a few excluded ones. Deciding a jump only ever asks
/// "can this outcome happen?", so a superset is always sound. A plain value type: no allocation.
/// </summary>
internal struct ShortenRange
{
    private const int MaxListed = 4;

    [InlineArray(MaxListed)]
    private struct Four
    {
        private uint element;
    }

    private Four values, excluded;
    private int valueCount, excludedCount;
    private bool listed;

    /// <summary>The least value possible.</summary>
    public uint Lo;

    /// <summary>The greatest value possible.</summary>
    public uint Hi;

    /// <summary>Bits known to be set.</summary>
    public uint Ones;

    /// <summary>Bits known to be clear.</summary>
    public uint Zeros;

    /// <summary>Any value.</summary>
    public static ShortenRange Full => new() { Hi = uint.MaxValue };

    /// <summary>Exactly <paramref name="value"/>.</summary>
    public static ShortenRange Exactly(uint value)
    {
        var range = new ShortenRange { Lo = value, Hi = value, Ones = value, Zeros = ~value, listed = true, valueCount = 1 };
        range.values[0] = value;
        return range;
    }

    /// <summary>The one value this range allows, when it allows only one.</summary>
    public readonly bool TryGetSingle(out uint value)
    {
        value = Math.Max(Lo, Ones);
        if ((Ones | Zeros) == uint.MaxValue)
            return Contains(Ones);
        if (Lo == Hi)
            return Contains(Lo);
        if (!listed)
            return false;
        int count = 0;
        for (int i = 0; i < valueCount; i++)
            if (Admits(values[i]))
            {
                value = values[i];
                count++;
            }
        return count == 1;
    }

    /// <summary>Whether <paramref name="value"/> may be the value.</summary>
    public readonly bool Contains(uint value) => Admits(value) && (!listed || IndexOf(values, valueCount, value) >= 0);

    /// <summary>Whether a conditional jump <paramref name="operation"/> against <paramref name="k"/> can be true, and can be false.</summary>
    public readonly (bool CanBeTrue, bool CanBeFalse) Outcomes(ushort operation, uint k)
    {
        if (listed)
        {
            bool canBeTrue = false, canBeFalse = false;
            for (int i = 0; i < valueCount; i++)
                if (Admits(values[i]))
                {
                    if (Holds(operation, values[i], k)) canBeTrue = true;
                    else canBeFalse = true;
                }
            return (canBeTrue, canBeFalse);
        }
        if (TryGetSingle(out uint only))
            return Holds(operation, only, k) ? (true, false) : (false, true);
        uint least = Math.Max(Lo, Ones), most = Math.Min(Hi, ~Zeros);
        return operation switch
        {
            Jeq => (Contains(k), true),
            Jgt => (most > k, least <= k),
            Jge => (most >= k, least < k),
            Jset => ((k & ~Zeros) != 0, (k & Ones) == 0),
            _ => (true, true),
        };
    }

    /// <summary>This range narrowed by knowing that the jump <paramref name="operation"/> against <paramref name="k"/> went <paramref name="outcome"/>.</summary>
    public readonly ShortenRange Refine(ushort operation, uint k, bool outcome)
    {
        var refined = this;
        switch (operation, outcome)
        {
            case (Jeq, true):
                refined.Lo = Math.Max(Lo, k);
                refined.Hi = Math.Min(Hi, k);
                break;
            case (Jeq, false):
                refined.Exclude(k);
                break;
            case (Jgt, true):
                if (k == uint.MaxValue) refined.MakeEmpty();
                else refined.Lo = Math.Max(Lo, k + 1);
                break;
            case (Jgt, false):
                refined.Hi = Math.Min(Hi, k);
                break;
            case (Jge, true):
                refined.Lo = Math.Max(Lo, k);
                break;
            case (Jge, false):
                if (k == 0) refined.MakeEmpty();
                else refined.Hi = Math.Min(Hi, k - 1);
                break;
            case (Jset, true):
                if ((k & (k - 1)) == 0) refined.Ones |= k;
                break;
            case (Jset, false):
                refined.Zeros |= k;
                break;
        }
        if (refined.listed)
        {
            int count = 0;
            for (int i = 0; i < refined.valueCount; i++)
                if (refined.Admits(refined.values[i]) && Holds(operation, refined.values[i], k) == outcome)
                    refined.values[count++] = refined.values[i];
            refined.valueCount = count;
        }
        return refined;
    }

    /// <summary>The values either range allows (a superset of their union).</summary>
    public readonly ShortenRange Union(in ShortenRange other)
    {
        var union = new ShortenRange
        {
            Lo = Math.Min(Lo, other.Lo), Hi = Math.Max(Hi, other.Hi), Ones = Ones & other.Ones, Zeros = Zeros & other.Zeros,
        };
        if (listed && other.listed)
        {
            union.listed = true;
            for (int i = 0; i < valueCount + other.valueCount && union.listed; i++)
            {
                uint v = i < valueCount ? values[i] : other.values[i - valueCount];
                if (!(i < valueCount ? Admits(v) : other.Admits(v)) || IndexOf(union.values, union.valueCount, v) >= 0)
                    continue;
                if (union.valueCount == MaxListed)
                    union.listed = false;
                else
                    union.values[union.valueCount++] = v;
            }
            if (!union.listed)
                union.valueCount = 0;
        }
        for (int i = 0; i < excludedCount; i++)
            if (IndexOf(other.excluded, other.excludedCount, excluded[i]) >= 0)
                union.excluded[union.excludedCount++] = excluded[i];
        return union;
    }

    private readonly bool Admits(uint value) =>
        value >= Lo && value <= Hi && (value & Ones) == Ones && (value & Zeros) == 0 && IndexOf(excluded, excludedCount, value) < 0;

    private void Exclude(uint k)
    {
        if (Lo == k && k != uint.MaxValue)
            Lo = k + 1;
        else if (Hi == k && k != 0)
            Hi = k - 1;
        else if (!listed && excludedCount < MaxListed && IndexOf(excluded, excludedCount, k) < 0)
            excluded[excludedCount++] = k;
    }

    private void MakeEmpty()
    {
        Lo = 1;
        Hi = 0;
    }

    private static int IndexOf(in Four list, int count, uint value)
    {
        for (int i = 0; i < count; i++)
            if (list[i] == value)
                return i;
        return -1;
    }

    private static bool Holds(ushort operation, uint value, uint k) => operation switch
    {
        Jeq => value == k,
        Jgt => value > k,
        Jge => value >= k,
        Jset => (value & k) != 0,
        _ => false,
    };
}
