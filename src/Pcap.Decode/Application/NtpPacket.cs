using System.Buffers.Binary;

namespace Pcap.Decode.Application;

/// <summary>
/// An NTP packet (RFC 5905; control messages RFC 1305 appendix B / RFC 9327): the first byte's leap indicator, version and mode,
/// then either the 48-byte time message or the 12-byte control header. Fields past the captured bytes read as zero; check
/// <see cref="Captured"/> first.
/// </summary>
public readonly ref struct NtpPacket
{
    /// <summary>The UDP port of NTP.</summary>
    public const ushort Port = 123;
    /// <summary>Bytes in a time message without extensions or authenticator.</summary>
    public const int TimeMessageLength = 48;
    /// <summary>Bytes in a control message header.</summary>
    public const int ControlHeaderLength = 12;
    /// <summary>The mode of control messages.</summary>
    public const int ControlMode = 6;

    private readonly ReadOnlySpan<byte> _bytes;

    private NtpPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the packet at the start of a UDP payload; only the first byte must be present.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out NtpPacket packet, out DecodeError error)
    {
        if (bytes.Length < 1)
        {
            packet = default;
            error = DecodeError.Truncated("ntp", 1, 0);
            return false;
        }
        packet = new NtpPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>Bytes captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The leap indicator bits in place (0x00, 0x40, 0x80 or 0xc0).</summary>
    public int LeapIndicator => _bytes[0] & 0xc0;
    /// <summary>The protocol version.</summary>
    public int Version => (_bytes[0] >> 3) & 7;
    /// <summary>The association mode (3 client, 4 server, 6 control...).</summary>
    public int Mode => _bytes[0] & 7;
    /// <summary>Stratum of a time message.</summary>
    public byte Stratum => Byte(1);
    /// <summary>Poll interval, log2 seconds.</summary>
    public sbyte Poll => (sbyte)Byte(2);
    /// <summary>Clock precision, log2 seconds.</summary>
    public sbyte Precision => (sbyte)Byte(3);
    /// <summary>Root delay as 16.16 fixed point.</summary>
    public uint RootDelay => UInt32(4);
    /// <summary>Root dispersion as 16.16 fixed point.</summary>
    public uint RootDispersion => UInt32(8);
    /// <summary>Reference identifier (raw, network order).</summary>
    public uint ReferenceId => UInt32(12);
    /// <summary>Reference time stamp, 32.32 fixed point seconds since 1900.</summary>
    public ulong ReferenceTimestamp => UInt64(16);
    /// <summary>Origin time stamp.</summary>
    public ulong OriginTimestamp => UInt64(24);
    /// <summary>Receive time stamp.</summary>
    public ulong ReceiveTimestamp => UInt64(32);
    /// <summary>Transmit time stamp.</summary>
    public ulong TransmitTimestamp => UInt64(40);
    /// <summary>Key identifier of the authenticator after a time message.</summary>
    public uint KeyId => UInt32(48);
    /// <summary>The message digest after the key identifier (as much as was captured).</summary>
    public ReadOnlySpan<byte> Digest => _bytes.Length > 52 ? _bytes[52..] : default;
    /// <summary>Control message: the R/E/M bits and opcode.</summary>
    public byte Control => Byte(1);
    /// <summary>Control message: sequence number.</summary>
    public ushort Sequence => (ushort)UInt16(2);
    /// <summary>Control message: status word.</summary>
    public ushort Status => (ushort)UInt16(4);
    /// <summary>Control message: association identifier.</summary>
    public ushort AssociationId => (ushort)UInt16(6);
    /// <summary>Control message: offset of the data.</summary>
    public ushort Offset => (ushort)UInt16(8);
    /// <summary>Control message: bytes of data.</summary>
    public ushort Count => (ushort)UInt16(10);

    private byte Byte(int offset) => offset < _bytes.Length ? _bytes[offset] : (byte)0;
    private int UInt16(int offset) => offset + 2 <= _bytes.Length ? BinaryPrimitives.ReadUInt16BigEndian(_bytes[offset..]) : 0;
    private uint UInt32(int offset) => offset + 4 <= _bytes.Length ? BinaryPrimitives.ReadUInt32BigEndian(_bytes[offset..]) : 0;
    private ulong UInt64(int offset) => offset + 8 <= _bytes.Length ? BinaryPrimitives.ReadUInt64BigEndian(_bytes[offset..]) : 0;
}
