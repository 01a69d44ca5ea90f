using System.Buffers.Binary;

namespace Pcap.Decode.Transport;

/// <summary>An ICMPv6 message: type, code and checksum, then the message body (echo identifier and sequence, ND fields, ...).</summary>
public readonly ref struct Icmpv6Header
{
    /// <summary>Bytes every ICMPv6 message has (type, code, checksum).</summary>
    public const int MinimumLength = 4;

    private readonly ReadOnlySpan<byte> _bytes;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal Icmpv6Header(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 4-byte common header.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out Icmpv6Header header, out DecodeError error) =>
        TryReadAtLeast(bytes, MinimumLength, out header, out error);

    /// <summary>
    /// The lax variant for printing a cut-off message as tcpdump does: needs only the type (1 byte). <see cref="Code"/> may
    /// be read only when <see cref="CapturedLength"/> is 2 or more, <see cref="Checksum"/> when 4 or more.
    /// </summary>
    public static bool TryReadType(ReadOnlySpan<byte> bytes, out Icmpv6Header header, out DecodeError error) =>
        TryReadAtLeast(bytes, 1, out header, out error);

    /// <summary>The bytes captured of the message (at least <see cref="MinimumLength"/> after <see cref="TryRead"/>).</summary>
    public int CapturedLength => _bytes.Length;
    /// <summary>Message type (1-127 errors, 128-255 informational).</summary>
    public byte Type => _bytes[0];
    /// <summary>Message code.</summary>
    public byte Code => _bytes[1];
    /// <summary>Checksum.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>True for error messages (type below 128), whose body quotes the offending packet after 4 bytes.</summary>
    public bool IsError => Type < 128;
    /// <summary>Echo identifier (echo request/reply), when the body has it; otherwise 0.</summary>
    public ushort Identifier => _bytes.Length >= 6 ? BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]) : (ushort)0;
    /// <summary>Echo sequence number (echo request/reply), when the body has it; otherwise 0.</summary>
    public ushort SequenceNumber => _bytes.Length >= 8 ? BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]) : (ushort)0;
    /// <summary>Packet too big: the MTU (bytes 4-7), when captured; otherwise 0.</summary>
    public uint Mtu => _bytes.Length >= 8 ? BinaryPrimitives.ReadUInt32BigEndian(_bytes[4..]) : 0;
    /// <summary>Parameter problem: the offset of the offending octet (bytes 4-7), when captured; otherwise 0.</summary>
    public uint Pointer => _bytes.Length >= 8 ? BinaryPrimitives.ReadUInt32BigEndian(_bytes[4..]) : 0;
    /// <summary>The message after type, code and checksum (empty when they were cut off).</summary>
    public ReadOnlySpan<byte> Body => _bytes.Length > MinimumLength ? _bytes[MinimumLength..] : default;
    /// <summary>Errors: the captured part of the invoking packet, after the 4-byte unused/MTU/pointer field.</summary>
    public ReadOnlySpan<byte> InvokingPacket => _bytes.Length > 8 ? _bytes[8..] : default;
    /// <summary>The captured bytes from the start of the message.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    private static bool TryReadAtLeast(ReadOnlySpan<byte> bytes, int needed, out Icmpv6Header header, out DecodeError error)
    {
        if (bytes.Length < needed)
        {
            header = default;
            error = DecodeError.Truncated("icmp6", needed, bytes.Length);
            return false;
        }
        header = new Icmpv6Header(bytes);
        error = default;
        return true;
    }
}
