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
            var addPath = LooksLikeAddPath(bytes, at, withdrawnLength);
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
        var announcedAddPath = LooksLikeAddPath(bytes, at, length);
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
    private static bool LooksLikeAddPath(ReadOnlySpan<byte> bytes, int at, uint length)
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
            if (prefixLength > 32)
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
            if (prefixLength is < 1 or > 32)
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
}
