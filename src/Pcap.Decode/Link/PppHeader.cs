using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>
/// A PPP frame's header (RFC 1661/1662): the optional HDLC address and control bytes (0xff 0x03, or pppd's direction
/// bytes 0x00/0x01 and 0x03) and the protocol, one byte when compressed (odd first byte) or two.
/// </summary>
public readonly ref struct PppHeader
{
    /// <summary>PPP protocol: IPv4.</summary>
    public const ushort Ipv4 = 0x0021;
    /// <summary>PPP protocol: IPv6.</summary>
    public const ushort Ipv6 = 0x0057;
    /// <summary>PPP protocol: Van Jacobson uncompressed TCP/IP (an IPv4 packet).</summary>
    public const ushort VanJacobsonUncompressed = 0x002f;
    /// <summary>PPP protocol: Multilink PPP (RFC 1990).</summary>
    public const ushort Multilink = 0x003d;
    /// <summary>PPP protocol: IP Control Protocol.</summary>
    public const ushort Ipcp = 0x8021;
    /// <summary>PPP protocol: IPv6 Control Protocol.</summary>
    public const ushort Ipv6cp = 0x8057;
    /// <summary>PPP protocol: Compression Control Protocol.</summary>
    public const ushort Ccp = 0x80fd;
    /// <summary>PPP protocol: Link Control Protocol.</summary>
    public const ushort Lcp = 0xc021;
    /// <summary>PPP protocol: Password Authentication Protocol.</summary>
    public const ushort Pap = 0xc023;
    /// <summary>PPP protocol: Bandwidth Allocation Control Protocol.</summary>
    public const ushort Bacp = 0xc02b;
    /// <summary>PPP protocol: Challenge Handshake Authentication Protocol.</summary>
    public const ushort Chap = 0xc223;

    private readonly ReadOnlySpan<byte> _bytes;

    private PppHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header at the start of <paramref name="bytes"/>; fails when the protocol field was not captured.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out PppHeader header, out DecodeError error)
    {
        header = new PppHeader(bytes);
        if (bytes.Length < 2 || bytes.Length < header.AddressAndControlLength + (bytes.Length > header.AddressAndControlLength && (bytes[header.AddressAndControlLength] & 1) != 0 ? 1 : 2))
        {
            header = default;
            error = DecodeError.Truncated("ppp", 4, bytes.Length);
            return false;
        }
        error = default;
        return true;
    }

    /// <summary>The first two bytes (address and control when present), for a header whose protocol was not captured.</summary>
    public static int FirstWord(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : -1;

    /// <summary>2 when the frame starts with address and control (0xff03, or pppd's 0x0003/0x0103), else 0.</summary>
    public int AddressAndControlLength => _bytes.Length >= 2 && FirstWord(_bytes) is 0xff03 or 0x0003 or 0x0103 ? 2 : 0;
    /// <summary>pppd's direction: 0 received, 1 sent, -1 when the frame has standard or no address and control bytes.</summary>
    public int PppdDirection => AddressAndControlLength == 2 && _bytes[0] != 0xff ? _bytes[0] : -1;
    /// <summary>Bytes in the protocol field (1 when compressed).</summary>
    public int ProtocolLength => (_bytes[AddressAndControlLength] & 1) != 0 ? 1 : 2;
    /// <summary>The protocol carried.</summary>
    public ushort Protocol => ProtocolLength == 1 ? _bytes[AddressAndControlLength] : BinaryPrimitives.ReadUInt16BigEndian(_bytes[AddressAndControlLength..]);
    /// <summary>Bytes in the header.</summary>
    public int Length => AddressAndControlLength + ProtocolLength;
    /// <summary>The captured payload.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Length..];
    /// <summary>The captured frame from the protocol field on.</summary>
    public ReadOnlySpan<byte> FromProtocol => _bytes[AddressAndControlLength..];
}
