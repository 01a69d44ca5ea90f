using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>
/// Cisco's VLAN Trunking Protocol message (SNAP OUI 0x00000C, protocol id 0x2003): a 36-byte header (version, message type,
/// followers or sequence number, management domain name), then per type a summary (revision, updater, timestamp, MD5
/// digest), a subset of VLAN information records, or an advertisement request. Read a field only when <see cref="Captured"/>
/// reaches past it.
/// </summary>
public readonly ref struct VtpPacket
{
    /// <summary>The SNAP protocol id of VTP under Cisco's OUI.</summary>
    public const ushort SnapProtocolId = 0x2003;
    /// <summary>Bytes in the header, the 32-byte domain name included.</summary>
    public const int HeaderLength = 36;
    /// <summary>The longest management domain name.</summary>
    public const int MaxDomainNameLength = 32;
    /// <summary>Bytes of a VLAN information record before the VLAN name.</summary>
    public const int VlanInfoFixedLength = 12;

    private readonly ReadOnlySpan<byte> _bytes;

    private VtpPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Lax read: wraps whatever was captured (possibly nothing); check <see cref="Captured"/> before each field.</summary>
    public static VtpPacket Wrap(ReadOnlySpan<byte> bytes) => new(bytes);

    /// <summary>Reads a message whose 36-byte header was captured.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out VtpPacket packet, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("vtp", HeaderLength, bytes.Length);
            return false;
        }
        packet = new VtpPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The protocol version.</summary>
    public byte Version => _bytes[0];
    /// <summary>The message type (1 summary, 2 subset, 3 advertisement request, 4 join).</summary>
    public byte MessageType => _bytes[1];
    /// <summary>The third header byte: followers (summary), sequence number (subset) or reserved.</summary>
    public byte HeaderValue => _bytes[2];
    /// <summary>The length of the management domain name.</summary>
    public byte DomainNameLength => _bytes[3];
    /// <summary>The management domain name field (32 bytes, zero-padded).</summary>
    public ReadOnlySpan<byte> DomainName => _bytes.Slice(4, MaxDomainNameLength);
    /// <summary>The big-endian 32-bit word at <paramref name="offset"/>.</summary>
    public uint Word32At(int offset) => BinaryPrimitives.ReadUInt32BigEndian(_bytes[offset..]);
    /// <summary>The big-endian 16-bit word at <paramref name="offset"/>.</summary>
    public ushort Word16At(int offset) => BinaryPrimitives.ReadUInt16BigEndian(_bytes[offset..]);
    /// <summary>The byte at <paramref name="offset"/>.</summary>
    public byte ByteAt(int offset) => _bytes[offset];
    /// <summary>The captured bytes from <paramref name="offset"/> on, at most <paramref name="length"/> of them.</summary>
    public ReadOnlySpan<byte> Slice(int offset, int length)
    {
        var start = Math.Min(offset, _bytes.Length);
        return _bytes.Slice(start, Math.Min(length, _bytes.Length - start));
    }
}
