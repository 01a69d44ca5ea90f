using System.Buffers.Binary;

namespace Pcap.Decode.Application;

/// <summary>
/// A PIM message (IP protocol 103, RFC 7761): the 4-byte header (version, type, the reserved byte that RFC 5015 splits
/// into a subtype and RFC 2117 used for an address length, the checksum) and the type's body, whose addresses are
/// <see cref="PimEncodedAddress"/>es.
/// </summary>
public readonly ref struct PimPacket
{
    /// <summary>Bytes in the common header.</summary>
    public const int HeaderLength = 4;
    /// <summary>The IP protocol number of PIM.</summary>
    public const byte IpProtocolNumber = 103;
    /// <summary>Hello: options as type-length-value records.</summary>
    public const int Hello = 0;
    /// <summary>Register: flags, then the encapsulated multicast packet.</summary>
    public const int Register = 1;
    /// <summary>Register-Stop: group and source.</summary>
    public const int RegisterStop = 2;
    /// <summary>Join/Prune: upstream neighbor, groups with their joined and pruned sources.</summary>
    public const int JoinPrune = 3;
    /// <summary>Bootstrap: the BSR and the group-to-RP sets.</summary>
    public const int Bootstrap = 4;
    /// <summary>Assert: group, source, preference and metric.</summary>
    public const int Assert = 5;
    /// <summary>Graft (dense mode): laid out as Join/Prune.</summary>
    public const int Graft = 6;
    /// <summary>Graft-Ack (dense mode): laid out as Join/Prune without the upstream neighbor's use.</summary>
    public const int GraftAck = 7;
    /// <summary>Candidate-RP advertisement.</summary>
    public const int CandidateRp = 8;
    /// <summary>State Refresh (RFC 3973).</summary>
    public const int PruneRefresh = 9;
    /// <summary>DF Election (RFC 5015, bidirectional PIM).</summary>
    public const int DfElection = 10;

    private readonly ReadOnlySpan<byte> _bytes;

    private PimPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 4-byte header at the start of <paramref name="bytes"/> (an IP payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out PimPacket packet, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("pim", HeaderLength, bytes.Length);
            return false;
        }
        packet = new PimPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>
    /// Lax read for printing a cut-off message as far as it goes: succeeds on any non-empty <paramref name="bytes"/>; a field
    /// may be read only when <see cref="Captured"/> reaches past its last byte.
    /// </summary>
    public static bool TryReadPartial(ReadOnlySpan<byte> bytes, out PimPacket packet)
    {
        packet = bytes.IsEmpty ? default : new PimPacket(bytes);
        return !bytes.IsEmpty;
    }

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The captured message.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
    /// <summary>The version, the high nibble of the first byte (2 today; 1 was carried in IGMP).</summary>
    public int Version => _bytes[0] >> 4;
    /// <summary>The message type, the low nibble of the first byte.</summary>
    public int Type => _bytes[0] & 0x0f;
    /// <summary>RFC 5015's subtype, the high nibble of the second byte (DF Election: offer, winner, backoff, pass).</summary>
    public int Subtype => _bytes[1] >> 4;
    /// <summary>RFC 2117's unicast address length in the low nibble of the second byte (0: addresses carry their family).</summary>
    public int AddressLength => _bytes[1] & 0x0f;
    /// <summary>The checksum field.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>The captured bytes after the header.</summary>
    public ReadOnlySpan<byte> Body => _bytes[HeaderLength..];
}

/// <summary>Which of PIM's three encoded address forms a field holds.</summary>
public enum PimAddressKind
{
    /// <summary>Encoded-Unicast: family, encoding, address.</summary>
    Unicast,
    /// <summary>Encoded-Group: family, encoding, flags, mask length, address.</summary>
    Group,
    /// <summary>Encoded-Source: as a group address, with the S, W and R flags.</summary>
    Source,
}

/// <summary>
/// One PIM encoded address: its family (IPv4 or IPv6), the address, and for group and source addresses the mask length and
/// flags byte. With RFC 2117's address length in the header the family and encoding bytes are absent.
/// </summary>
public readonly ref struct PimEncodedAddress
{
    private PimEncodedAddress(ReadOnlySpan<byte> address, byte flags, byte maskLength, int encodedLength)
    {
        Address = address;
        Flags = flags;
        MaskLength = maskLength;
        EncodedLength = encodedLength;
    }

    /// <summary>The 4- or 16-byte address.</summary>
    public ReadOnlySpan<byte> Address { get; }
    /// <summary>A group's or source's flags byte (source: 0x04 S, 0x02 W, 0x01 R); 0 for a unicast address.</summary>
    public byte Flags { get; }
    /// <summary>A group's or source's mask length.</summary>
    public byte MaskLength { get; }
    /// <summary>Bytes the encoded address takes.</summary>
    public int EncodedLength { get; }
    /// <summary>True for an IPv6 address.</summary>
    public bool IsIpv6 => Address.Length == 16;

    /// <summary>
    /// Reads a <paramref name="kind"/> address at the start of <paramref name="bytes"/> (captured), of which the message says
    /// <paramref name="length"/> remain; <paramref name="addressLength"/> is the header's RFC 2117 length (0: encoded family).
    /// False when the family or encoding is unknown, or the address reaches past <paramref name="length"/> or the capture.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, int length, PimAddressKind kind, int addressLength, out PimEncodedAddress address)
    {
        address = default;
        var prefix = 0;
        if (addressLength == 0)
        {
            if (length < 2 || bytes.Length < 2)
                return false;
            addressLength = bytes[0] switch { 1 => 4, 2 => 16, _ => 0 };
            if (addressLength == 0 || bytes[1] != 0)
                return false;
            prefix = 2;
        }
        else if (addressLength is not (4 or 16))
        {
            return false;
        }
        var flagBytes = kind == PimAddressKind.Unicast ? 0 : 2;
        var total = prefix + flagBytes + addressLength;
        if (length < total || bytes.Length < total)
            return false;
        var at = bytes[prefix..];
        address = kind == PimAddressKind.Unicast
            ? new PimEncodedAddress(at[..addressLength], 0, 0, total)
            : new PimEncodedAddress(at.Slice(2, addressLength), at[0], at[1], total);
        return true;
    }
}
