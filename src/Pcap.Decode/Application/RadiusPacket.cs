using System.Buffers.Binary;

namespace Pcap.Decode.Application;

/// <summary>
/// A RADIUS packet (RFC 2865, accounting RFC 2866, dynamic authorization RFC 5176; UDP ports 1812, 1813, 3799 and the
/// older 1645, 1646, 1700): the 20-byte header (code, identifier, length, authenticator), then attributes, each a type
/// byte, a length byte that counts both, and the value. <see cref="TryReadAttribute"/> walks them.
/// </summary>
public readonly ref struct RadiusPacket
{
    /// <summary>Bytes in the header.</summary>
    public const int HeaderLength = 20;
    /// <summary>Bytes of an attribute's type and length.</summary>
    public const int AttributeHeaderLength = 2;
    /// <summary>The Vendor-Specific attribute type (a vendor number, then the vendor's own sub-attributes).</summary>
    public const byte VendorSpecific = 26;

    private readonly ReadOnlySpan<byte> _bytes;

    private RadiusPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header at the start of <paramref name="bytes"/> (a UDP payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out RadiusPacket packet, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("radius", HeaderLength, bytes.Length);
            return false;
        }
        packet = new RadiusPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>The packet code (1 Access-Request, 2 Access-Accept, 4 Accounting-Request, 43 CoA-Request, ...).</summary>
    public byte Code => _bytes[0];
    /// <summary>The identifier that matches a reply to its request.</summary>
    public byte Identifier => _bytes[1];
    /// <summary>The length field: the whole packet, header included.</summary>
    public ushort Length => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>The 16-byte authenticator.</summary>
    public ReadOnlySpan<byte> Authenticator => _bytes.Slice(4, 16);
    /// <summary>The captured bytes after the header (the attributes, and whatever follows them).</summary>
    public ReadOnlySpan<byte> Attributes => _bytes[HeaderLength..];

    /// <summary>
    /// Reads the attribute header at the start of <paramref name="bytes"/>: its type and its length field (header included,
    /// checked against nothing; the value follows the two header bytes). False when the header bytes were not captured.
    /// </summary>
    public static bool TryReadAttribute(ReadOnlySpan<byte> bytes, out byte type, out byte length)
    {
        if (bytes.Length < AttributeHeaderLength)
        {
            type = length = 0;
            return false;
        }
        type = bytes[0];
        length = bytes[1];
        return true;
    }
}
