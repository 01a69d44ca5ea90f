using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>The fixed 40-byte IPv6 header; walk extension headers with <see cref="Ipv6ExtensionHeader"/>.</summary>
public readonly ref struct Ipv6Header
{
    /// <summary>Bytes in the fixed header.</summary>
    public const int Length = 40;

    private readonly ReadOnlySpan<byte> _bytes;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal Ipv6Header(ReadOnlySpan<byte> bytes) => _bytes = bytes;

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
    /// The lax variant for the packet an ICMPv6 error quotes, and for printing a packet as tcpdump does, which reads it as
    /// it finds it: needs the 40 bytes but does not check the version (see <see cref="Version"/>).
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

    /// <summary>The version field (6, except after <see cref="TryReadQuoted"/>).</summary>
    public int Version => _bytes[0] >> 4;
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
    /// <summary>The fixed header's bytes.</summary>
    public ReadOnlySpan<byte> HeaderBytes => _bytes[..Length];
    /// <summary>
    /// The destination a TCP, UDP or ICMPv6 checksum's pseudo-header covers (tcpdump's ip6_finddst): the last address of a
    /// type 0 or 2 routing header, the first segment of a segment-routing header, else <see cref="Destination"/>.
    /// </summary>
    public ReadOnlySpan<byte> FinalDestination
    {
        get
        {
            var destination = Destination;
            var next = NextHeader;
            var offset = Length;
            while (offset < _bytes.Length)
            {
                var header = Ipv6ExtensionHeader.ReadLax(_bytes[offset..], next);
                switch (next.Value)
                {
                    case 0:
                    case 60:
                    case 62:
                    case 135:
                        if (header.Available < 2)
                            return destination;
                        break;
                    case 44:
                        break;
                    case 43:
                        if (header.Available < 4)
                            return destination;
                        if (header.RoutingType is 0 or 2)
                        {
                            if (header.LengthField % 2 == 1)
                                return destination;
                            // An address not captured leaves the last one that was, as tcpdump's walk does.
                            for (var i = 0; i < header.LengthField / 2; i++)
                            {
                                var address = header.RoutingAddress(i);
                                if (address.IsEmpty)
                                    return destination;
                                destination = address;
                            }
                        }
                        else if (header.RoutingType == 4 && header.LengthField % 2 == 0 && !header.RoutingAddress(0).IsEmpty)
                        {
                            destination = header.RoutingAddress(0);
                        }
                        return destination;
                    default:
                        return destination;
                }
                next = header.NextHeader;
                offset += header.Length;
            }
            return destination;
        }
    }
    /// <summary>Everything captured after the fixed header.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Length..];
}
