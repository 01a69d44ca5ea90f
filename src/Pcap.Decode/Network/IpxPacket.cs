using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>
/// A Novell IPX datagram: the 30-byte header (checksum, length, transport control, packet type, destination and source
/// network, node and socket) and the data after it. Carried in 802.3 raw frames, 802.2 LLC (SAP 0xE0), SNAP and EtherType
/// 0x8137.
/// </summary>
public readonly ref struct IpxPacket
{
    /// <summary>Bytes in the header.</summary>
    public const int HeaderLength = 30;
    /// <summary>The EtherType of IPX in Ethernet II and SNAP frames.</summary>
    public const ushort EtherTypeNumber = 0x8137;
    /// <summary>The well-known socket of the Service Advertising Protocol.</summary>
    public const ushort SapSocket = 0x0452;
    /// <summary>The well-known socket of IPX RIP.</summary>
    public const ushort RipSocket = 0x0453;

    private readonly ReadOnlySpan<byte> _bytes;

    private IpxPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header at the start of <paramref name="bytes"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out IpxPacket packet, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("ipx", HeaderLength, bytes.Length);
            return false;
        }
        packet = new IpxPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>The checksum field (0xFFFF: none; 802.3 raw frames start with it).</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes);
    /// <summary>The length field: header and data in bytes.</summary>
    public ushort Length => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>Transport control: the hop count.</summary>
    public byte TransportControl => _bytes[4];
    /// <summary>The packet type (0 unknown, 1 RIP, 4 packet exchange, 5 SPX, 17 NCP).</summary>
    public byte PacketType => _bytes[5];
    /// <summary>The destination network number.</summary>
    public uint DestinationNetwork => BinaryPrimitives.ReadUInt32BigEndian(_bytes[6..]);
    /// <summary>The destination node (a MAC address).</summary>
    public ReadOnlySpan<byte> DestinationNode => _bytes.Slice(10, 6);
    /// <summary>The destination socket.</summary>
    public ushort DestinationSocket => BinaryPrimitives.ReadUInt16BigEndian(_bytes[16..]);
    /// <summary>The source network number.</summary>
    public uint SourceNetwork => BinaryPrimitives.ReadUInt32BigEndian(_bytes[18..]);
    /// <summary>The source node (a MAC address).</summary>
    public ReadOnlySpan<byte> SourceNode => _bytes.Slice(22, 6);
    /// <summary>The source socket.</summary>
    public ushort SourceSocket => BinaryPrimitives.ReadUInt16BigEndian(_bytes[28..]);
    /// <summary>The captured bytes after the header (SAP, RIP, NCP ... data), not cut to <see cref="Length"/>.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[HeaderLength..];
}
