using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>
/// An IEEE 802.1AB Link Layer Discovery Protocol data unit (EtherType 0x88CC): a sequence of TLVs, each a 16-bit header of
/// a 7-bit type and a 9-bit length, ending with the End TLV (type 0). Read a TLV only when <see cref="Captured"/> holds it.
/// </summary>
public readonly ref struct LldpPacket
{
    /// <summary>The EtherType that carries LLDP.</summary>
    public const ushort EtherTypeNumber = 0x88cc;
    /// <summary>Bytes in a TLV header.</summary>
    public const int TlvHeaderLength = 2;
    /// <summary>The End of LLDPDU TLV type.</summary>
    public const int EndTlv = 0;
    /// <summary>The organisation-specific TLV type (an OUI and a subtype follow).</summary>
    public const int OrganizationSpecificTlv = 127;

    private readonly ReadOnlySpan<byte> _bytes;

    private LldpPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Lax read: wraps whatever was captured (possibly nothing); check <see cref="Captured"/> before each TLV.</summary>
    public static LldpPacket Wrap(ReadOnlySpan<byte> bytes) => new(bytes);

    /// <summary>Reads a data unit whose first TLV header was captured.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out LldpPacket packet, out DecodeError error)
    {
        if (bytes.Length < TlvHeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("lldp", TlvHeaderLength, bytes.Length);
            return false;
        }
        packet = new LldpPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The type of the TLV whose header starts at <paramref name="offset"/>.</summary>
    public int TlvType(int offset) => BinaryPrimitives.ReadUInt16BigEndian(_bytes[offset..]) >> 9;
    /// <summary>The value length of the TLV whose header starts at <paramref name="offset"/>.</summary>
    public int TlvLength(int offset) => BinaryPrimitives.ReadUInt16BigEndian(_bytes[offset..]) & 0x1ff;
    /// <summary>The captured value bytes of the TLV whose header starts at <paramref name="offset"/> (up to its length).</summary>
    public ReadOnlySpan<byte> TlvValue(int offset)
    {
        var start = Math.Min(offset + TlvHeaderLength, _bytes.Length);
        return _bytes.Slice(start, Math.Min(TlvLength(offset), _bytes.Length - start));
    }
}
