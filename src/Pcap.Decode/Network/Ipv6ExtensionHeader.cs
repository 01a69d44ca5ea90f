using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>
/// One IPv6 extension header (hop-by-hop, routing, fragment, destination options, and AH when asked for): next header and length.
/// </summary>
public readonly ref struct Ipv6ExtensionHeader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly IpProtocol _kind;

    private Ipv6ExtensionHeader(ReadOnlySpan<byte> bytes, IpProtocol kind)
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
