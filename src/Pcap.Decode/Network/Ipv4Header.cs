using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Pcap.Decode.Network;

/// <summary>An IPv4 header, validated for version and header length; the total length is reported, not enforced (tcpdump prints bad lengths).</summary>
public readonly ref struct Ipv4Header
{
    /// <summary>Bytes in a header without options.</summary>
    public const int MinimumLength = 20;

    private readonly ReadOnlySpan<byte> _bytes;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal Ipv4Header(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header: needs 20 bytes, version 4 and a header length of at least 20 that fits in <paramref name="bytes"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out Ipv4Header header, out DecodeError error)
    {
        if (!TryReadLax(bytes, out header, out error))
            return false;
        var headerLength = header.HeaderLength;
        if (headerLength < MinimumLength)
        {
            header = default;
            error = DecodeError.Invalid("ip", MinimumLength, headerLength);
            return false;
        }
        if (bytes.Length < headerLength)
        {
            header = default;
            error = DecodeError.Truncated("ip", headerLength, bytes.Length);
            return false;
        }
        return true;
    }

    /// <summary>
    /// The lax variant for printing a cut-off or malformed header as tcpdump does: needs only the fixed 20 bytes and
    /// version 4. The header length is not checked (it may be under 20 or reach past the captured bytes): see
    /// <see cref="IsHeaderComplete"/>; <see cref="Options"/>, <see cref="HeaderBytes"/> and <see cref="Payload"/> then hold
    /// what was captured of them.
    /// </summary>
    public static bool TryReadLax(ReadOnlySpan<byte> bytes, out Ipv4Header header, out DecodeError error)
    {
        header = default;
        if (bytes.Length < MinimumLength)
        {
            error = DecodeError.Truncated("ip", MinimumLength, bytes.Length);
            return false;
        }
        if (bytes[0] >> 4 != 4)
        {
            error = DecodeError.Invalid("ip", 4, bytes[0] >> 4);
            return false;
        }
        header = new Ipv4Header(bytes);
        error = default;
        return true;
    }

    /// <summary>The header length when <see cref="TryRead"/> would accept <paramref name="bytes"/>, else 0: the layer walk's check, without building an error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ValidHeaderLength(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < MinimumLength || bytes[0] >> 4 != 4)
            return 0;
        int headerLength = (bytes[0] & 0x0f) * 4;
        return headerLength >= MinimumLength && headerLength <= bytes.Length ? headerLength : 0;
    }

    /// <summary>
    /// The lax variant for the datagram an ICMP error quotes, which tcpdump reads as it finds it: needs only the first 4
    /// bytes (up to the total length) and checks neither the version nor the header length. The fields past them may be
    /// read only when <see cref="HasFixedPart"/>; <see cref="Options"/>, <see cref="HeaderBytes"/> and <see cref="Payload"/> not at all.
    /// </summary>
    public static bool TryReadQuoted(ReadOnlySpan<byte> bytes, out Ipv4Header header, out DecodeError error)
    {
        if (bytes.Length < 4)
        {
            header = default;
            error = DecodeError.Truncated("ip", 4, bytes.Length);
            return false;
        }
        header = new Ipv4Header(bytes);
        error = default;
        return true;
    }

    /// <summary>The version of the IP header starting <paramref name="bytes"/> (4 or 6 for IP), or -1 when there is no byte: what picks the IP printer.</summary>
    public static int ReadVersion(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? -1 : bytes[0] >> 4;

    /// <summary>True when the header length is at least 20 and all of it was captured (always, after <see cref="TryRead"/>).</summary>
    public bool IsHeaderComplete => HeaderLength >= MinimumLength && _bytes.Length >= HeaderLength;
    /// <summary>True when the fixed 20 bytes were captured (always, after <see cref="TryRead"/>).</summary>
    public bool HasFixedPart => _bytes.Length >= MinimumLength;

    /// <summary>Header length in bytes (IHL × 4).</summary>
    public int HeaderLength => (_bytes[0] & 0x0f) * 4;
    /// <summary>Type of service byte (DSCP and ECN).</summary>
    public byte TypeOfService => _bytes[1];
    /// <summary>Total length field.</summary>
    public ushort TotalLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(2, 2));
    /// <summary>Identification.</summary>
    public ushort Identification => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(4, 2));
    /// <summary>Flags and fragment offset word.</summary>
    public ushort FlagsAndOffset => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(6, 2));
    /// <summary>Don't-fragment flag.</summary>
    public bool DontFragment => (FlagsAndOffset & 0x4000) != 0;
    /// <summary>The reserved (evil) flag bit.</summary>
    public bool ReservedFlag => (FlagsAndOffset & 0x8000) != 0;
    /// <summary>True for any fragment: more fragments follow or the offset is not 0.</summary>
    public bool IsFragment => (FlagsAndOffset & 0x3fff) != 0;
    /// <summary>More-fragments flag.</summary>
    public bool MoreFragments => (FlagsAndOffset & 0x2000) != 0;
    /// <summary>Fragment offset in bytes.</summary>
    public int FragmentOffset => (FlagsAndOffset & 0x1fff) * 8;
    /// <summary>Time to live.</summary>
    public byte TimeToLive => _bytes[8];
    /// <summary>The payload's protocol.</summary>
    public IpProtocol Protocol => new(_bytes[9]);
    /// <summary>Header checksum.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(10, 2));
    /// <summary>Source address (4 bytes).</summary>
    public ReadOnlySpan<byte> Source => _bytes.Slice(12, 4);
    /// <summary>Destination address (4 bytes).</summary>
    public ReadOnlySpan<byte> Destination => _bytes.Slice(16, 4);
    /// <summary>Options bytes (between the fixed header and the header length; after <see cref="TryReadLax"/>, what was captured of them).</summary>
    public ReadOnlySpan<byte> Options => _bytes[MinimumLength..CapturedHeaderEnd];
    /// <summary>
    /// The declared length of the options (header length minus 20, negative for a bad header length), which
    /// <see cref="Options"/> falls short of when the header was cut off.
    /// </summary>
    public int OptionsLength => HeaderLength - MinimumLength;
    /// <summary>
    /// The captured bytes from the options on, past the header too: tcpdump reads an option's length byte there when the
    /// options end right after its type byte.
    /// </summary>
    internal ReadOnlySpan<byte> OptionsOnward => _bytes[MinimumLength..];
    /// <summary>
    /// tcpdump's ip_finddst: the last address of the first loose or strict source route option long enough to hold one,
    /// the destination TCP and UDP checksums cover; empty (use <see cref="Destination"/>) without one, or when the options
    /// are malformed or not all captured.
    /// </summary>
    public ReadOnlySpan<byte> SourceRouteDestination
    {
        get
        {
            if (!IsHeaderComplete)
                return default;
            foreach (var option in OptionList)
            {
                if (option.Type == 0)
                    break;
                if (option.Type is 131 or 137 && option.Length >= 7)
                    return option.Bytes.Slice(option.Length - 4, 4);
            }
            return default;
        }
    }
    /// <summary>The options one at a time.</summary>
    public TlvOptions OptionList => new(Options, "ip-option");
    /// <summary>True when this is a fragment after the first, whose payload does not start with the next header.</summary>
    public bool IsLaterFragment => FragmentOffset != 0;
    /// <summary>The header bytes (fixed part and options).</summary>
    public ReadOnlySpan<byte> HeaderBytes => _bytes[..CapturedHeaderEnd];
    /// <summary>Everything captured after the header (may exceed or fall short of the total length; empty when the header was cut off).</summary>
    public ReadOnlySpan<byte> Payload => _bytes[CapturedHeaderEnd..];

    // Where the captured header ends: the header length, at least 20 and at most what a lax read captured.
    private int CapturedHeaderEnd => Math.Min(Math.Max(HeaderLength, MinimumLength), _bytes.Length);
}
