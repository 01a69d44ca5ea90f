using System.Buffers.Binary;
using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    private const byte HopByHopHeader = 0, RoutingHeader = 43, FragmentHeader = 44, DestinationOptionsHeader = 60;

    /// <summary>
    /// tcpdump's walk over the IPv6 extension-header chain (hop-by-hop, destination options, routing, fragment) and then the
    /// upper-layer protocol. <paramref name="bytes"/> is already cut at <paramref name="total"/> (header plus payload).
    /// </summary>
    private void WriteIpv6Chain(ref LineWriter writer, ReadOnlySpan<byte> bytes, int total, int wireLength, uint payloadLength)
    {
        var nextHeader = bytes[6];
        var source = bytes.Slice(8, 16);
        var destination = bytes.Slice(24, 16);
        var offset = 0;
        var advance = Ipv6Header.Length;
        var remaining = total;
        var previous = -1;
        bool foundExtension = false, foundJumbo = false, foundHopByHop = false, fragmented = false;
        var jumboLength = payloadLength;
        while (offset < bytes.Length && advance > 0)
        {
            if (remaining < advance)
            {
                WriteTruncated(ref writer, "ip6");
                return;
            }
            offset += advance;
            remaining -= advance;
            if (offset == Ipv6Header.Length && nextHeader is not (6 or 17 or 33 or 132))
            {
                WriteIpv6Address(ref writer, source);
                writer.Append(" > ");
                WriteIpv6Address(ref writer, destination);
                writer.Append(": ");
            }
            var header = offset < bytes.Length ? bytes[offset..] : default;
            switch (nextHeader)
            {
                case HopByHopHeader:
                    if (foundHopByHop || previous >= 0)
                    {
                        writer.Append(foundHopByHop
                            ? "[The Hop-by-Hop Options header was already found] (invalid)"
                            : "[The Hop-by-Hop Options header don't follow the IPv6 header] (invalid)");
                        return;
                    }
                    if (header.Length < 2)
                    {
                        // tcpdump's read of the length byte long-jumps out, before its jumbo check.
                        WriteTruncated(ref writer, "hbhopt", abandoned: true);
                        return;
                    }
                    advance = WriteOptionsHeader(ref writer, header, hopByHop: true, ref foundJumbo, ref jumboLength);
                    if (jumboLength == 0 && !foundJumbo)
                    {
                        writer.Append("[No valid Jumbo Payload Hop-by-Hop option found] (invalid)");
                        return;
                    }
                    if (advance < 0)
                        return;
                    foundHopByHop = true;
                    break;
                case DestinationOptionsHeader:
                    var ignoredJumbo = false;
                    var ignoredLength = 0u;
                    advance = WriteOptionsHeader(ref writer, header, hopByHop: false, ref ignoredJumbo, ref ignoredLength);
                    if (advance < 0)
                        return;
                    break;
                case FragmentHeader:
                    advance = WriteFragmentHeader(ref writer, header, offset, payloadLength);
                    if (advance < 0 || bytes.Length <= offset + advance)
                        return;
                    fragmented = true;
                    break;
                case 62:
                case 135:
                    WriteMobility(ref writer, header);
                    return;
                case RoutingHeader:
                    if (header.Length < 1)
                    {
                        WriteTruncated(ref writer, "ip6");
                        return;
                    }
                    advance = WriteRoutingHeader(ref writer, header);
                    if (advance < 0)
                        return;
                    break;
                default:
                    var length = remaining;
                    var upper = header;
                    if (foundJumbo)
                    {
                        var jumboTotal = (long)jumboLength + Ipv6Header.Length;
                        if (jumboTotal < offset)
                        {
                            WriteTruncated(ref writer, "ip6");
                            return;
                        }
                        if (wireLength < jumboTotal)
                        {
                            writer.Append("truncated-ip6 - ");
                            writer.AppendDecimal((ulong)(jumboTotal - wireLength));
                            writer.Append(" bytes missing!");
                        }
                        length = (int)Math.Min(jumboTotal - offset, int.MaxValue);
                    }
                    else if (payloadLength == 0)
                    {
                        if (foundExtension)
                        {
                            WriteTruncated(ref writer, "ip6");
                            return;
                        }
                        length = 0;
                        upper = default;
                    }
                    var context = new IpContext(source, destination, isIpv6: true, fragmented, bytes[..Ipv6Header.Length],
                        endpointAddresses: bytes[6] == nextHeader, checksumDestination: FinalDestination(bytes));
                    WriteTransport(ref writer, nextHeader, upper, length, in context, moreFragments: false);
                    return;
            }
            foundExtension = true;
            nextHeader = header[0];
            previous = nextHeader;
        }
    }

    /// <summary>tcpdump's hop-by-hop / destination-options printer: the header's name, then its options under <c>-v</c>; -1 to stop.</summary>
    private int WriteOptionsHeader(ref LineWriter writer, ReadOnlySpan<byte> header, bool hopByHop, ref bool foundJumbo, ref uint jumboLength)
    {
        var protocol = hopByHop ? "hbhopt" : "dstopt";
        if (header.Length < 2)
        {
            WriteTruncated(ref writer, protocol, abandoned: true);
            return -1;
        }
        var headerLength = (header[1] + 1) * 8;
        if (header.Length < headerLength)
        {
            WriteTruncated(ref writer, protocol);
            return -1;
        }
        writer.Append(hopByHop ? "HBH " : "DSTOPT ");
        if (!hopByHop && _options.Verbose == 0)
            return headerLength;
        if (!WriteIpv6Options(ref writer, header[2..headerLength], hopByHop, ref foundJumbo, ref jumboLength))
        {
            WriteTruncated(ref writer, protocol);
            return -1;
        }
        return headerLength;
    }

    /// <summary>The options of a hop-by-hop or destination-options header; false when tcpdump stops at a bad one.</summary>
    private bool WriteIpv6Options(ref LineWriter writer, ReadOnlySpan<byte> options, bool hopByHop, ref bool foundJumbo, ref uint jumboLength)
    {
        var verbose = _options.Verbose > 0;
        var seenJumbo = false;
        if (options.Length == 0)
            return true;
        for (var i = 0; i < options.Length;)
        {
            var type = options[i];
            int optionLength;
            if (type == 0)
                optionLength = 1;
            else if (i + 1 < options.Length)
                optionLength = options[i + 1] + 2;
            else
                return false;
            if (i + optionLength > options.Length)
                return false;
            var left = options.Length - i;
            switch (type)
            {
                case 0:
                    if (verbose)
                        writer.Append("(pad1)");
                    break;
                case 1:
                    if (verbose)
                        writer.Append("(padn)");
                    break;
                case 5:
                    if (left < 4)
                    {
                        writer.Append("(rtalert: trunc)");
                        return false;
                    }
                    if (options[i + 1] != 2)
                    {
                        WriteNote(ref writer, "(rtalert: invalid len ", options[i + 1], ')');
                        return false;
                    }
                    if (verbose)
                    {
                        writer.Append("(rtalert: 0x");
                        writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(options[(i + 2)..]), 4);
                        writer.Append(") ");
                    }
                    break;
                case 0xc2:
                    if (left < 6)
                    {
                        writer.Append("(jumbo: trunc)");
                        return false;
                    }
                    if (options[i + 1] != 4)
                    {
                        WriteNote(ref writer, "(jumbo: invalid len ", options[i + 1], ')');
                        return false;
                    }
                    var jumbo = BinaryPrimitives.ReadUInt32BigEndian(options[(i + 2)..]);
                    string? verdict;
                    if (seenJumbo)
                    {
                        verdict = " - already seen";
                    }
                    else
                    {
                        seenJumbo = true;
                        if (!hopByHop)
                        {
                            verdict = " - not a hop-by-hop option";
                        }
                        else if (jumboLength != 0)
                        {
                            verdict = " - payload len != 0";
                        }
                        else if (jumbo < 65536)
                        {
                            verdict = " - < 65536";
                        }
                        else
                        {
                            verdict = null;
                            foundJumbo = true;
                            jumboLength = jumbo;
                        }
                    }
                    if (verbose)
                    {
                        writer.Append("(jumbo: ");
                        writer.AppendDecimal(jumbo);
                        if (verdict is not null)
                            writer.Append(verdict);
                        writer.Append(") ");
                    }
                    break;
                case 0xc9:
                    if (left < 18)
                    {
                        writer.Append("(homeaddr: trunc)");
                        return false;
                    }
                    if (options[i + 1] < 16)
                    {
                        WriteNote(ref writer, "(homeaddr: invalid len ", options[i + 1], ')');
                        return false;
                    }
                    if (verbose)
                    {
                        writer.Append("(homeaddr: ");
                        WriteIpv6Address(ref writer, options.Slice(i + 2, 16));
                        if (options[i + 1] > 16 && !WriteIpv6SubOptions(ref writer, options.Slice(i + 18, optionLength - 18)))
                            return false;
                        writer.Append(')');
                    }
                    break;
                default:
                    if (verbose)
                    {
                        writer.Append("(opt_type 0x");
                        writer.AppendHex(type, 2);
                        WriteNote(ref writer, ": len=", options[i + 1], ')');
                    }
                    break;
            }
            i += optionLength;
        }
        if (verbose)
            writer.Append(' ');
        return true;
    }

    /// <summary>tcpdump's ip6_sopt_print: the sub-options after a home address option's address; false for its "trunc".</summary>
    private static bool WriteIpv6SubOptions(ref LineWriter writer, ReadOnlySpan<byte> options)
    {
        int optionLength;
        for (var i = 0; i < options.Length; i += optionLength)
        {
            var type = options[i];
            if (type == 0)
                optionLength = 1;
            else if (i + 1 < options.Length)
                optionLength = options[i + 1] + 2;
            else
                return false;
            if (i + optionLength > options.Length)
                return false;
            switch (type)
            {
                case 0:
                    writer.Append(", pad1");
                    break;
                case 1:
                    writer.Append(", padn");
                    break;
                default:
                    writer.Append(", sopt_type 0x");
                    writer.AppendHex(type, 2);
                    writer.Append(": len=");
                    writer.AppendDecimal(options[i + 1]);
                    break;
            }
        }
        return true;
    }

    /// <summary>tcpdump's <c>frag (offset|length)</c>; -1 for a later fragment, which tcpdump does not decode further.</summary>
    private int WriteFragmentHeader(ref LineWriter writer, ReadOnlySpan<byte> header, int offset, uint payloadLength)
    {
        if (header.Length < (_options.Verbose > 0 ? 8 : 4))
        {
            WriteTruncated(ref writer, "frag6", abandoned: true);
            return -1;
        }
        var fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(header[2..]) & 0xfff8;
        writer.Append("frag (");
        if (_options.Verbose > 0)
        {
            writer.Append("0x");
            writer.AppendHex(BinaryPrimitives.ReadUInt32BigEndian(header[4..]), 8);
            writer.Append(':');
        }
        writer.AppendDecimal((uint)fragmentOffset);
        writer.Append('|');
        // tcpdump prints this as a size_t: a header chain longer than the payload wraps around.
        writer.AppendDecimal(unchecked((ulong)((long)Ipv6Header.Length + payloadLength - offset - 8)));
        writer.Append(')');
        if (fragmentOffset != 0)
            return -1;
        writer.Append(' ');
        return 8;
    }

    /// <summary>tcpdump's <c>RT6 (len=, type=, segleft=, addresses) </c>; -1 when it stops.</summary>
    private int WriteRoutingHeader(ref LineWriter writer, ReadOnlySpan<byte> header)
    {
        writer.Append("RT6");
        if (header.Length < 2)
        {
            WriteTruncated(ref writer, "rt6", abandoned: true);
            return -1;
        }
        int length = header[1];
        writer.Append(" (len=");
        writer.AppendDecimal((uint)length);
        if (header.Length < 3)
        {
            WriteTruncated(ref writer, "rt6", abandoned: true);
            return -1;
        }
        var type = header[2];
        writer.Append(", type=");
        writer.AppendDecimal(type);
        if (type == 0)
            writer.Append(" [Deprecated]");
        if (header.Length < 4)
        {
            WriteTruncated(ref writer, "rt6", abandoned: true);
            return -1;
        }
        writer.Append(", segleft=");
        writer.AppendDecimal(header[3]);
        int addressStart;
        switch (type)
        {
            case 0:
            case 2:
                if (header.Length < 8)
                {
                    WriteTruncated(ref writer, "rt6", abandoned: true);
                    return -1;
                }
                var reserved = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
                if (reserved != 0 || _options.Verbose > 0)
                {
                    writer.Append(", rsv=0x");
                    writer.AppendHex(reserved, 1);
                }
                addressStart = 8;
                break;
            case 4:
                if (header.Length < 5)
                {
                    WriteTruncated(ref writer, "rt6", abandoned: true);
                    return -1;
                }
                writer.Append(", last-entry=");
                writer.AppendDecimal(header[4]);
                if (header.Length < 6)
                {
                    WriteTruncated(ref writer, "rt6", abandoned: true);
                    return -1;
                }
                if (header[5] != 0 || _options.Verbose > 0)
                {
                    writer.Append(", flags=0x");
                    writer.AppendHex(header[5], 1);
                }
                if (header.Length < 8)
                {
                    WriteTruncated(ref writer, "rt6", abandoned: true);
                    return -1;
                }
                writer.Append(", tag=");
                writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(header[6..]), 1);
                addressStart = 8;
                break;
            default:
                writer.Append(" (unknown type) (invalid)");
                return -1;
        }
        if (length % 2 == 1)
        {
            writer.Append(" (invalid length ");
            writer.AppendDecimal((uint)length);
            writer.Append(") (invalid)");
            return -1;
        }
        for (var i = 0; i < length / 2; i++)
        {
            var at = addressStart + i * 16;
            if (header.Length < at + 16)
            {
                WriteTruncated(ref writer, "rt6", abandoned: true);
                return -1;
            }
            WriteNote(ref writer, ", [", (uint)i);
            WriteIpv6Address(ref writer, header.Slice(at, 16));
        }
        writer.Append(") ");
        return (length + 1) * 8;
    }

    /// <summary>
    /// The destination tcpdump puts in a TCP/UDP/ICMPv6 pseudo-header: the last address of a type 0 or 2 routing header, the
    /// first segment of a segment-routing header, else the IPv6 destination.
    /// </summary>
    private static ReadOnlySpan<byte> FinalDestination(ReadOnlySpan<byte> packet)
    {
        var destination = packet.Slice(24, 16);
        var nextHeader = packet[6];
        if (nextHeader is not (HopByHopHeader or DestinationOptionsHeader or FragmentHeader or RoutingHeader or 62 or 135))
            return destination;
        var offset = Ipv6Header.Length;
        while (offset < packet.Length)
        {
            var header = packet[offset..];
            switch (nextHeader)
            {
                case HopByHopHeader:
                case DestinationOptionsHeader:
                case 62:
                case 135:
                    if (header.Length < 2)
                        return destination;
                    nextHeader = header[0];
                    offset += (header[1] + 1) * 8;
                    break;
                case FragmentHeader:
                    nextHeader = header[0];
                    offset += 8;
                    break;
                case RoutingHeader:
                    if (header.Length < 4)
                        return destination;
                    int length = header[1];
                    if (header[2] is 0 or 2)
                    {
                        if (length % 2 == 1)
                            return destination;
                        for (var i = 0; i < length / 2; i++)
                        {
                            if (header.Length < 8 + i * 16 + 16)
                                return destination;
                            destination = header.Slice(8 + i * 16, 16);
                        }
                    }
                    else if (header[2] == 4 && length % 2 == 0 && header.Length >= 24)
                    {
                        destination = header.Slice(8, 16);
                    }
                    return destination;
                default:
                    return destination;
            }
        }
        return destination;
    }
}
