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
    public static bool TryRead(ReadOnlySpan<byte> bytes, out IcmpHeader header, out DecodeError error)
    {
        if (bytes.Length < Length)
        {
            header = default;
            error = DecodeError.Truncated("icmp", Length, bytes.Length);
            return false;
        }
        header = new IcmpHeader(bytes);
        error = default;
        return true;
    }

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
