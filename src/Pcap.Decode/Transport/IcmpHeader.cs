using System.Buffers.Binary;

namespace Pcap.Decode.Transport;

/// <summary>
/// An ICMP or ICMPv6 message (the two share their layout): type, code, checksum and the 4-byte rest-of-header, then the body.
/// </summary>
public readonly ref struct IcmpHeader
{
    /// <summary>Bytes in the fixed header.</summary>
    public const int Length = 8;

    private readonly ReadOnlySpan<byte> _bytes;

    private IcmpHeader(ReadOnlySpan<byte> bytes, bool isIpv6)
    {
        _bytes = bytes;
        IsIpv6 = isIpv6;
    }

    /// <summary>Reads the 8-byte header of an ICMP message, or of an ICMPv6 message when <paramref name="ipv6"/> is true.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out IcmpHeader header, out DecodeError error, bool ipv6 = false)
    {
        if (bytes.Length < Length)
        {
            header = default;
            error = DecodeError.Truncated(ipv6 ? "icmp6" : "icmp", Length, bytes.Length);
            return false;
        }
        header = new IcmpHeader(bytes, ipv6);
        error = default;
        return true;
    }

    /// <summary>True for an ICMPv6 message.</summary>
    public bool IsIpv6 { get; }
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
    /// <summary>Everything after the 8-byte header (for errors: the quoted IP datagram).</summary>
    public ReadOnlySpan<byte> Body => _bytes[Length..];
}
