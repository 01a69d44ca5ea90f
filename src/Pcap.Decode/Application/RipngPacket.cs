namespace Pcap.Decode.Application;

/// <summary>
/// A RIPng packet (RFC 2080; UDP port 521): command, version, then 20-byte route entries of IPv6 prefix, route tag,
/// prefix length and metric.
/// </summary>
public readonly ref struct RipngPacket
{
    /// <summary>The UDP port of RIPng.</summary>
    public const ushort Port = 521;
    /// <summary>Bytes before the first entry.</summary>
    public const int HeaderLength = 4;
    /// <summary>Bytes in one route entry.</summary>
    public const int EntryLength = 20;
    /// <summary>The metric meaning unreachable (and, in a lone request entry with prefix ::, "send the whole table").</summary>
    public const byte Infinity = 16;

    private readonly ReadOnlySpan<byte> _bytes;

    private RipngPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Lax read: wraps whatever was captured; check <see cref="Captured"/> before each field.</summary>
    public static RipngPacket Wrap(ReadOnlySpan<byte> bytes) => new(bytes);

    /// <summary>Reads the header at the start of <paramref name="bytes"/> (a UDP payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out RipngPacket packet, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("ripng", HeaderLength, bytes.Length);
            return false;
        }
        packet = new RipngPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>1 request, 2 response.</summary>
    public byte Command => _bytes[0];
    /// <summary>The version (1).</summary>
    public byte Version => _bytes[1];
    /// <summary>The prefix of entry <paramref name="index"/> (16 bytes).</summary>
    public ReadOnlySpan<byte> Prefix(int index) => _bytes.Slice(HeaderLength + index * EntryLength, 16);
    /// <summary>The route tag of entry <paramref name="index"/>.</summary>
    public ushort Tag(int index) => (ushort)(_bytes[HeaderLength + index * EntryLength + 16] << 8 | _bytes[HeaderLength + index * EntryLength + 17]);
    /// <summary>The prefix length of entry <paramref name="index"/>.</summary>
    public byte PrefixLength(int index) => _bytes[HeaderLength + index * EntryLength + 18];
    /// <summary>The metric of entry <paramref name="index"/>.</summary>
    public byte Metric(int index) => _bytes[HeaderLength + index * EntryLength + 19];
}
