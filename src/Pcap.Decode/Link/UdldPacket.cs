using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>
/// Cisco's UniDirectional Link Detection packet (SNAP OUI 0x00000C, protocol id 0x0111): version and opcode, flags, checksum,
/// then TLVs (device id, port id, echo, intervals, device name, sequence number) whose length counts their 4-byte header.
/// Read a field only when <see cref="Captured"/> reaches past it.
/// </summary>
public readonly ref struct UdldPacket
{
    /// <summary>The SNAP protocol id of UDLD under Cisco's OUI.</summary>
    public const ushort SnapProtocolId = 0x0111;
    /// <summary>Bytes in the header (version/opcode, flags, checksum).</summary>
    public const int HeaderLength = 4;
    /// <summary>Bytes in a TLV's type and length fields.</summary>
    public const int TlvHeaderLength = 4;

    private readonly ReadOnlySpan<byte> _bytes;

    private UdldPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Lax read: wraps whatever was captured (possibly nothing); check <see cref="Captured"/> before each field.</summary>
    public static UdldPacket Wrap(ReadOnlySpan<byte> bytes) => new(bytes);

    /// <summary>Reads a packet whose 4-byte header was captured.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out UdldPacket packet, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("udld", HeaderLength, bytes.Length);
            return false;
        }
        packet = new UdldPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The protocol version (top 3 bits of the first byte).</summary>
    public int Version => _bytes[0] >> 5;
    /// <summary>The opcode (1 probe, 2 echo, 3 flush; low 5 bits of the first byte).</summary>
    public int Opcode => _bytes[0] & 0x1f;
    /// <summary>The flags (0x01 recommended timeout, 0x02 resynch).</summary>
    public byte Flags => _bytes[1];
    /// <summary>The checksum field.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>The type of the TLV at <paramref name="offset"/>.</summary>
    public ushort TlvType(int offset) => BinaryPrimitives.ReadUInt16BigEndian(_bytes[offset..]);
    /// <summary>The length of the TLV at <paramref name="offset"/>, its 4-byte header included.</summary>
    public ushort TlvLength(int offset) => BinaryPrimitives.ReadUInt16BigEndian(_bytes[(offset + 2)..]);
    /// <summary>The captured bytes from <paramref name="offset"/> on, at most <paramref name="length"/> of them.</summary>
    public ReadOnlySpan<byte> Slice(int offset, int length)
    {
        var start = Math.Min(offset, _bytes.Length);
        return _bytes.Slice(start, Math.Min(length, _bytes.Length - start));
    }
}
