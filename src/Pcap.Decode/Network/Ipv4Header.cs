using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>An IPv4 header, validated for version and header length; the total length is reported, not enforced (tcpdump prints bad lengths).</summary>
public readonly ref struct Ipv4Header
{
    /// <summary>Bytes in a header without options.</summary>
    public const int MinimumLength = 20;

    private readonly ReadOnlySpan<byte> _bytes;

    private Ipv4Header(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header: needs 20 bytes, version 4 and a header length of at least 20 that fits in <paramref name="bytes"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out Ipv4Header header, out DecodeError error)
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
        var headerLength = (bytes[0] & 0x0f) * 4;
        if (headerLength < MinimumLength)
        {
            error = DecodeError.Invalid("ip", MinimumLength, headerLength);
            return false;
        }
        if (bytes.Length < headerLength)
        {
            error = DecodeError.Truncated("ip", headerLength, bytes.Length);
            return false;
        }
        header = new Ipv4Header(bytes);
        error = default;
        return true;
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

    /// <summary>True when the fixed 20 bytes were captured (always, after <see cref="TryRead"/>).</summary>
    public bool HasFixedPart => _bytes.Length >= MinimumLength;
    /// <summary>Header length in bytes (IHL × 4).</summary>
    public int HeaderLength => (_bytes[0] & 0x0f) * 4;
    /// <summary>Type of service byte (DSCP and ECN).</summary>
    public byte TypeOfService => _bytes[1];
    /// <summary>Total length field.</summary>
    public ushort TotalLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>Identification.</summary>
    public ushort Identification => BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]);
    /// <summary>Flags and fragment offset word.</summary>
    public ushort FlagsAndOffset => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);
    /// <summary>Don't-fragment flag.</summary>
    public bool DontFragment => (FlagsAndOffset & 0x4000) != 0;
    /// <summary>More-fragments flag.</summary>
    public bool MoreFragments => (FlagsAndOffset & 0x2000) != 0;
    /// <summary>Fragment offset in bytes.</summary>
    public int FragmentOffset => (FlagsAndOffset & 0x1fff) * 8;
    /// <summary>Time to live.</summary>
    public byte TimeToLive => _bytes[8];
    /// <summary>The payload's protocol.</summary>
    public IpProtocol Protocol => new(_bytes[9]);
    /// <summary>Header checksum.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[10..]);
    /// <summary>Source address (4 bytes).</summary>
    public ReadOnlySpan<byte> Source => _bytes.Slice(12, 4);
    /// <summary>Destination address (4 bytes).</summary>
    public ReadOnlySpan<byte> Destination => _bytes.Slice(16, 4);
    /// <summary>Options bytes (between the fixed header and the header length).</summary>
    public ReadOnlySpan<byte> Options => _bytes[MinimumLength..HeaderLength];
    /// <summary>The options one at a time.</summary>
    public TlvOptions OptionList => new(Options, "ip-option");
    /// <summary>True when this is a fragment after the first, whose payload does not start with the next header.</summary>
    public bool IsLaterFragment => FragmentOffset != 0;
    /// <summary>The header bytes (fixed part and options).</summary>
    public ReadOnlySpan<byte> HeaderBytes => _bytes[..HeaderLength];
    /// <summary>Everything captured after the header (may exceed or fall short of the total length).</summary>
    public ReadOnlySpan<byte> Payload => _bytes[HeaderLength..];
}
