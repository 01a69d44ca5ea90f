using System.Buffers.Binary;

namespace Pcap.Decode.Transport;

/// <summary>
/// An SCTP packet (IP protocol 132, RFC 9260): the common header (ports, verification tag, CRC-32C) and the chunks after
/// it, read one at a time with <see cref="SctpChunk.TryRead"/>.
/// </summary>
public readonly ref struct SctpPacket
{
    /// <summary>Bytes in the common header.</summary>
    public const int HeaderLength = 12;
    /// <summary>The IP protocol number of SCTP.</summary>
    public const byte IpProtocolNumber = 132;

    private readonly ReadOnlySpan<byte> _bytes;

    private SctpPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the common header at the start of <paramref name="bytes"/> (an IP payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out SctpPacket packet, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("sctp", HeaderLength, bytes.Length);
            return false;
        }
        packet = new SctpPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>The sender's port.</summary>
    public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_bytes);
    /// <summary>The receiver's port.</summary>
    public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>The verification tag the receiver gave in its INIT or INIT ACK.</summary>
    public uint VerificationTag => BinaryPrimitives.ReadUInt32BigEndian(_bytes[4..]);
    /// <summary>The CRC-32C of the packet, as it stands on the wire (least significant byte first).</summary>
    public uint Checksum => BinaryPrimitives.ReadUInt32LittleEndian(_bytes[8..]);
    /// <summary>The captured chunks after the common header.</summary>
    public ReadOnlySpan<byte> Chunks => _bytes[HeaderLength..];
}
