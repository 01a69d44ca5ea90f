using System.Buffers.Binary;

namespace Pcap.Decode.Application;

/// <summary>
/// A VRRP packet (IP protocol 112): version 2 (RFC 3768) or 3 (RFC 5798), the virtual router, its priority and
/// advertisement interval, and the virtual addresses (4 bytes each over IPv4, 16 over IPv6).
/// </summary>
public readonly ref struct VrrpPacket
{
    /// <summary>Bytes in the fixed header (up to and including the checksum).</summary>
    public const int HeaderLength = 8;
    /// <summary>The IP protocol number of VRRP.</summary>
    public const byte IpProtocolNumber = 112;
    /// <summary>The only type RFC 3768 and 5798 define.</summary>
    public const byte Advertisement = 1;
    /// <summary>Version 2 authentication: a plain-text password in the 8 bytes after the addresses.</summary>
    public const byte SimpleTextAuthentication = 1;

    private readonly ReadOnlySpan<byte> _bytes;

    private VrrpPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 8-byte header at the start of <paramref name="bytes"/> (an IP payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out VrrpPacket packet, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("vrrp", HeaderLength, bytes.Length);
            return false;
        }
        packet = new VrrpPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>
    /// Lax read for printing a cut-off packet as far as it goes: succeeds on any non-empty <paramref name="bytes"/>; a field
    /// may be read only when <see cref="Captured"/> reaches past its last byte.
    /// </summary>
    public static bool TryReadPartial(ReadOnlySpan<byte> bytes, out VrrpPacket packet)
    {
        packet = bytes.IsEmpty ? default : new VrrpPacket(bytes);
        return !bytes.IsEmpty;
    }

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The captured packet.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
    /// <summary>The version (2 or 3), the high nibble of the first byte.</summary>
    public int Version => _bytes[0] >> 4;
    /// <summary>The type, the low nibble of the first byte (1: advertisement).</summary>
    public int Type => _bytes[0] & 0x0f;
    /// <summary>The virtual router identifier.</summary>
    public byte VirtualRouterId => _bytes[1];
    /// <summary>The sender's priority for the virtual router (255: the address owner, 0: it stops being master).</summary>
    public byte Priority => _bytes[2];
    /// <summary>How many addresses follow the header.</summary>
    public byte AddressCount => _bytes[3];
    /// <summary>Version 2's authentication type (0 none, 1 simple text, 2 IP AH).</summary>
    public byte AuthenticationType => _bytes[4];
    /// <summary>The advertisement interval: seconds in version 2, centiseconds (12 bits) in version 3.</summary>
    public int AdvertisementInterval => Version == 3 ? (_bytes[4] & 0x0f) << 8 | _bytes[5] : _bytes[5];
    /// <summary>The checksum field.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);
    /// <summary>The captured bytes after the header: the addresses, then version 2's authentication data.</summary>
    public ReadOnlySpan<byte> Addresses => _bytes[HeaderLength..];
    /// <summary>The version 2 authentication type when <see cref="Captured"/> holds it and the version is 2, else -1.</summary>
    public int AuthenticationTypeIfVersion2 => Version == 2 && _bytes.Length > 4 ? _bytes[4] : -1;
}
