namespace Pcap.Decode.Application;

/// <summary>A VXLAN header (RFC 7348): flags, the 24-bit network identifier, and the inner Ethernet frame after it.</summary>
public readonly ref struct VxlanHeader
{
    /// <summary>Bytes in the header.</summary>
    public const int Length = 8;
    /// <summary>The IANA UDP port of VXLAN.</summary>
    public const ushort Port = 4789;
    /// <summary>The I flag: the VNI is valid.</summary>
    public const byte ValidVniFlag = 0x08;

    private readonly ReadOnlySpan<byte> _bytes;

    private VxlanHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 8-byte header at the start of <paramref name="bytes"/> (a UDP payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out VxlanHeader header, out DecodeError error)
    {
        if (bytes.Length < Length)
        {
            header = default;
            error = DecodeError.Truncated("vxlan", Length, bytes.Length);
            return false;
        }
        header = new VxlanHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>
    /// Reads a header that may be cut off, as tcpdump prints one: needs only the flags byte; check
    /// <see cref="HasVni"/> and <see cref="IsComplete"/> before reading further.
    /// </summary>
    public static bool TryReadFlags(ReadOnlySpan<byte> bytes, out VxlanHeader header, out DecodeError error)
    {
        if (bytes.Length < 1)
        {
            header = default;
            error = DecodeError.Truncated("vxlan", 1, bytes.Length);
            return false;
        }
        header = new VxlanHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>True when the network identifier was captured (always, after <see cref="TryRead"/>).</summary>
    public bool HasVni => _bytes.Length >= 7;
    /// <summary>True when the whole 8-byte header was captured (always, after <see cref="TryRead"/>).</summary>
    public bool IsComplete => _bytes.Length >= Length;
    /// <summary>The flags byte (0x08 when the VNI is valid).</summary>
    public byte Flags => _bytes[0];
    /// <summary>The 24-bit VXLAN network identifier (when <see cref="HasVni"/>).</summary>
    public uint Vni => (uint)(_bytes[4] << 16 | _bytes[5] << 8 | _bytes[6]);
    /// <summary>The captured inner Ethernet frame (when <see cref="IsComplete"/>).</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Length..];
}
