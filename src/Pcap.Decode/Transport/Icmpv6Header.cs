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
    public static bool TryRead(ReadOnlySpan<byte> bytes, out Icmpv6Header header, out DecodeError error)
    {
        if (bytes.Length < MinimumLength)
        {
            header = default;
            error = DecodeError.Truncated("icmp6", MinimumLength, bytes.Length);
            return false;
        }
        header = new Icmpv6Header(bytes);
        error = default;
        return true;
    }

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
    /// <summary>The message after type, code and checksum.</summary>
    public ReadOnlySpan<byte> Body => _bytes[MinimumLength..];
}
