using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>
/// One IPv6 extension header (hop-by-hop, routing, fragment, destination options, and AH when asked for): next header and length.
/// </summary>
public readonly ref struct Ipv6ExtensionHeader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly IpProtocol _kind;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal Ipv6ExtensionHeader(ReadOnlySpan<byte> bytes, IpProtocol kind)
    {
        _bytes = bytes;
        _kind = kind;
    }

    /// <summary>True for the next-header values that are extension headers this reader walks.</summary>
    public static bool IsExtension(IpProtocol protocol) => protocol.Value is 0 or 43 or 44 or 60;

    /// <summary>Reads an extension header of kind <paramref name="kind"/> at the start of <paramref name="bytes"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, IpProtocol kind, out Ipv6ExtensionHeader header, out DecodeError error)
    {
        header = default;
        var needed = kind.Value == 44 ? 8 : 2;
        if (bytes.Length < needed)
        {
            error = DecodeError.Truncated("ip6-ext", needed, bytes.Length);
            return false;
        }
        var length = LengthOf(kind, bytes);
        if (bytes.Length < length)
        {
            error = DecodeError.Truncated("ip6-ext", length, bytes.Length);
            return false;
        }
        header = new Ipv6ExtensionHeader(bytes, kind);
        error = default;
        return true;
    }

    /// <summary>
    /// The lax variant for printing a cut-off header as tcpdump does: never fails. Fields can be read only as far as
    /// <see cref="Available"/> reaches (all of them when <see cref="IsComplete"/>); <see cref="RoutingAddress"/> says
    /// itself when an address was not captured.
    /// </summary>
    public static Ipv6ExtensionHeader ReadLax(ReadOnlySpan<byte> bytes, IpProtocol kind) => new(bytes, kind);

    /// <summary>The bytes captured from this header's start on (its payload included).</summary>
    public int Available => _bytes.Length;
    /// <summary>True when the whole header was captured (always, after <see cref="TryRead"/>).</summary>
    public bool IsComplete => _bytes.Length >= (_kind.Value == 44 ? 8 : 2) && _bytes.Length >= Length;
    /// <summary>The header's own length byte: 8-byte units after the first 8 (unused by the fragment header).</summary>
    public byte LengthField => _bytes[1];
    /// <summary>The options of a hop-by-hop or destination-options header (after the next-header and length bytes).</summary>
    public ReadOnlySpan<byte> Options => _bytes[2..Length];
    /// <summary>The options of a hop-by-hop or destination-options header one at a time.</summary>
    public Ipv6Options OptionList => new(Options);
    /// <summary>The routing type (routing header only).</summary>
    public byte RoutingType => _bytes[2];
    /// <summary>Segments left (routing header only).</summary>
    public byte SegmentsLeft => _bytes[3];
    /// <summary>The reserved word of a type 0 or 2 routing header.</summary>
    public uint RoutingReserved => BinaryPrimitives.ReadUInt32BigEndian(_bytes[4..]);
    /// <summary>The last entry of a segment-routing header (type 4).</summary>
    public byte LastEntry => _bytes[4];
    /// <summary>The flags of a segment-routing header (type 4).</summary>
    public byte SegmentRoutingFlags => _bytes[5];
    /// <summary>The tag of a segment-routing header (type 4).</summary>
    public ushort SegmentRoutingTag => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);
    /// <summary>
    /// The routing header's address (or segment) <paramref name="index"/> (16 bytes after the first 8), empty when it was
    /// not captured.
    /// </summary>
    public ReadOnlySpan<byte> RoutingAddress(int index)
    {
        var at = 8 + index * 16;
        return index >= 0 && _bytes.Length >= at + 16 ? _bytes.Slice(at, 16) : default;
    }
    /// <summary>The kind of this header.</summary>
    public IpProtocol Kind => _kind;
    /// <summary>The header that follows.</summary>
    public IpProtocol NextHeader => new(_bytes[0]);
    /// <summary>Total bytes of this header.</summary>
    public int Length => LengthOf(_kind, _bytes);
    /// <summary>Fragment offset in bytes (fragment header only).</summary>
    public int FragmentOffset => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]) & 0xfff8;
    /// <summary>More-fragments flag (fragment header only).</summary>
    public bool MoreFragments => (_bytes[3] & 1) != 0;
    /// <summary>Fragment identification (fragment header only).</summary>
    public uint FragmentIdentification => BinaryPrimitives.ReadUInt32BigEndian(_bytes[4..]);
    /// <summary>The raw bytes of this header.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes[..Length];
    /// <summary>Everything after this header.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Length..];

    // The fragment header is always 8 bytes; AH (RFC 4302) counts 4-byte units less 2, the others 8-byte units less 1.
    private static int LengthOf(IpProtocol kind, ReadOnlySpan<byte> bytes) => kind.Value switch
    {
        44 => 8,
        51 => (bytes[1] + 2) * 4,
        _ => (bytes[1] + 1) * 8,
    };
}
