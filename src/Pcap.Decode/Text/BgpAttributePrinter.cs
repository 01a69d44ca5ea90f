using System.Buffers.Binary;

namespace Pcap.Decode.Text;

/// <summary>
/// BGP path attributes as tcpdump 4.99's bgp_attr_print prints them: origin, AS paths (2- or 4-byte numbers as tcpdump
/// guesses), next hop, MED, local preference, aggregators, communities, originator, cluster list, large and extended
/// communities, and the multiprotocol reachable/unreachable prefixes of the IPv4/IPv6 unicast, labelled and VPN families;
/// the others named and dumped. Also the prefix helpers the UPDATE printer shares.
/// </summary>
internal static class BgpAttributePrinter
{
    /// <summary>How an attribute's printer ended: printed, cut by the capture (tcpdump's trunc), or the packet given up.</summary>
    internal enum Result
    {
        Printed,
        Truncated,
        Abandoned,
    }

    private const uint NoExport = 0xffffff01, NoAdvertise = 0xffffff02, NoExportSubconfederation = 0xffffff03;

    /// <summary>A read past the capture: tcpdump's mark, the packet given up; -3 for the prefix decoders.</summary>
    internal static int Abandon(ref LineWriter writer, PrintState state)
    {
        state.WriteTruncated(ref writer, "bgp", abandoned: true);
        return -3;
    }

    /// <summary>
    /// tcpdump's check_add_path: whether the prefixes read better with a 4-byte path identifier before each (RFC 7911), as
    /// the OPEN that would say so may not be in the capture.
    /// </summary>
    internal static bool LooksLikeAddPath(ReadOnlySpan<byte> bytes, int at, uint length, uint maximumPrefixLength)
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

