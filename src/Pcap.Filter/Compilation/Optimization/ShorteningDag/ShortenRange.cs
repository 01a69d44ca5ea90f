using System.Runtime.CompilerServices;
using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// What the shortening passes know about one 32-bit value: a superset of the values it can have, as an interval, bits
/// known set and known clear, and either at most a few listed values or a few excluded ones. Deciding a jump only ever
/// asks "can this outcome happen?", so a superset is always sound. A plain value type of 36 bytes: no allocation.
/// </summary>
internal struct ShortenRange
{
    private const int MaxListed = 4;

    [InlineArray(MaxListed)]
    private struct Four
    {
        private uint element;
    }

    // Listed: the values it can have (within the bounds); otherwise the values it cannot have. A listed range never
    // excludes (Exclude adds nothing to one and Union excludes only what both exclude), so one list serves both.
    private Four list;
    private byte count;
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
        var range = new ShortenRange { Lo = value, Hi = value, Ones = value, Zeros = ~value, listed = true, count = 1 };
        range.list[0] = value;
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
        int admitted = 0;
        for (int i = 0; i < count; i++)
            if (Admits(list[i]))
            {
                value = list[i];
                admitted++;
            }
        return admitted == 1;
    }

    /// <summary>Whether <paramref name="value"/> may be the value.</summary>
    public readonly bool Contains(uint value) => Admits(value) && (!listed || IndexOf(list, count, value) >= 0);

    /// <summary>Whether a conditional jump <paramref name="operation"/> against <paramref name="k"/> can be true, and can be false.</summary>
    public readonly (bool CanBeTrue, bool CanBeFalse) Outcomes(ushort operation, uint k)
    {
        if (listed)
        {
            bool canBeTrue = false, canBeFalse = false;
            for (int i = 0; i < count; i++)
                if (Admits(list[i]))
                {
                    if (Holds(operation, list[i], k)) canBeTrue = true;
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
            int kept = 0;
            for (int i = 0; i < refined.count; i++)
                if (refined.Admits(refined.list[i]) && Holds(operation, refined.list[i], k) == outcome)
                    refined.list[kept++] = refined.list[i];
            refined.count = (byte)kept;
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
            for (int i = 0; i < count + other.count && union.listed; i++)
            {
                uint v = i < count ? list[i] : other.list[i - count];
                if (!(i < count ? Admits(v) : other.Admits(v)) || IndexOf(union.list, union.count, v) >= 0)
                    continue;
                if (union.count == MaxListed)
                    union.listed = false;
                else
                    union.list[union.count++] = v;
            }
            if (!union.listed)
                union.count = 0;
        }
        else if (!listed && !other.listed)
        {
            // A listed range excludes nothing, so only two unlisted ones can both exclude a value.
            for (int i = 0; i < count; i++)
                if (IndexOf(other.list, other.count, list[i]) >= 0)
                    union.list[union.count++] = list[i];
        }
        return union;
    }

    private readonly bool Admits(uint value) =>
        value >= Lo && value <= Hi && (value & Ones) == Ones && (value & Zeros) == 0 && (listed || IndexOf(list, count, value) < 0);

    private void Exclude(uint k)
    {
        if (Lo == k && k != uint.MaxValue)
            Lo = k + 1;
        else if (Hi == k && k != 0)
            Hi = k - 1;
        else if (!listed && count < MaxListed && IndexOf(list, count, k) < 0)
            list[count++] = k;
    }

    private void MakeEmpty()
    {
        Lo = 1;
        Hi = 0;
    }

    private static int IndexOf(in Four values, int count, uint value)
    {
        for (int i = 0; i < count; i++)
            if (values[i] == value)
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
