namespace Pcap.Decode.Network;

/// <summary>
/// One type-length-value option as IPv4 and TCP carry them: types 0 (end of list) and 1 (no-op) are one byte, every
/// other type is followed by a length byte that counts the type and length bytes too.
/// </summary>
public readonly ref struct TlvOption
{
    private TlvOption(byte type, int offset, ReadOnlySpan<byte> bytes)
    {
        Type = type;
        Offset = offset;
        Bytes = bytes;
    }

    /// <summary>The option type (kind).</summary>
    public byte Type { get; }
    /// <summary>Where the option starts within the options.</summary>
    public int Offset { get; }
    /// <summary>The whole option, type and length bytes included.</summary>
    public ReadOnlySpan<byte> Bytes { get; }
    /// <summary>The option's length (1 for end-of-list and no-op).</summary>
    public int Length => Bytes.Length;
    /// <summary>The value after the type and length bytes (empty for one-byte options).</summary>
    public ReadOnlySpan<byte> Value => Bytes.Length > 2 ? Bytes[2..] : default;

    /// <summary>Reads the option at <paramref name="at"/> and sets <paramref name="next"/> past it; false at the end or at a bad length.</summary>
    internal static bool TryReadNext(ReadOnlySpan<byte> options, int at, string layer, out TlvOption option, out int next, out DecodeError error)
    {
        next = at;
        option = default;
        error = default;
        if (next >= options.Length)
            return false;
        byte type = options[next];
        if (type <= 1)
        {
            option = new TlvOption(type, next, options.Slice(next, 1));
            next++;
            return true;
        }
        if (next + 1 >= options.Length)
        {
            error = DecodeError.Truncated(layer, 2, options.Length - next);
            next = options.Length;
            return false;
        }
        int length = options[next + 1];
        if (length < 2)
        {
            error = DecodeError.Invalid(layer, 2, length);
            next = options.Length;
            return false;
        }
        if (next + length > options.Length)
        {
            error = DecodeError.Truncated(layer, length, options.Length - next);
            next = options.Length;
            return false;
        }
        option = new TlvOption(type, next, options.Slice(next, length));
        next += length;
        return true;
    }
}