    /// <summary>
    /// tcpdump's bgp_attr_print for one attribute of <paramref name="length"/> bytes at the start of <paramref name="bytes"/>
    /// (every captured byte from there on: an AS path may read past its attribute, as tcpdump's does).
    /// </summary>
    internal static Result Print(ref LineWriter writer, PrintState state, byte type, ReadOnlySpan<byte> bytes, int length)
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
                if (result != Result.Printed)
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
                if (multiprotocol != Result.Printed)
                    return multiprotocol;
                break;
            case 16:
                if (length % 8 != 0)
                {
                    writer.Append("invalid len");
                    break;
                }
                for (var at = 0; at < length; at += 8)
                    WriteExtendedCommunity(ref writer, state, bytes.Slice(at, 8));
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
                    return Result.Truncated;
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
                return Result.Truncated;
            BgpPrinter.WriteUnknownData(ref writer, bytes, 0, dumpLength, "\n\t    ");
        }
        return Result.Printed;
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
    private static Result WriteAsPath(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, int asSize)
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
                    return Result.Truncated;
                writer.AppendDecimal(asSize == 2 ? BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 2 + i)..]) : BinaryPrimitives.ReadUInt32BigEndian(bytes[(at + 2 + i)..]));
                writer.Append(' ');
            }
            writer.Append(segmentType switch { 1 => "}", 2 => "", 3 => ")", 4 => "})", _ => "?" });
            at += 2 + count * asSize;
        }
        return Result.Printed;
    }

    /// <summary>tcpdump's bgp_attr_values.</summary>
    internal static string? Name(byte type) => type switch
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
    private static bool WriteMultiprotocolFamilies(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, ushort family, byte subsequentFamily, out Result result)
    {
        result = Result.Printed;
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
            result = Result.Truncated;
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
    private static Result PrintReachable(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, ushort family, byte subsequentFamily)
    {
        if (bytes.Length < 3 || length < 3)
            return Result.Truncated;
        if (!WriteMultiprotocolFamilies(ref writer, state, bytes, length, family, subsequentFamily, out var result))
            return result;
        var at = 3;
        var remaining = length - 3;
        if (bytes.Length < at + 1 || remaining < 1)
            return Result.Truncated;
        var nextHopLength = bytes[at];
        at++;
        remaining--;
        if (nextHopLength != 0)
        {
            if (remaining < nextHopLength)
                return Result.Truncated;
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
            return Result.Truncated;
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
                    return Result.Truncated;
                var snpaLength = bytes[at];
                writer.Append("\n\t      ");
                writer.AppendDecimal(snpaLength);
                writer.Append(" bytes");
                at++;
                remaining--;
                if (remaining < snpaLength || bytes.Length < at + snpaLength)
                    return Result.Truncated;
                at += snpaLength;
                remaining -= snpaLength;
            }
        }
        return WriteMultiprotocolPrefixes(ref writer, state, bytes, at, length, family, subsequentFamily);
    }

    /// <summary>MP_UNREACH_NLRI: families and the withdrawn prefixes (none: End-of-RIB).</summary>
    private static Result PrintUnreachable(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, ushort family, byte subsequentFamily)
    {
        if (bytes.Length < 3)
            return Result.Truncated;
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
    private static Result WriteMultiprotocolPrefixes(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int at, int length, ushort family, byte subsequentFamily)
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
                    return Result.Abandoned;
                if (labelled == -2)
                    return Result.Truncated;
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
            }
            // The identifier's 4 bytes are added to what the prefix used, as tcpdump does after printing it.
            var used = WritePrefix(ref writer, state, bytes, addPath ? at + 4 : at, (uint)length, maximum, "\n\t      ");
            if (used == -3)
                return Result.Abandoned;
            if (used == -2)
                return Result.Truncated;
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
        return Result.Printed;
    }

    /// <summary>
    /// tcpdump's decode_prefix4/decode_prefix6 (<paramref name="maximum"/> 32 or 128) and the line it goes on: the bytes used,
    /// -1 for a longer prefix length, -2 when the prefix reaches past <paramref name="itemLength"/>, -3 (the packet given up)
    /// past the capture.
    /// </summary>
    internal static int WritePrefix(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int at, uint itemLength, uint maximum, string indent)
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
        writer.Append(indent);
        state.WriteIpAddress(ref writer, address[..(maximum == 32 ? 4 : 16)]);
        writer.Append('/');
        writer.AppendDecimal(prefixLength);
        return 1 + prefixBytes;
    }

    private static Result AbandonAttribute(ref LineWriter writer, PrintState state)
    {
        Abandon(ref writer, state);
        return Result.Abandoned;
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

    /// <summary>
    /// <c>AS:number (= number as an IPv4 address)</c> from an 8-byte value (2-byte type, 2-byte AS, 4-byte number), as route
    /// targets and type-0 route distinguishers print; the address by name unless <c>-n</c> when <paramref name="names"/> is given.
    /// </summary>
    private static void WriteAsNumber(ref LineWriter writer, PrintState? names, ReadOnlySpan<byte> value)
    {
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(value[2..]));
        writer.Append(':');
        writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(value[4..]));
        writer.Append(" (= ");
        WriteAddress(ref writer, names, value.Slice(4, 4));
        writer.Append(')');
    }

    /// <summary><c>address:number</c> from an 8-byte value (2-byte type, IPv4 address, 2-byte number).</summary>
    private static void WriteAddressNumber(ref LineWriter writer, PrintState? names, ReadOnlySpan<byte> value)
    {
        WriteAddress(ref writer, names, value.Slice(2, 4));
        writer.Append(':');
        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(value[6..]));
    }

    /// <summary>tcpdump's ipaddr_string (resolved unless <c>-n</c>) or, without <paramref name="names"/>, its plain dotted quad.</summary>
    private static void WriteAddress(ref LineWriter writer, PrintState? names, ReadOnlySpan<byte> address)
    {
        if (names is null)
            writer.AppendIpv4(address);
        else
            names.WriteIpAddress(ref writer, address);
    }

    /// <summary>tcpdump's bgp_vpn_rd_print: the 8-byte route distinguisher in its type's notation.</summary>
    private static void WriteRouteDistinguisher(ref LineWriter writer, ReadOnlySpan<byte> bytes)
    {
        switch (BinaryPrimitives.ReadUInt16BigEndian(bytes))
        {
            case 0:
                WriteAsNumber(ref writer, null, bytes);
                break;
            case 1:
                WriteAddressNumber(ref writer, null, bytes);
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
    /// <summary>One RFC 4360 extended community as tcpdump's bgp_extended_community_print writes it, on its own line.</summary>
    private static void WriteExtendedCommunity(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> community)
    {
        var type = BinaryPrimitives.ReadUInt16BigEndian(community);
        writer.Append("\n\t    ");
        writer.Append(ExtendedCommunityName(type) ?? "unknown extd community typecode");
        writer.Append(" (0x");
        writer.AppendHex(type, 4);
        writer.Append("), Flags [");
        if ((type & 0xc000) == 0)
            writer.Append("none");
        if ((type & 0x8000) != 0)
            writer.Append("vendor-specific");
        if ((type & 0xc000) == 0xc000)
            writer.Append(", ");
        if ((type & 0x4000) != 0)
            writer.Append("non-transitive");
        writer.Append("]: ");
        switch (type)
        {
            case 0x0002:
            case 0x0003:
            case 0x000a:
                WriteAsNumber(ref writer, state, community);
                break;
            case 0x0102:
            case 0x0103:
            case 0xf10a:
            case 0x010b:
                WriteAddressNumber(ref writer, state, community);
                break;
            case 0x0202:
            case 0x0203:
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(community[2..]));
                writer.Append(':');
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(community[6..]));
                break;
            case 0x4004:
                writer.Append("bandwidth: ");
                WriteMegabits(ref writer, BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(community[4..])));
                writer.Append(" Mbps");
                break;
            case 0x0005:
            case 0x0105:
            case 0x0205:
            case 0x8005:
            case 0x0107:
            case 0x8001:
                state.WriteIpAddress(ref writer, community.Slice(2, 4));
                break;
            case 0x0306:
            case 0x8000:
                writer.Append("area:");
                state.WriteIpAddress(ref writer, community.Slice(2, 4));
                writer.Append(", router-type:");
                var routeType = community[6];
                var routeTypeName = routeType switch
                {
                    1 => "Router",
                    2 => "Network",
                    3 => "Summary",
                    5 => "External",
                    7 => "NSSA External",
                    129 => "MPLS-VPN Sham",
                    _ => null,
                };
                if (routeTypeName is null)
                {
                    writer.Append("unknown (0x");
                    writer.AppendHex(routeType, 2);
                    writer.Append(')');
                }
                else
                {
                    writer.Append(routeTypeName);
                }
                writer.Append(", metric-type:");
                if ((community[7] & 1) != 0)
                    writer.Append("E2");
                if (routeType is 5 or 7)
                    writer.Append("E1");
                break;
            case 0x800a:
                writer.Append(Layer2EncapsulationName(community[2]) ?? "unknown encaps");
                writer.Append(" Control Flags [0x");
                writer.AppendHex(community[3], 2);
                writer.Append("]:MTU ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(community[4..]));
                break;
            case 0x0009:
                writer.Append("AS ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(community[2..]));
                break;
            case 0x030c:
                writer.Append("Tunnel type: ");
                writer.Append(TunnelTypeName(BinaryPrimitives.ReadUInt16BigEndian(community[6..])) ?? "unknown encaps");
                break;
            default:
                foreach (var b in community[2..])
                    writer.AppendHexByte(b);
                break;
        }
    }

    /// <summary>A link bandwidth in bytes per second as megabits, printf's <c>%.3f</c> of the single-precision product.</summary>
    private static void WriteMegabits(ref LineWriter writer, float bytesPerSecond)
    {
        var megabits = bytesPerSecond * 8 / 1000000;
        if (float.IsNaN(megabits))
        {
            writer.Append(float.IsNegative(megabits) ? "-nan" : "nan");
            return;
        }
        if (float.IsInfinity(megabits))
        {
            writer.Append(megabits < 0 ? "-inf" : "inf");
            return;
        }
        Span<char> text = stackalloc char[64];
        ((double)megabits).TryFormat(text, out var written, "F3", System.Globalization.CultureInfo.InvariantCulture);
        writer.Append(text[..written]);
    }

    /// <summary>tcpdump's bgp_extd_comm_subtype_values.</summary>
    private static string? ExtendedCommunityName(ushort type) => type switch
    {
        0x0002 or 0x0102 or 0x0202 => "target",
        0x0003 or 0x0103 or 0x0203 => "origin",
        0x4004 => "link-BW",
        0x0005 or 0x0105 or 0x0205 or 0x8005 => "ospf-domain",
        0x0306 or 0x8000 => "ospf-route-type",
        0x030c => "encapsulation",
        0x0107 or 0x8001 => "ospf-router-id",
        0x800a => "layer2-info",
        0x8800 => "eigrp-general-route (flag, tag)",
        0x8801 => "eigrp-route-metric (AS, delay)",
        0x8802 => "eigrp-route-metric (reliability, nexthop, bandwidth)",
        0x8803 => "eigrp-route-metric (load, MTU)",
        0x8804 => "eigrp-external-route (remote-AS, remote-ID)",
        0x8805 => "eigrp-external-route (remote-proto, remote-metric)",
        0x0009 => "source-AS",
        0x010b => "vrf-route-import",
        0x000a or 0xf10a => "l2vpn-id",
        _ => null,
    };

    /// <summary>tcpdump's bgp_extd_comm_encap_tunnel_values.</summary>
    private static string? TunnelTypeName(ushort type) => type switch
    {
        1 => "L2TPv3 over IP",
        2 => "GRE",
        3 => "Transmit Tunnel",
        4 => "IPsec",
        5 => "IP in IP with IPsec",
        6 => "MPLS in IP with IPsec",
        7 => "IP in IP",
        8 => "VXLAN",
        9 => "NVGRE",
        10 => "MPLS",
        11 => "MPLS in GRE",
        12 => "VXLAN GPE",
        13 => "MPLS in UDP",
        14 => "IPv6",
        15 => "SR TE",
        16 => "Bare",
        17 => "SR",
        _ => null,
    };

    /// <summary>tcpdump's l2vpn_encaps_values.</summary>
    private static string? Layer2EncapsulationName(byte type) => type switch
    {
        0 => "Reserved",
        1 => "Frame Relay",
        2 => "ATM AAL5 SDU VCC transport",
        3 => "ATM transparent cell transport",
        4 => "Ethernet (VLAN) Tagged Mode",
        5 => "Ethernet Raw Mode",
        6 => "Cisco HDLC",
        7 => "PPP",
        8 => "SONET/SDH Circuit Emulation Service over MPLS",
        9 => "ATM n-to-one VCC cell transport",
        10 => "ATM n-to-one VPC cell transport",
        11 => "IP layer 2 transport",
        15 => "Frame Relay Port mode",
        17 => "Structure-agnostic E1 over packet",
        18 => "Structure-agnostic T1 (DS1) over packet",
        19 => "VPLS",
        20 => "Structure-agnostic T3 (DS3) over packet",
        21 => "Nx64kbit/s Basic Service using Structure-aware",
        25 => "Frame Relay DLCI",
        40 => "Structure-agnostic E3 over packet",
        41 => "Octet-aligned playload for Structure-agnostic DS1 circuits",
        42 => "E1 Nx64kbit/s with CAS using Structure-aware",
        43 => "DS1 (ESF) Nx64kbit/s with CAS using Structure-aware",
        44 => "DS1 (SF) Nx64kbit/s with CAS using Structure-aware",
        _ => null,
    };
}
