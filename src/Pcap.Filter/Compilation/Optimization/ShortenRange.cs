using static Pcap.Filter.Bpf.BpfOpcodes;

namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// What the shortening passes know about one 32-bit value: a superset of the values it can have, as an interval, bits
/// known set and known clear, at most a few listed values, and a few excluded ones. Deciding a jump only ever asks
/// "can this outcome happen?", so a superset is always sound.
/// </summary>
internal readonly record struct ShortenRange(uint Lo, uint Hi, uint Ones, uint Zeros, uint[]? Values, uint[]? Excluded)
{
    private const int MaxListed = 4;

    /// <summary>Any value.</summary>
    public static ShortenRange Full => new(0, uint.MaxValue, 0, 0, null, null);

    /// <summary>Exactly <paramref name="value"/>.</summary>
    public static ShortenRange Exactly(uint value) => new(value, value, value, ~value, [value], null);

    /// <summary>The one value this range allows, when it allows only one.</summary>
    public bool TryGetSingle(out uint value)
    {
        value = Math.Max(Lo, Ones);
        if ((Ones | Zeros) == uint.MaxValue)
            return Contains(Ones);
        if (Lo == Hi)
            return Contains(Lo);
        if (Values is null)
            return false;
        int count = 0;
        foreach (uint v in Values)
            if (Contains(v))
            {
                value = v;
                count++;
            }
        return count == 1;
    }

    /// <summary>Whether <paramref name="value"/> may be the value (ignoring the listed values).</summary>
    private bool Admits(uint value) =>
        value >= Lo && value <= Hi && (value & Ones) == Ones && (value & Zeros) == 0 && (Excluded is null || Array.IndexOf(Excluded, value) < 0);

    /// <summary>Whether <paramref name="value"/> may be the value.</summary>
    public bool Contains(uint value) => Admits(value) && (Values is null || Array.IndexOf(Values, value) >= 0);

    /// <summary>Whether a conditional jump <paramref name="operation"/> against <paramref name="k"/> can be true, and can be false.</summary>
    public (bool CanBeTrue, bool CanBeFalse) Outcomes(ushort operation, uint k)
    {
        if (Values is not null)
        {
            bool canBeTrue = false, canBeFalse = false;
            foreach (uint v in Values)
                if (Admits(v))
                {
                    if (Holds(operation, v, k)) canBeTrue = true;
                    else canBeFalse = true;
                }
            return (canBeTrue, canBeFalse);
        }
        uint least = Math.Max(Lo, Ones), most = Math.Min(Hi, ~Zeros);
        return operation switch
        {
            Jeq => (Contains(k), !TryGetSingle(out uint single) || single != k),
            Jgt => (most > k, least <= k),
            Jge => (most >= k, least < k),
            Jset => ((k & ~Zeros) != 0, (k & Ones) == 0),
            _ => (true, true),
        };
    }

    /// <summary>This range narrowed by knowing that the jump <paramref name="operation"/> against <paramref name="k"/> went <paramref name="outcome"/>.</summary>
    public ShortenRange Refine(ushort operation, uint k, bool outcome)
    {
        var refined = (operation, outcome) switch
        {
            (Jeq, true) => this with { Lo = Math.Max(Lo, k), Hi = Math.Min(Hi, k) },
            (Jeq, false) => Exclude(k),
            (Jgt, true) => k == uint.MaxValue ? this with { Lo = 1, Hi = 0 } : this with { Lo = Math.Max(Lo, k + 1) },
            (Jgt, false) => this with { Hi = Math.Min(Hi, k) },
            (Jge, true) => this with { Lo = Math.Max(Lo, k) },
            (Jge, false) => k == 0 ? this with { Lo = 1, Hi = 0 } : this with { Hi = Math.Min(Hi, k - 1) },
            (Jset, true) => (k & (k - 1)) == 0 ? this with { Ones = Ones | k } : this,
            (Jset, false) => this with { Zeros = Zeros | k },
            _ => this,
        };
        if (refined.Values is null)
            return refined;
        int count = 0;
        Span<uint> kept = stackalloc uint[MaxListed];
        foreach (uint v in refined.Values)
            if (refined.Admits(v) && Holds(operation, v, k) == outcome && count < MaxListed)
                kept[count++] = v;
        return refined with { Values = kept[..count].ToArray() };
    }

    /// <summary>The values either range allows (a superset of their union).</summary>
    public ShortenRange Union(ShortenRange other)
    {
        uint[]? values = null;
        if (Values is not null && other.Values is not null)
        {
            Span<uint> union = stackalloc uint[2 * MaxListed];
            int count = 0;
            foreach (uint v in Values)
                if (Admits(v))
                    union[count++] = v;
            int own = count;
            foreach (uint v in other.Values)
                if (other.Admits(v) && union[..own].IndexOf(v) < 0)
                    union[count++] = v;
            values = count <= MaxListed ? union[..count].ToArray() : null;
        }
        uint[]? excluded = null;
        if (Excluded is not null && other.Excluded is not null)
        {
            Span<uint> both = stackalloc uint[MaxListed];
            int count = 0;
            foreach (uint v in Excluded)
                if (Array.IndexOf(other.Excluded, v) >= 0)
                    both[count++] = v;
            excluded = count > 0 ? both[..count].ToArray() : null;
        }
        return new(Math.Min(Lo, other.Lo), Math.Max(Hi, other.Hi), Ones & other.Ones, Zeros & other.Zeros, values, excluded);
    }

    private ShortenRange Exclude(uint k)
    {
        var range = this;
        if (range.Lo == k && k != uint.MaxValue)
            range = range with { Lo = k + 1 };
        else if (range.Hi == k && k != 0)
            range = range with { Hi = k - 1 };
        else if (range.Values is null && (range.Excluded?.Length ?? 0) < MaxListed && (range.Excluded is null || Array.IndexOf(range.Excluded, k) < 0))
            range = range with { Excluded = [.. range.Excluded ?? [], k] };
        return range;
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
