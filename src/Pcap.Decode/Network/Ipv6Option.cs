namespace Pcap.Decode.Network;

/// <summary>
/// One option of an IPv6 hop-by-hop or destination-options header (RFC 8200 section 4.2), or a sub-option inside one:
/// type 0 (Pad1) is one byte; every other type is followed by a length byte that counts only the data after it.
/// </summary>
public readonly ref struct Ipv6Option
{
    internal Ipv6Option(int offset, ReadOnlySpan<byte> bytes, int remaining)
    {
        Offset = offset;
        Bytes = bytes;
        Remaining = remaining;
    }

    /// <summary>The option type.</summary>
    public byte Type => Bytes[0];
    /// <summary>Where the option starts within the options.</summary>
    public int Offset { get; }
    /// <summary>The whole option, type and length bytes included.</summary>
    public ReadOnlySpan<byte> Bytes { get; }
    /// <summary>The option's length in bytes (1 for Pad1).</summary>
    public int Length => Bytes.Length;
    /// <summary>The length byte: bytes of data after it (0 for Pad1, which has none).</summary>
    public byte DataLength => Bytes.Length > 1 ? Bytes[1] : (byte)0;
    /// <summary>The data after the type and length bytes (empty for Pad1).</summary>
    public ReadOnlySpan<byte> Data => Bytes.Length > 2 ? Bytes[2..] : default;
    /// <summary>The bytes of the options from this one to their end (tcpdump sizes its checks on them).</summary>
    public int Remaining { get; }
}
