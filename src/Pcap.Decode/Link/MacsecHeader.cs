using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>
/// The IEEE 802.1AE MACsec security tag (SecTAG, EtherType 0x88E5): the TCI bits and association number, the short length,
/// the packet number and, when the SC bit is set, the 8-byte secure channel identifier. The protected frame follows, then a
/// 16-byte integrity check value (ICV) at the end of the frame.
/// </summary>
public readonly ref struct MacsecHeader
{
    /// <summary>The EtherType that carries MACsec.</summary>
    public const ushort EtherTypeNumber = 0x88e5;
    /// <summary>Bytes in a SecTAG without the secure channel identifier.</summary>
    public const int ShortTagLength = 6;
    /// <summary>Bytes in a SecTAG with the secure channel identifier.</summary>
    public const int LongTagLength = 14;
    /// <summary>Bytes of the integrity check value at the end of the frame (the default cipher suite's).</summary>
    public const int IcvLength = 16;

    private readonly ReadOnlySpan<byte> _bytes;

    private MacsecHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Lax read: wraps whatever was captured (possibly nothing); check <see cref="Captured"/> before each field.</summary>
    public static MacsecHeader Wrap(ReadOnlySpan<byte> bytes) => new(bytes);

    /// <summary>Reads the SecTAG (6 or 14 bytes) at the start of <paramref name="bytes"/>; a set version bit or reserved short-length bit is invalid.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out MacsecHeader header, out DecodeError error)
    {
        header = new MacsecHeader(bytes);
        var needed = bytes.Length >= 1 && header.HasSecureChannelId ? LongTagLength : ShortTagLength;
        if (bytes.Length < needed)
        {
            header = default;
            error = DecodeError.Truncated("macsec", needed, bytes.Length);
            return false;
        }
        if (!header.IsValid)
        {
            header = default;
            error = DecodeError.Invalid("macsec", 0, bytes[0] & 0x80 | bytes[1] & 0xc0);
            return false;
        }
        error = default;
        return true;
    }

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The TAG control information byte (TCI and association number).</summary>
    public byte TciAn => _bytes[0];
    /// <summary>The association number (low 2 bits of the TCI byte).</summary>
    public int AssociationNumber => _bytes[0] & 0x03;
    /// <summary>The TCI flag bits: end station 0x40, SCI present 0x20, single copy broadcast 0x10, encrypted 0x08, changed text 0x04.</summary>
    public int Flags => _bytes[0] & 0x7c;
    /// <summary>True when the 8-byte secure channel identifier follows the packet number.</summary>
    public bool HasSecureChannelId => (_bytes[0] & 0x20) != 0;
    /// <summary>True when the user data is encrypted or changed (E or C set): it cannot be decoded.</summary>
    public bool IsConfidential => (_bytes[0] & 0x0c) != 0;
    /// <summary>The SecTAG's length: 14 with the secure channel identifier, else 6.</summary>
    public int TagLength => HasSecureChannelId ? LongTagLength : ShortTagLength;
    /// <summary>False when the version bit or a reserved bit of the short length byte is set.</summary>
    public bool IsValid => (_bytes[0] & 0x80) == 0 && (_bytes[1] & 0xc0) == 0;
    /// <summary>The short length: the length of the secure data when it is under 48 bytes, else 0.</summary>
    public int ShortLength => _bytes[1] & 0x3f;
    /// <summary>The packet number.</summary>
    public uint PacketNumber => BinaryPrimitives.ReadUInt32BigEndian(_bytes[2..]);
    /// <summary>The secure channel identifier (meaningful when <see cref="HasSecureChannelId"/>).</summary>
    public ulong SecureChannelId => BinaryPrimitives.ReadUInt64BigEndian(_bytes[6..]);
    /// <summary>The captured bytes after the SecTAG.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Math.Min(TagLength, _bytes.Length)..];
}
