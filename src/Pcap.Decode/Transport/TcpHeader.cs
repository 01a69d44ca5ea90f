using System.Buffers.Binary;

namespace Pcap.Decode.Transport;

/// <summary>A TCP header: ports, sequence and acknowledgement numbers, data offset, flags, window, checksum, urgent pointer, options.</summary>
public readonly ref struct TcpHeader
{
    /// <summary>Bytes in a header without options.</summary>
    public const int MinimumLength = 20;

    private readonly ReadOnlySpan<byte> _bytes;

    private TcpHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the fixed 20 bytes; the options need <see cref="HeaderLength"/> bytes and are checked by the caller.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out TcpHeader header, out DecodeError error)
    {
        if (bytes.Length < MinimumLength)
        {
            header = default;
            error = DecodeError.Truncated("tcp", MinimumLength, bytes.Length);
            return false;
        }
        header = new TcpHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>Source port.</summary>
    public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_bytes);
    /// <summary>Destination port.</summary>
    public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>Sequence number.</summary>
    public uint SequenceNumber => BinaryPrimitives.ReadUInt32BigEndian(_bytes[4..]);
    /// <summary>Acknowledgement number.</summary>
    public uint AcknowledgementNumber => BinaryPrimitives.ReadUInt32BigEndian(_bytes[8..]);
    /// <summary>Header length in bytes (data offset × 4).</summary>
    public int HeaderLength => (_bytes[12] >> 4) * 4;
    /// <summary>The flag bits (FIN 0x01 ... CWR 0x80; AE/NS is bit 0 of byte 12).</summary>
    public TcpFlags Flags => (TcpFlags)_bytes[13];
    /// <summary>Window.</summary>
    public ushort Window => BinaryPrimitives.ReadUInt16BigEndian(_bytes[14..]);
    /// <summary>Checksum.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[16..]);
    /// <summary>Urgent pointer.</summary>
    public ushort UrgentPointer => BinaryPrimitives.ReadUInt16BigEndian(_bytes[18..]);
    /// <summary>The captured bytes from the start of the header.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
}
