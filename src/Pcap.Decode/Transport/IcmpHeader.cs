using System.Buffers.Binary;

namespace Pcap.Decode.Transport;

/// <summary>An ICMP (IPv4) message: type, code, checksum and the 4-byte rest-of-header, then the body. ICMPv6 is <see cref="Icmpv6Header"/>.</summary>
public readonly ref struct IcmpHeader
{
    /// <summary>Bytes in the fixed header.</summary>
    public const int Length = 8;

    private readonly ReadOnlySpan<byte> _bytes;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal IcmpHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 8-byte header of an ICMP message.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out IcmpHeader header, out DecodeError error) =>
        TryReadAtLeast(bytes, Length, out header, out error);

    /// <summary>
    /// The lax variant for printing a cut-off message as tcpdump does: needs only the type and code (2 bytes). Every other
    /// field may be read only when <see cref="CapturedLength"/> covers it (the field's offset is in its summary).
    /// </summary>
    public static bool TryReadTypeAndCode(ReadOnlySpan<byte> bytes, out IcmpHeader header, out DecodeError error) =>
        TryReadAtLeast(bytes, 2, out header, out error);

    /// <summary>The bytes captured of the message (at least <see cref="Length"/> after <see cref="TryRead"/>).</summary>
    public int CapturedLength => _bytes.Length;
    /// <summary>Message type.</summary>
    public byte Type => _bytes[0];
    /// <summary>Message code.</summary>
    public byte Code => _bytes[1];
    /// <summary>Checksum.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>Identifier (echo, timestamp, info, mask).</summary>
    public ushort Identifier => BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]);
    /// <summary>Sequence number (echo, timestamp, info, mask).</summary>
    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);
    /// <summary>The rest-of-header word (gateway for redirect, MTU, parameter-problem pointer, ICMPv6 flags).</summary>
    public uint RestOfHeader => BinaryPrimitives.ReadUInt32BigEndian(_bytes[4..]);
    /// <summary>Parameter problem: the octet the pointer (byte 4) designates.</summary>
    public byte Pointer => _bytes[4];
    /// <summary>Redirect: the gateway address (bytes 4-7).</summary>
    public ReadOnlySpan<byte> Gateway => _bytes.Slice(4, 4);
    /// <summary>Fragmentation needed: the next hop's MTU (bytes 6-7, RFC 1191).</summary>
    public ushort NextHopMtu => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);
    /// <summary>RFC 4884: the quoted datagram's length in 32-bit words (byte 5), 0 when the sender does not say.</summary>
    public byte OriginalDatagramLength => _bytes[5];
    /// <summary>Router advertisement: the number of addresses (byte 4).</summary>
    public byte AddressCount => _bytes[4];
    /// <summary>Router advertisement: the 32-bit words per address entry (byte 5, 2 for address and preference).</summary>
    public byte AddressEntrySize => _bytes[5];
    /// <summary>Router advertisement: the lifetime in seconds (bytes 6-7).</summary>
    public ushort Lifetime => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);
    /// <summary>Address mask reply: the mask (bytes 8-11).</summary>
    public uint AddressMask => BinaryPrimitives.ReadUInt32BigEndian(_bytes[8..]);
    /// <summary>Timestamp: the originate time in milliseconds since midnight UTC (bytes 8-11).</summary>
    public uint OriginateTimestamp => BinaryPrimitives.ReadUInt32BigEndian(_bytes[8..]);
    /// <summary>Timestamp reply: the receive time in milliseconds since midnight UTC (bytes 12-15).</summary>
    public uint ReceiveTimestamp => BinaryPrimitives.ReadUInt32BigEndian(_bytes[12..]);
    /// <summary>Timestamp reply: the transmit time in milliseconds since midnight UTC (bytes 16-19).</summary>
    public uint TransmitTimestamp => BinaryPrimitives.ReadUInt32BigEndian(_bytes[16..]);
    /// <summary>
    /// Everything captured after the 8-byte header (for errors: the quoted IP datagram; for a router advertisement: the
    /// address entries); empty when the header itself was cut off.
    /// </summary>
    public ReadOnlySpan<byte> Body => _bytes.Length > Length ? _bytes[Length..] : default;
    /// <summary>The captured bytes from the start of the message.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    private static bool TryReadAtLeast(ReadOnlySpan<byte> bytes, int needed, out IcmpHeader header, out DecodeError error)
    {
        if (bytes.Length < needed)
        {
            header = default;
            error = DecodeError.Truncated("icmp", needed, bytes.Length);
            return false;
        }
        header = new IcmpHeader(bytes);
        error = default;
        return true;
    }
}
