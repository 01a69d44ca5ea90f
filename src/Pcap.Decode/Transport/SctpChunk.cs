using System.Buffers.Binary;

namespace Pcap.Decode.Transport;

/// <summary>
/// One SCTP chunk: type, flags and length, then the type's fields (DATA, INIT/INIT ACK, SACK) read from
/// <see cref="Value"/>; a field may be read only when <see cref="Value"/> holds its last byte.
/// </summary>
public readonly ref struct SctpChunk
{
    /// <summary>Bytes of type, flags and length.</summary>
    public const int HeaderLength = 4;
    /// <summary>Bytes of a DATA chunk's fields after the chunk header (TSN, stream, sequence, payload protocol).</summary>
    public const int DataFieldsLength = 12;
    /// <summary>Bytes of an INIT or INIT ACK chunk's fixed fields after the chunk header.</summary>
    public const int InitFieldsLength = 16;
    /// <summary>Bytes of a SACK chunk's fixed fields after the chunk header.</summary>
    public const int SackFieldsLength = 12;

    /// <summary>Chunk type: payload data.</summary>
    public const byte Data = 0;
    /// <summary>Chunk type: initiation.</summary>
    public const byte Init = 1;
    /// <summary>Chunk type: initiation acknowledgement.</summary>
    public const byte InitAck = 2;
    /// <summary>Chunk type: selective acknowledgement.</summary>
    public const byte Sack = 3;

    private readonly ReadOnlySpan<byte> _bytes;

    private SctpChunk(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>
    /// Reads the chunk header at the start of <paramref name="bytes"/>; <see cref="Value"/> is what was captured of the rest,
    /// up to the chunk's length.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out SctpChunk chunk, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            chunk = default;
            error = DecodeError.Truncated("sctp", HeaderLength, bytes.Length);
            return false;
        }
        chunk = new SctpChunk(bytes);
        error = default;
        return true;
    }

    /// <summary>The chunk type (0 DATA, 1 INIT, 3 SACK ...).</summary>
    public byte Type => _bytes[0];
    /// <summary>The type's flags (DATA: U, B, E).</summary>
    public byte Flags => _bytes[1];
    /// <summary>The length field: header and value, without padding.</summary>
    public ushort Length => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>The captured value: the bytes after the header, up to <see cref="Length"/>.</summary>
    public ReadOnlySpan<byte> Value => _bytes[HeaderLength..Math.Clamp(Length, HeaderLength, _bytes.Length)];

    /// <summary>DATA: the transmission sequence number.</summary>
    public uint Tsn => ReadUInt32(0);
    /// <summary>DATA: the stream identifier.</summary>
    public ushort StreamId => ReadUInt16(4);
    /// <summary>DATA: the stream sequence number.</summary>
    public ushort StreamSequence => ReadUInt16(6);
    /// <summary>DATA: the payload protocol identifier.</summary>
    public uint PayloadProtocolId => ReadUInt32(8);
    /// <summary>DATA: the user data after the fields.</summary>
    public ReadOnlySpan<byte> UserData => Value[DataFieldsLength..];

    /// <summary>INIT, INIT ACK: the initiate tag.</summary>
    public uint InitiateTag => ReadUInt32(0);
    /// <summary>INIT, INIT ACK: the advertised receiver window credit; SACK: the same at offset 4.</summary>
    public uint InitReceiverWindow => ReadUInt32(4);
    /// <summary>INIT, INIT ACK: the number of outbound streams.</summary>
    public ushort OutboundStreams => ReadUInt16(8);
    /// <summary>INIT, INIT ACK: the maximum number of inbound streams.</summary>
    public ushort InboundStreams => ReadUInt16(10);
    /// <summary>INIT, INIT ACK: the initial TSN.</summary>
    public uint InitialTsn => ReadUInt32(12);

    /// <summary>SACK: the cumulative TSN acknowledged.</summary>
    public uint CumulativeTsnAck => ReadUInt32(0);
    /// <summary>SACK: the advertised receiver window credit.</summary>
    public uint SackReceiverWindow => ReadUInt32(4);
    /// <summary>SACK: how many gap ack blocks follow.</summary>
    public ushort GapBlockCount => ReadUInt16(8);
    /// <summary>SACK: how many duplicate TSNs follow the gap blocks.</summary>
    public ushort DuplicateTsnCount => ReadUInt16(10);
    /// <summary>SACK: the bytes after the fixed fields (gap blocks of 4 bytes, then duplicate TSNs of 4).</summary>
    public ReadOnlySpan<byte> SackReports => Value[SackFieldsLength..];

    private uint ReadUInt32(int offset) => BinaryPrimitives.ReadUInt32BigEndian(Value[offset..]);

    private ushort ReadUInt16(int offset) => BinaryPrimitives.ReadUInt16BigEndian(Value[offset..]);
}
