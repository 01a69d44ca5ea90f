using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>The fixed 40-byte IPv6 header; walk extension headers with <see cref="Ipv6ExtensionHeader"/>.</summary>
public readonly ref struct Ipv6Header
{
    /// <summary>Bytes in the fixed header.</summary>
    public const int Length = 40;

    private readonly ReadOnlySpan<byte> _bytes;

    private Ipv6Header(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header: needs 40 bytes and version 6.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out Ipv6Header header, out DecodeError error)
    {
        header = default;
        if (bytes.Length < Length)
        {
            error = DecodeError.Truncated("ip6", Length, bytes.Length);
            return false;
        }
        if (bytes[0] >> 4 != 6)
        {
            error = DecodeError.Invalid("ip6", 6, bytes[0] >> 4);
            return false;
        }
        header = new Ipv6Header(bytes);
        error = default;
        return true;
    }

    /// <summary>
    /// The lax variant for the packet an ICMPv6 error quotes, which tcpdump reads as it finds it: needs the 40 bytes but
    /// does not check the version.
    /// </summary>
    public static bool TryReadQuoted(ReadOnlySpan<byte> bytes, out Ipv6Header header, out DecodeError error)
    {
        if (bytes.Length < Length)
        {
            header = default;
            error = DecodeError.Truncated("ip6", Length, bytes.Length);
            return false;
        }
        header = new Ipv6Header(bytes);
        error = default;
        return true;
    }

    /// <summary>Traffic class.</summary>
    public byte TrafficClass => (byte)((BinaryPrimitives.ReadUInt16BigEndian(_bytes) >> 4) & 0xff);
    /// <summary>Flow label (20 bits).</summary>
    public uint FlowLabel => BinaryPrimitives.ReadUInt32BigEndian(_bytes) & 0x000fffff;
    /// <summary>Payload length field.</summary>
    public ushort PayloadLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]);
    /// <summary>The first next-header value.</summary>
    public IpProtocol NextHeader => new(_bytes[6]);
    /// <summary>Hop limit.</summary>
    public byte HopLimit => _bytes[7];
    /// <summary>Source address (16 bytes).</summary>
    public ReadOnlySpan<byte> Source => _bytes.Slice(8, 16);
    /// <summary>Destination address (16 bytes).</summary>
    public ReadOnlySpan<byte> Destination => _bytes.Slice(24, 16);
    /// <summary>Everything captured after the fixed header.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Length..];
}
