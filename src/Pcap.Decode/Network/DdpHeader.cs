using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>
/// The long AppleTalk Datagram Delivery Protocol header (EtherType 0x809B, EtherTalk): hop count and length, checksum,
/// destination and source network, node and socket, and the DDP type of the payload.
/// </summary>
public readonly ref struct DdpHeader
{
    /// <summary>Bytes in the long DDP header.</summary>
    public const int Length = 13;
    /// <summary>The EtherType of EtherTalk (DDP over Ethernet or SNAP).</summary>
    public const ushort EtherTypeNumber = 0x809b;

    private readonly ReadOnlySpan<byte> _bytes;

    private DdpHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 13-byte header at the start of <paramref name="bytes"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out DdpHeader header, out DecodeError error)
    {
        if (bytes.Length < Length)
        {
            header = default;
            error = DecodeError.Truncated("ddp", Length, bytes.Length);
            return false;
        }
        header = new DdpHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>The hop count (top 6 bits of the first word).</summary>
    public int HopCount => (_bytes[0] >> 2) & 0x0f;
    /// <summary>The datagram length (low 10 bits of the first word).</summary>
    public int DatagramLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes) & 0x3ff;
    /// <summary>The checksum (0: none).</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>The destination network number.</summary>
    public ushort DestinationNetwork => BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]);
    /// <summary>The source network number.</summary>
    public ushort SourceNetwork => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);
    /// <summary>The destination node.</summary>
    public byte DestinationNode => _bytes[8];
    /// <summary>The source node.</summary>
    public byte SourceNode => _bytes[9];
    /// <summary>The destination socket.</summary>
    public byte DestinationSocket => _bytes[10];
    /// <summary>The source socket.</summary>
    public byte SourceSocket => _bytes[11];
    /// <summary>The DDP type of the payload (1 RTMP, 2 NBP, 3 ATP, 4 echo, ...).</summary>
    public byte Type => _bytes[12];
    /// <summary>The bytes after the header.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Length..];
}
