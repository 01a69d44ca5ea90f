using System.Buffers.Binary;
using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>
/// BGP UPDATE as tcpdump 4.99's print-bgp.c prints it: withdrawn IPv4 routes, the path attributes (origin, AS path,
/// next hop, MED, local preference, aggregator, communities, originator, cluster list, large communities; the others
/// named and dumped) and the announced IPv4 prefixes, each with an ADD-PATH identifier when tcpdump guesses one is there.
/// </summary>
internal static class BgpUpdatePrinter
{
    /// <summary>How an attribute's printer ended: printed, cut by the capture (tcpdump's trunc), or the packet given up.</summary>
    private enum AttributeResult
    {
        Printed,
        Truncated,
        Abandoned,
    }

    private const uint NoExport = 0xffffff01, NoAdvertise = 0xffffff02, NoExportSubconfederation = 0xffffff03;

    /// <summary>
    /// Prints an UPDATE of <paramref name="messageLength"/> bytes; <paramref name="bytes"/> holds every captured byte from its
    /// marker on. False where tcpdump gives up the whole packet (a read past the capture).
    /// </summary>
    public static bool Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int messageLength)
    {
        var length = (uint)messageLength - BgpMessage.HeaderLength;
        var at = BgpMessage.HeaderLength;
        if (bytes.Length < at + 2 || length < 2)
            return Truncated(ref writer, state);
        var withdrawnLength = (uint)BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
        at += 2;
        length -= 2;
        if (bytes.Length < at + withdrawnLength || length < withdrawnLength)
            return Truncated(ref writer, state);
        if (withdrawnLength > 1)
        {
            writer.Append("\n\t  Withdrawn routes:");
            var addPath = LooksLikeAddPath(bytes, at, withdrawnLength, 32);
            while (withdrawnLength != 0)
            {
                uint pathId = 0;
                if (addPath)
                {
                    if (withdrawnLength < 4)
                    {
                        at += (int)withdrawnLength;
                        length -= withdrawnLength;
                        break;
                    }
                    pathId = BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]);
                    at += 4;
                    length -= 4;
                    withdrawnLength -= 4;
                }
                var used = WritePrefix(ref writer, state, bytes, at, withdrawnLength);
                if (used == -1)
                {
                    writer.Append("\n\t    (illegal prefix length)");
                    break;
                }
                if (used < 0)
                    return used == -3 ? false : Truncated(ref writer, state);
                if (addPath)
                {
                    writer.Append("   Path Id: ");
                    writer.AppendDecimal(pathId);
                }
                at += used;
                length -= (uint)used;
                withdrawnLength -= (uint)used;
            }
        }
        else
        {
            at += (int)withdrawnLength;
            length -= withdrawnLength;
        }
        if (bytes.Length < at + 2 || length < 2)
            return Truncated(ref writer, state);
        var attributesLength = (uint)BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
        at += 2;
        length -= 2;
        if (withdrawnLength == 0 && attributesLength == 0 && length == 0)
        {
            writer.Append("\n\t  End-of-Rib Marker (empty NLRI)");
            return true;
        }
        if (attributesLength != 0)
        {
            if (length < attributesLength)
                return Truncated(ref writer, state);
            while (attributesLength != 0)
            {
                if (bytes.Length < at + 2 || length < 2)
                    return Truncated(ref writer, state);
                if (attributesLength < 2)
                {
                    writer.Append("\n\t  [path attrs too short]");
                    at += (int)attributesLength;
                    length -= attributesLength;
                    break;
                }
                var flags = bytes[at];
                var type = bytes[at + 1];
                at += 2;
                attributesLength -= 2;
                length -= 2;
                var lengthLength = (flags & 0x10) != 0 ? 2u : 1u;
                if (bytes.Length < at + lengthLength || length < lengthLength)
                    return Truncated(ref writer, state);
                if (attributesLength < lengthLength)
                {
                    writer.Append("\n\t  [path attrs too short]");
                    at += (int)attributesLength;
                    length -= attributesLength;
                    break;
                }
                var attributeLength = lengthLength == 2 ? BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]) : bytes[at];
                at += (int)lengthLength;
                attributesLength -= lengthLength;
                length -= lengthLength;
                WriteAttributeHeader(ref writer, flags, type, attributeLength);
                if (attributesLength < attributeLength)
                {
                    writer.Append(" [path attrs too short]");
                    at += (int)attributesLength;
                    length -= attributesLength;
                    break;
                }
                if (length < attributeLength)
                    return Truncated(ref writer, state);
                var result = PrintAttribute(ref writer, state, type, bytes[at..], attributeLength);
                if (result != AttributeResult.Printed)
                    return result == AttributeResult.Abandoned ? false : Truncated(ref writer, state);
                at += attributeLength;
                attributesLength -= attributeLength;
                length -= attributeLength;
            }
        }
        if (length == 0)
            return true;
        var announcedAddPath = LooksLikeAddPath(bytes, at, length, 32);
        writer.Append("\n\t  Updated routes:");
        while (length != 0)
        {
            uint pathId = 0;
            if (announcedAddPath)
            {
                if (bytes.Length < at + 4 || length < 4)
                    return Truncated(ref writer, state);
                pathId = BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]);
                at += 4;
                length -= 4;
            }
            var used = WritePrefix(ref writer, state, bytes, at, length);
            if (used == -1)
            {
                writer.Append("\n\t    (illegal prefix length)");
                break;
            }
            if (used < 0)
                return used == -3 ? false : Truncated(ref writer, state);
            if (announcedAddPath)
            {
                writer.Append("   Path Id: ");
                writer.AppendDecimal(pathId);
            }
            at += used;
            length -= (uint)used;
        }
        return true;
    }

    private static void WriteAttributeHeader(ref LineWriter writer, byte flags, byte type, int length)
    {
        writer.Append("\n\t  ");
        writer.Append(AttributeName(type) ?? "Unknown Attribute");
        writer.Append(" (");
        writer.AppendDecimal(type);
        writer.Append("), length: ");
        writer.AppendDecimal((uint)length);
        if (flags == 0)
            return;
        writer.Append(", Flags [");
        if ((flags & 0x80) != 0)
            writer.Append('O');
        if ((flags & 0x40) != 0)
            writer.Append('T');
        if ((flags & 0x20) != 0)
            writer.Append('P');
        if ((flags & 0x10) != 0)
            writer.Append('E');
        if ((flags & 0xf) != 0)
        {
            writer.Append('+');
            writer.AppendHex((uint)(flags & 0xf));
        }
        writer.Append("]: ");
    }

    /// <summary>
    /// tcpdump's decode_prefix4 and the line it goes on: the bytes used, -1 for a length over 32, -2 when the prefix
    /// reaches past <paramref name="itemLength"/>, -3 (packet given up) past the capture.
    /// </summary>
    private static int WritePrefix(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int at, uint itemLength)
    {
        if (itemLength < 1)
            return -2;
        if (bytes.Length <= at)
            return Abandon(ref writer, state);
        var prefixLength = bytes[at];
        if (prefixLength > 32)
            return -1;
        var prefixBytes = (prefixLength + 7) / 8;
        if (itemLength - 1 < prefixBytes)
            return -2;
        if (bytes.Length < at + 1 + prefixBytes)
            return Abandon(ref writer, state);
        Span<byte> address = stackalloc byte[4];
        address.Clear();
        bytes.Slice(at + 1, prefixBytes).CopyTo(address);
        if (prefixLength % 8 != 0)
            address[prefixBytes - 1] &= (byte)(0xff00 >> (prefixLength % 8));
        writer.Append("\n\t    ");
        state.WriteIpAddress(ref writer, address);
        writer.Append('/');
        writer.AppendDecimal(prefixLength);
        return 1 + prefixBytes;
    }

    private static int Abandon(ref LineWriter writer, PrintState state)
    {
        state.WriteTruncated(ref writer, "bgp", abandoned: true);
        return -3;
    }

    /// <summary>
    /// tcpdump's check_add_path: whether the prefixes read better with a 4-byte path identifier before each (RFC 7911), as
    /// the OPEN that would say so may not be in the capture.
    /// </summary>
    private static bool LooksLikeAddPath(ReadOnlySpan<byte> bytes, int at, uint length, uint maximumPrefixLength)
    {
        if (length < 5)
            return false;
        uint offset;
        for (offset = 0; offset < length;)
        {
            offset += 4;
            if (bytes.Length <= at + offset)
                break;
            uint prefixLength = bytes[(int)(at + offset)];
            if (prefixLength > maximumPrefixLength)
                return false;
            offset += 1 + (prefixLength + 7) / 8;
        }
        if (offset > length)
            return false;
        for (offset = 0; offset < length;)
        {
            if (bytes.Length <= at + offset)
                break;
            uint prefixLength = bytes[(int)(at + offset)];
            if (prefixLength < 1 || prefixLength > maximumPrefixLength)
                return true;
            offset += 1 + (prefixLength + 7) / 8;
        }
        return offset > length;
    }

    private static bool Truncated(ref LineWriter writer, PrintState state)
    {
        BgpPrinter.Truncated(ref writer, state);
        return true;
    }
    /// <summary>
    /// tcpdump's bgp_attr_print for one attribute of <paramref name="length"/> bytes at the start of <paramref name="bytes"/>
    /// (every captured byte from there on: an AS path may read past its attribute, as tcpdump's does).
    /// </summary>
    private static AttributeResult PrintAttribute(ref LineWriter writer, PrintState state, byte type, ReadOnlySpan<byte> bytes, int length)
    {
        var dumpLength = length;
        switch (type)
        {
            case 1:
                if (length != 1)
                    writer.Append("invalid len");
                else
                    writer.Append(bytes[0] switch { 0 => "IGP", 1 => "EGP", 2 => "Incomplete", _ => "Unknown Origin Typecode" });
                break;
            case 2:
            case 17:
                if (length % 2 != 0)
                {
                    writer.Append("invalid len");
                    break;
                }
                if (length == 0)
                {
                    writer.Append("empty");
                    break;
                }
                var result = WriteAsPath(ref writer, state, bytes, length, type == 17 ? 4 : AsSize(bytes, length));
                if (result != AttributeResult.Printed)
                    return result;
                break;
            case 14:
            case 15:
                // Families tcpdump decodes with printers not carried over here print the generic fallback below.
                if (!MultiprotocolFamilyDecoded(bytes, length, out var family, out var subsequentFamily))
                    goto default;
                var multiprotocol = type == 14
                    ? PrintReachable(ref writer, state, bytes, length, family, subsequentFamily)
                    : PrintUnreachable(ref writer, state, bytes, length, family, subsequentFamily);
                if (multiprotocol != AttributeResult.Printed)
                    return multiprotocol;
                break;
            case 3:
            case 9:
                if (length != 4)
                    writer.Append("invalid len");
                else
                    state.WriteIpAddress(ref writer, bytes[..4]);
                break;
            case 4:
            case 5:
                if (length != 4)
                    writer.Append("invalid len");
                else
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(bytes));
                break;
            case 6:
                if (length != 0)
                    writer.Append("invalid len");
                break;
            case 7:
            case 18:
                if (type == 7 ? length is not (6 or 8) : length != 8)
                {
                    writer.Append("invalid len");
                    break;
                }
                writer.Append(" AS #");
                writer.AppendDecimal(length == 6 ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes));
                writer.Append(", origin ");
                state.WriteIpAddress(ref writer, bytes.Slice(length - 4, 4));
                break;
            case 8:
                if (length % 4 != 0)
                {
                    writer.Append("invalid len");
                    break;
                }
                for (var at = 0; at < length; at += 4)
                {
                    var community = BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]);
                    switch (community)
                    {
                        case NoExport:
                            writer.Append(" NO_EXPORT");
                            break;
                        case NoAdvertise:
                            writer.Append(" NO_ADVERTISE");
                            break;
                        case NoExportSubconfederation:
                            writer.Append(" NO_EXPORT_SUBCONFED");
                            break;
                        default:
                            writer.AppendDecimal(community >> 16);
                            writer.Append(':');
                            writer.AppendDecimal(community & 0xffff);
                            if (length - at > 4)
                                writer.Append(", ");
                            break;
                    }
                }
                break;
            case 10:
                if (length % 4 != 0)
                {
                    writer.Append("invalid len");
                    break;
                }
                for (var at = 0; at < length; at += 4)
                {
                    state.WriteIpAddress(ref writer, bytes.Slice(at, 4));
                    if (length - at > 4)
                        writer.Append(", ");
                }
                break;
            case 32:
                if (length == 0 || length % 12 != 0)
                {
                    writer.Append("invalid len");
                    break;
                }
                writer.Append("\n\t    ");
                for (var at = 0; at < length; at += 12)
                {
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]));
                    writer.Append(':');
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(bytes[(at + 4)..]));
                    writer.Append(':');
                    writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(bytes[(at + 8)..]));
                    if (length - at > 12)
                        writer.Append(", ");
                }
                // tcpdump counts the length down to 0 here, so -vv dumps nothing after large communities.
                dumpLength = 0;
                break;
            default:
                if (bytes.Length < length)
                    return AttributeResult.Truncated;
                writer.Append("\n\t    no Attribute ");
                writer.AppendDecimal(type);
                writer.Append(" decoder");
                if (state.Options.Verbose <= 1)
                    BgpPrinter.WriteUnknownData(ref writer, bytes, 0, length, "\n\t    ");
                break;
        }
        if (state.Options.Verbose > 1 && dumpLength != 0)
        {
            if (bytes.Length < dumpLength)
                return AttributeResult.Truncated;
            BgpPrinter.WriteUnknownData(ref writer, bytes, 0, dumpLength, "\n\t    ");
        }
        return AttributeResult.Printed;
    }

    /// <summary>
    /// tcpdump's bgp_attr_get_as_size: 2 when the path parses as segments of 2-byte AS numbers that end exactly at the
    /// attribute's end, else 4.
    /// </summary>
    private static int AsSize(ReadOnlySpan<byte> bytes, int length)
    {
        var at = 0;
        while (at < length)
        {
            if (bytes[at] is < 1 or > 4)
                return 4;
            at += 2 + bytes[at + 1] * 2;
        }
        return at == length ? 2 : 4;
    }

    /// <summary>The segments of an AS path: sequences bare, sets in braces, confederation segments in parentheses.</summary>
    private static AttributeResult WriteAsPath(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, int asSize)
    {
        var at = 0;
        while (at < length)
        {
            var segmentType = bytes[at];
            writer.Append(segmentType switch { 1 => "{ ", 2 => "", 3 => "( ", 4 => "({ ", _ => "?" });
            var count = bytes[at + 1];
            for (var i = 0; i < count * asSize; i += asSize)
            {
                if (bytes.Length < at + 2 + i + asSize)
                    return AttributeResult.Truncated;
                writer.AppendDecimal(asSize == 2 ? BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 2 + i)..]) : BinaryPrimitives.ReadUInt32BigEndian(bytes[(at + 2 + i)..]));
                writer.Append(' ');
            }
            writer.Append(segmentType switch { 1 => "}", 2 => "", 3 => ")", 4 => "})", _ => "?" });
            at += 2 + count * asSize;
        }
        return AttributeResult.Printed;
    }

    /// <summary>tcpdump's bgp_attr_values.</summary>
    private static string? AttributeName(byte type) => type switch
    {
        1 => "Origin",
        2 => "AS Path",
        17 => "AS4 Path",
        3 => "Next Hop",
        4 => "Multi Exit Discriminator",
        5 => "Local Preference",
        6 => "Atomic Aggregate",
        7 => "Aggregator",
        18 => "Aggregator4",
        8 => "Community",
        9 => "Originator ID",
        10 => "Cluster List",
        11 => "DPA",
        12 => "Advertisers",
        13 => "RCID Path / Cluster ID",
        14 => "Multi-Protocol Reach NLRI",
        15 => "Multi-Protocol Unreach NLRI",
        16 => "Extended Community",
        22 => "PMSI Tunnel",
        23 => "Tunnel Encapsulation",
        24 => "Traffic Engineering",
        25 => "IPv6 Extended Community",
        26 => "Accumulated IGP Metric",
        27 => "PE Distinguisher Label",
        28 => "Entropy Label",
        32 => "Large Community",
        128 => "Attribute Set",
        255 => "Reserved for development",
        _ => null,
    };
    /// <summary>
    /// Whether this printer decodes the attribute's address family: IPv4 and IPv6 unicast and multicast, and the families
    /// tcpdump has no decoder for either (it says so); false for the labelled, VPN, NSAP and layer-2 families tcpdump decodes.
    /// </summary>
    private static bool MultiprotocolFamilyDecoded(ReadOnlySpan<byte> bytes, int length, out ushort family, out byte subsequentFamily)
    {
        family = 0;
        subsequentFamily = 0;
        // Too short to name a family: tcpdump's own truncation paths below handle it.
        if (bytes.Length < 3)
            return true;
        family = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        subsequentFamily = bytes[2];
        return IsDecoded(family, subsequentFamily) || !TcpdumpDecodesFamily(family, subsequentFamily);
    }

    /// <summary>IPv4 and IPv6 unicast/multicast, labelled unicast (RFC 8277) and labelled VPN unicast/multicast (RFC 4364).</summary>
    private static bool IsDecoded(ushort family, byte subsequentFamily) => family is 1 or 2 && subsequentFamily is 1 or 2 or 3 or 4 or 128 or 129 or 130;

    private static bool IsVpn(byte subsequentFamily) => subsequentFamily is 128 or 129 or 130;

    /// <summary>tcpdump's bgp_mp_af_print list of the address families it decodes.</summary>
    private static bool TcpdumpDecodesFamily(ushort family, byte subsequentFamily) => family switch
    {
        1 => subsequentFamily is 1 or 2 or 3 or 4 or 132 or 128 or 129 or 130 or 5 or 66,
        2 => subsequentFamily is 1 or 2 or 3 or 4 or 128 or 129 or 130,
        3 => subsequentFamily is 1 or 2 or 3 or 128 or 129 or 130,
        196 => subsequentFamily is 128 or 129 or 130,
        25 => subsequentFamily == 65,
        _ => false,
    };

    /// <summary>
    /// tcpdump's bgp_mp_af_print: the families line, then for a family it has no decoder for that note (and a dump below
    /// -vv); false when the attribute ends there.
    /// </summary>
    private static bool WriteMultiprotocolFamilies(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, ushort family, byte subsequentFamily, out AttributeResult result)
    {
        result = AttributeResult.Printed;
        writer.Append("\n\t    AFI: ");
        writer.Append(BgpPrinter.AddressFamilyName(family) ?? "Unknown AFI");
        writer.Append(" (");
        writer.AppendDecimal(family);
        writer.Append(subsequentFamily > 128 ? "), vendor specific SAFI: " : "), SAFI: ");
        writer.Append(BgpPrinter.SubsequentFamilyName(subsequentFamily) ?? "Unknown SAFI");
        writer.Append(" (");
        writer.AppendDecimal(subsequentFamily);
        writer.Append(')');
        if (IsDecoded(family, subsequentFamily))
            return true;
        if (bytes.Length < length)
        {
            result = AttributeResult.Truncated;
            return false;
        }
        writer.Append("\n\t    no AFI ");
        writer.AppendDecimal(family);
        writer.Append(" / SAFI ");
        writer.AppendDecimal(subsequentFamily);
        writer.Append(" decoder");
        if (state.Options.Verbose <= 1)
            BgpPrinter.WriteUnknownData(ref writer, bytes, 0, length, "\n\t    ");
        return false;
    }

    /// <summary>MP_REACH_NLRI: families, next hops, SNPAs and the reachable prefixes.</summary>
    private static AttributeResult PrintReachable(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, ushort family, byte subsequentFamily)
    {
        if (bytes.Length < 3 || length < 3)
            return AttributeResult.Truncated;
        if (!WriteMultiprotocolFamilies(ref writer, state, bytes, length, family, subsequentFamily, out var result))
            return result;
        var at = 3;
        var remaining = length - 3;
        if (bytes.Length < at + 1 || remaining < 1)
            return AttributeResult.Truncated;
        var nextHopLength = bytes[at];
        at++;
        remaining--;
        if (nextHopLength != 0)
        {
            if (remaining < nextHopLength)
                return AttributeResult.Truncated;
            writer.Append("\n\t    nexthop: ");
            var addressLength = family == 1 ? 4 : 16;
            var distinguisherLength = IsVpn(subsequentFamily) ? RouteDistinguisherLength : 0;
            for (int left = nextHopLength, count = 0; left != 0; count++)
            {
                if (count > 0)
                    writer.Append(", ");
                if (left < distinguisherLength + addressLength)
                {
                    writer.Append("invalid len");
                    at += left;
                    remaining -= left;
                    break;
                }
                if (distinguisherLength != 0)
                {
                    writer.Append("RD: ");
                    WriteRouteDistinguisher(ref writer, bytes[at..]);
                    writer.Append(", ");
                }
                state.WriteIpAddress(ref writer, bytes.Slice(at + distinguisherLength, addressLength));
                at += distinguisherLength + addressLength;
                remaining -= distinguisherLength + addressLength;
                left -= distinguisherLength + addressLength;
            }
        }
        writer.Append(", nh-length: ");
        writer.AppendDecimal(nextHopLength);
        if (remaining < 1)
            return AttributeResult.Truncated;
        var snpaCount = bytes[at];
        at++;
        remaining--;
        if (snpaCount == 0)
        {
            writer.Append(", no SNPA");
        }
        else
        {
            writer.Append("\n\t    ");
            writer.AppendDecimal(snpaCount);
            writer.Append(" SNPA");
            for (; snpaCount != 0; snpaCount--)
            {
                if (remaining < 1)
                    return AttributeResult.Truncated;
                var snpaLength = bytes[at];
                writer.Append("\n\t      ");
                writer.AppendDecimal(snpaLength);
                writer.Append(" bytes");
                at++;
                remaining--;
                if (remaining < snpaLength || bytes.Length < at + snpaLength)
                    return AttributeResult.Truncated;
                at += snpaLength;
                remaining -= snpaLength;
            }
        }
        return WriteMultiprotocolPrefixes(ref writer, state, bytes, at, length, family, subsequentFamily);
    }

    /// <summary>MP_UNREACH_NLRI: families and the withdrawn prefixes (none: End-of-RIB).</summary>
    private static AttributeResult PrintUnreachable(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, ushort family, byte subsequentFamily)
    {
        if (bytes.Length < 3)
            return AttributeResult.Truncated;
        if (!WriteMultiprotocolFamilies(ref writer, state, bytes, length, family, subsequentFamily, out var result))
            return result;
        if (length == 3)
            writer.Append("\n\t      End-of-Rib Marker (empty NLRI)");
        return WriteMultiprotocolPrefixes(ref writer, state, bytes, 3, length, family, subsequentFamily);
    }

    /// <summary>
    /// tcpdump's prefix loop of bgp_nlri_print for unicast families: each prefix checked against the whole attribute's
    /// length (not what is left of it), an ADD-PATH identifier before each when the prefixes read better that way.
    /// </summary>
    private static AttributeResult WriteMultiprotocolPrefixes(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int at, int length, ushort family, byte subsequentFamily)
    {
        var maximum = family == 1 ? 32u : 128u;
        // tcpdump subtracts in unsigned arithmetic: an attribute shorter than its fixed part scans to the capture's end.
        var left = unchecked((uint)(length - at));
        // Only the plain unicast families take tcpdump's ADD-PATH guess.
        var addPath = subsequentFamily is 1 or 2 or 3 && LooksLikeAddPath(bytes, at, left, maximum);
        while (at < length)
        {
            if (subsequentFamily is 4 || IsVpn(subsequentFamily))
            {
                var labelled = WriteLabelledPrefix(ref writer, state, bytes, at, (uint)length, maximum, IsVpn(subsequentFamily));
                if (labelled == -3)
                    return AttributeResult.Abandoned;
                if (labelled == -2)
                    return AttributeResult.Truncated;
                if (labelled < 0)
                    break;
                at += labelled;
                continue;
            }
            uint pathId = 0;
            if (addPath)
            {
                if (bytes.Length < at + 4)
                    return AbandonAttribute(ref writer, state);
                pathId = BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]);
                at += 4;
            }
            var used = WriteFamilyPrefix(ref writer, state, bytes, at, (uint)length, maximum);
            if (used == -3)
                return AttributeResult.Abandoned;
            if (used == -2)
                return AttributeResult.Truncated;
            if (used == -1)
                writer.Append("\n\t    (illegal prefix length)");
            if (addPath)
            {
                writer.Append("   Path Id: ");
                writer.AppendDecimal(pathId);
                used += 4;
            }
            if (used < 0)
                break;
            at += used;
        }
        return AttributeResult.Printed;
    }

    /// <summary>decode_prefix4/decode_prefix6 on the multiprotocol line: the bytes used, or -1, -2, -3 as <see cref="WritePrefix"/>.</summary>
    private static int WriteFamilyPrefix(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int at, uint itemLength, uint maximum)
    {
        if (itemLength < 1)
            return -2;
        if (bytes.Length <= at)
            return Abandon(ref writer, state);
        var prefixLength = bytes[at];
        if (prefixLength > maximum)
            return -1;
        var prefixBytes = (prefixLength + 7) / 8;
        if (itemLength - 1 < prefixBytes)
            return -2;
        if (bytes.Length < at + 1 + prefixBytes)
            return Abandon(ref writer, state);
        Span<byte> address = stackalloc byte[16];
        address.Clear();
        bytes.Slice(at + 1, prefixBytes).CopyTo(address);
        if (prefixLength % 8 != 0)
            address[prefixBytes - 1] &= (byte)(0xff00 >> (prefixLength % 8));
        writer.Append("\n\t      ");
        state.WriteIpAddress(ref writer, address[..(maximum == 32 ? 4 : 16)]);
        writer.Append('/');
        writer.AppendDecimal(prefixLength);
        return 1 + prefixBytes;
    }

    private static AttributeResult AbandonAttribute(ref LineWriter writer, PrintState state)
    {
        Abandon(ref writer, state);
        return AttributeResult.Abandoned;
    }
    private const int RouteDistinguisherLength = 8;

    /// <summary>
    /// decode_labeled_prefix4/6 (<paramref name="vpn"/> false: label, prefix) and decode_labeled_vpn_prefix4/6 (true: label,
    /// route distinguisher, prefix) on their line: the bytes used; -1 after writing an illegal length; -2 cut by the
    /// capture where tcpdump checks it; -4 past the item where tcpdump stops quietly; -3 the packet given up.
    /// </summary>
    private static int WriteLabelledPrefix(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int at, uint itemLength, uint maximum, bool vpn)
    {
        var fixedLength = vpn ? 4 + RouteDistinguisherLength : 4;
        if (!vpn)
        {
            if (bytes.Length < at + 4)
                return -2;
            if (itemLength < 4)
                return -4;
        }
        else if (bytes.Length <= at)
        {
            return Abandon(ref writer, state);
        }
        var prefixLength = (uint)bytes[at];
        var overhead = vpn ? 24u + 64u : 24u;
        if (prefixLength < overhead || prefixLength - overhead > maximum)
        {
            writer.Append("\n\t    (illegal prefix length)");
            return -1;
        }
        prefixLength -= overhead;
        var prefixBytes = (int)(prefixLength + 7) / 8;
        // Only the IPv4 labelled prefix checks its bytes against the item length.
        if (!vpn && maximum == 32 && itemLength - 4 < prefixBytes)
            return -4;
        if (bytes.Length < at + fixedLength + prefixBytes)
            return Abandon(ref writer, state);
        Span<byte> address = stackalloc byte[16];
        address.Clear();
        bytes.Slice(at + fixedLength, prefixBytes).CopyTo(address);
        if (prefixLength % 8 != 0)
            address[prefixBytes - 1] &= (byte)(0xff00 >> (int)(prefixLength % 8));
        writer.Append("\n\t      ");
        if (vpn)
        {
            writer.Append("RD: ");
            WriteRouteDistinguisher(ref writer, bytes[(at + 4)..]);
            writer.Append(", ");
        }
        state.WriteIpAddress(ref writer, address[..(maximum == 32 ? 4 : 16)]);
        writer.Append('/');
        writer.AppendDecimal(prefixLength);
        writer.Append(", label:");
        writer.AppendDecimal((uint)(bytes[at + 1] << 16 | bytes[at + 2] << 8 | bytes[at + 3]) >> 4);
        writer.Append((bytes[at + 3] & 1) == 0 ? " (BOGUS: Bottom of Stack NOT set!)" : " (bottom)");
        return fixedLength + prefixBytes;
    }

    /// <summary>tcpdump's bgp_vpn_rd_print: the 8-byte route distinguisher in its type's notation.</summary>
    private static void WriteRouteDistinguisher(ref LineWriter writer, ReadOnlySpan<byte> bytes)
    {
        switch (BinaryPrimitives.ReadUInt16BigEndian(bytes))
        {
            case 0:
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]));
                writer.Append(':');
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]));
                writer.Append(" (= ");
                writer.AppendIpv4(bytes.Slice(4, 4));
                writer.Append(')');
                break;
            case 1:
                writer.AppendIpv4(bytes.Slice(2, 4));
                writer.Append(':');
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]));
                break;
            case 2:
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(bytes[2..]));
                writer.Append(':');
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]));
                writer.Append(" (");
                writer.AppendIpv4(bytes.Slice(2, 4));
                writer.Append(':');
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]));
                writer.Append(')');
                break;
            default:
                writer.Append("unknown RD format");
                break;
        }
    }
}
