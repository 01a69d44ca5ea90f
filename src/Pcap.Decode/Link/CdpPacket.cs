using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>
/// A Cisco Discovery Protocol packet (SNAP OUI 0x00000C, protocol id 0x2000): version, time to live and checksum, then
/// type-length-value records whose 16-bit length counts their 4-byte header (device id, addresses, port id, capabilities,
/// software version, platform, ...). Read a field only when <see cref="Captured"/> reaches past it.
/// </summary>
public readonly ref struct CdpPacket
{
    /// <summary>The SNAP protocol id of CDP under Cisco's OUI.</summary>
    public const ushort SnapProtocolId = 0x2000;
    /// <summary>Bytes in the header (version, TTL, checksum).</summary>
    public const int HeaderLength = 4;
    /// <summary>Bytes in a TLV's type and length fields.</summary>
    public const int TlvHeaderLength = 4;
    /// <summary>The device id TLV, the one tcpdump prints without <c>-v</c>.</summary>
    public const int DeviceIdTlv = 1;

    private readonly ReadOnlySpan<byte> _bytes;

    private CdpPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Lax read: wraps whatever was captured (possibly nothing); check <see cref="Captured"/> before each field.</summary>
    public static CdpPacket Wrap(ReadOnlySpan<byte> bytes) => new(bytes);

    /// <summary>Reads a packet whose 4-byte header was captured.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out CdpPacket packet, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("cdp", HeaderLength, bytes.Length);
            return false;
        }
        packet = new CdpPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The protocol version (1 or 2).</summary>
    public byte Version => _bytes[0];
    /// <summary>How long, in seconds, the receiver keeps the information.</summary>
    public byte TimeToLive => _bytes[1];
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
