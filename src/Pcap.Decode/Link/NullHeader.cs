using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>BSD loopback (LINKTYPE_NULL, host byte order) and OpenBSD loopback (LINKTYPE_LOOP, network order): a 4-byte address family.</summary>
public readonly ref struct NullHeader
{
    /// <summary>Bytes in the header.</summary>
    public const int Length = 4;

    private readonly ReadOnlySpan<byte> _bytes;
    private readonly bool _networkOrder;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal NullHeader(ReadOnlySpan<byte> bytes, bool networkOrder)
    {
        _bytes = bytes;
        _networkOrder = networkOrder;
    }

    /// <summary>Reads the header; <paramref name="networkOrder"/> is true for LOOP.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, bool networkOrder, out NullHeader header, out DecodeError error)
    {
        if (frame.Length < Length)
        {
            header = default;
            error = DecodeError.Truncated("null", Length, frame.Length);
            return false;
        }
        header = new NullHeader(frame, networkOrder);
        error = default;
        return true;
    }

    /// <summary>
    /// The address family as tcpdump reads it for both encapsulations: in host byte order, swapped when the upper 16 bits
    /// are set (so a LOOP family written in either order still names its family).
    /// </summary>
    public uint Family
    {
        get
        {
            var family = BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(_bytes) : BinaryPrimitives.ReadUInt32BigEndian(_bytes);
            return (family & 0xFFFF0000) != 0 ? BinaryPrimitives.ReverseEndianness(family) : family;
        }
    }

    /// <summary>True when the family is AF_INET (2).</summary>
    public bool IsIpv4 => Family == 2;
    /// <summary>True when the family is one of the AF_INET6 values of BSD, FreeBSD and Darwin (24, 28, 30).</summary>
    public bool IsIpv6 => Family is 24 or 28 or 30;
    /// <summary>True for LOOP, whose family is specified in network byte order (tcpdump reads it as it reads NULL's).</summary>
    public bool NetworkOrder => _networkOrder;

    /// <summary>The bytes after the header.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Length..];
}
