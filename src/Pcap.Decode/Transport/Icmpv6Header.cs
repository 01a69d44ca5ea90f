using System.Buffers.Binary;

namespace Pcap.Decode.Transport;

/// <summary>An ICMPv6 message: type, code, checksum and the 4-byte message-specific word, then the body.</summary>
public readonly ref struct Icmpv6Header
{
    /// <summary>Bytes in the fixed header.</summary>
    public const int Length = 8;

    private readonly ReadOnlySpan<byte> _bytes;

    private Icmpv6Header(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 8-byte header.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out Icmpv6Header header, out DecodeError error)
    {
        if (bytes.Length < Length)
        {
            header = default;
            error = DecodeError.Truncated("icmp6", Length, bytes.Length);
            return false;
        }
        header = new Icmpv6Header(bytes);
        error = default;
        return true;
    }

    /// <summary>Message type.</summary>
    public byte Type => _bytes[0];
    /// <summary>Message code.</summary>
    public byte Code => _bytes[1];
    /// <summary>Checksum.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>Identifier (echo).</summary>
    public ushort Identifier => BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]);
    /// <summary>Sequence number (echo).</summary>
    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);
    /// <summary>The message-specific word (MTU, pointer, flags).</summary>
    public uint MessageWord => BinaryPrimitives.ReadUInt32BigEndian(_bytes[4..]);
    /// <summary>Everything after the 8-byte header.</summary>
    public ReadOnlySpan<byte> Body => _bytes[Length..];
}
