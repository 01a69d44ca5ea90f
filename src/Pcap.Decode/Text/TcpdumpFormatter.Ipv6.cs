using System.Buffers.Binary;
using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    internal void WriteIpv6(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length)
    {
        if (bytes.Length < Ipv6Header.Length)
        {
            WriteTruncated(ref writer, "ip6");
            return;
        }
        if (length < Ipv6Header.Length)
        {
            writer.Append("truncated-ip6 ");
            writer.AppendDecimal((uint)length);
            return;
        }
        if (!_options.LinkHeader)
            writer.Append("IP6 ");
        if (bytes[0] >> 4 != 6)
        {
            writer.Append("version error: ");
            writer.AppendDecimal((uint)(bytes[0] >> 4));
            writer.Append(" != 6");
            return;
        }
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        // A zero payload length may announce a jumbogram: tcpdump walks the headers over what was captured to find the option.
        var total = payloadLength != 0 ? payloadLength + Ipv6Header.Length : length + Ipv6Header.Length;
        if (payloadLength != 0 && length < total)
        {
            writer.Append("truncated-ip6 - ");
            writer.AppendDecimal((uint)(total - length));
            writer.Append(" bytes missing!");
        }
        var nextHeader = bytes[6];
        if (_options.Verbose > 0)
        {
            var flow = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            writer.Append('(');
            if ((flow & 0x0ff00000) != 0)
            {
                writer.Append("class 0x");
                writer.AppendHex((flow & 0x0ff00000) >> 20, 2);
                writer.Append(", ");
            }
            if ((flow & 0x000fffff) != 0)
            {
                writer.Append("flowlabel 0x");
                writer.AppendHex(flow & 0x000fffff, 5);
                writer.Append(", ");
            }
            writer.Append("hlim ");
            writer.AppendDecimal(bytes[7]);
            writer.Append(", next-header ");
            writer.Append(new IpProtocol(nextHeader).Name ?? "unknown");
            writer.Append(" (");
            writer.AppendDecimal(nextHeader);
            writer.Append(") payload length: ");
            writer.AppendDecimal((uint)payloadLength);
            writer.Append(") ");
        }
        if (bytes.Length > total)
            bytes = bytes[..total];
        WriteIpv6Chain(ref writer, bytes, total, length, (uint)payloadLength);
    }

    private void WriteIcmpv6(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, in IpContext context)
    {
        if (length == 0)
        {
            writer.Append("ICMP6, length 0 (invalid)");
            return;
        }
        if (_options.Verbose > 0 && !context.Fragmented && bytes.Length >= length)
        {
            if (bytes.Length < 4)
            {
                // tcpdump reads the checksum field past the IPv6 payload's end and gives up on the packet there.
                WriteTruncated(ref writer, "icmp6", abandoned: true);
                return;
            }
            var stored = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
            var computed = Checksum.Compute(bytes[..length], PseudoHeaderSum(in context, 58, length));
            Checksum.WriteVerdict(ref writer, "icmp6", stored, computed);
        }
        if (bytes.Length < 1)
        {
            WriteTruncated(ref writer, "icmp6", abandoned: true);
            return;
        }
        var type = bytes[0];
        writer.Append("ICMP6, ");
        var name = Icmpv6TypeName(type);
        if (name is null)
        {
            WriteNote(ref writer, "unknown icmp6 type (", type, ')');
        }
        else
        {
            writer.Append(name);
        }
        if (_options.Verbose > 0 && type is 133 or 134 or 135 or 136 or 137 or 145 or 147)
            WriteLengthSuffix(ref writer, length);
        if (bytes.Length < 2)
        {
            WriteTruncated(ref writer, "icmp6", abandoned: true);
            return;
        }
        var code = bytes[1];
        var quoted = bytes.Length > 8 ? bytes[8..] : default;
        switch (type)
        {
            case 1:
                writer.Append(", ");
                writer.Append(code switch
                {
                    0 => "unreachable route",
                    1 => " unreachable prohibited",
                    2 => "beyond scope",
                    3 => "unreachable address",
                    4 => "unreachable port",
                    _ => "unknown unreach code (",
                });
                if (code > 4)
                {
                    writer.AppendDecimal(code);
                    writer.Append(')');
                }
                switch (code)
                {
                    case 0:
                    case 1:
                    case 3:
                        if (quoted.Length < 40)
                        {
                            WriteTruncated(ref writer, "icmp6", abandoned: true);
                            return;
                        }
                        writer.Append(' ');
                        WriteIpv6Address(ref writer, quoted.Slice(24, 16));
                        break;
                    case 2:
                        if (quoted.Length < 40)
                        {
                            WriteTruncated(ref writer, "icmp6", abandoned: true);
                            return;
                        }
                        writer.Append(' ');
                        WriteIpv6Address(ref writer, quoted.Slice(24, 16));
                        writer.Append(", source address ");
                        WriteIpv6Address(ref writer, quoted.Slice(8, 16));
                        break;
                    case 4:
                        if (!TryFindQuotedPorts(quoted, out var protocol, out var port))
                        {
                            // tcpdump's upper-layer lookup fails softly: a bounds test, not a long jump.
                            WriteTruncated(ref writer, "icmp6");
                            return;
                        }
                        writer.Append(", ");
                        WriteIpv6Address(ref writer, quoted.Slice(24, 16));
                        writer.Append(protocol == 6 ? " tcp port " : " udp port ");
                        WritePort(ref writer, port, protocol == 6);
                        break;
                    default:
                        if (_options.Verbose <= 1)
                        {
                            WriteUnknownData(ref writer, bytes, length);
                            return;
                        }
                        break;
                }
                break;
            case 2:
                if (bytes.Length < 8)
                {
                    WriteTruncated(ref writer, "icmp6", abandoned: true);
                    return;
                }
                writer.Append(", mtu ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]));
                break;
            case 3:
                if (code == 0)
                {
                    if (quoted.Length < 40)
                    {
                        WriteTruncated(ref writer, "icmp6", abandoned: true);
                        return;
                    }
                    writer.Append(" for ");
                    WriteIpv6Address(ref writer, quoted.Slice(24, 16));
                }
                else if (code == 1)
                {
                    writer.Append(" (reassembly)");
                }
                else
                {
                    WriteNote(ref writer, ", unknown code (", code, ')');
                }
                break;
            case 4:
                if (quoted.Length < 40)
                {
                    WriteTruncated(ref writer, "icmp6");
                    return;
                }
                writer.Append(code switch
                {
                    0 => ", erroneous - octet ",
                    1 => ", next header - octet ",
                    2 => ", option - octet ",
                    3 => ", incomplete header chain - octet ",
                    _ => ", code-#",
                });
                writer.AppendDecimal(code <= 3 ? BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]) : code);
                break;
            case 128:
            case 129:
                if (bytes.Length < 8)
                {
                    WriteTruncated(ref writer, "icmp6", abandoned: true);
                    return;
                }
                writer.Append(", id ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]));
                writer.Append(", seq ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]));
                break;
            case 135:
            case 136:
                if (bytes.Length < 24)
                {
                    WriteTruncated(ref writer, "icmp6", abandoned: true);
                    return;
                }
                writer.Append(type == 135 ? ", who has " : ", tgt is ");
                WriteIpv6Address(ref writer, bytes.Slice(8, 16));
                if (type == 136 && _options.Verbose > 0)
                {
                    writer.Append(", Flags [");
                    WriteFlagNames(ref writer, bytes[4], NeighborAdvertisementFlags);
                    writer.Append(']');
                }
                if (_options.Verbose > 0 && !WriteDiscoveryOptions(ref writer, bytes, 24, length - 24))
                    return;
                break;
            case >= 130 and <= 134:
            case >= 137 and <= 147 and not (138 or 139 or 140):
                if (!WriteIcmpv6Discovery(ref writer, type, bytes, length))
                    return;
                break;
            default:
                WriteLengthSuffix(ref writer, length);
                if (_options.Verbose <= 1)
                    WriteUnknownData(ref writer, bytes, length);
                return;
        }
        if (_options.Verbose == 0)
            WriteLengthSuffix(ref writer, length);
    }

    /// <summary>
    /// tcpdump's search for the TCP or UDP header of a quoted IPv6 packet, through hop-by-hop, destination, routing, first
    /// fragment and AH headers; false when it is another protocol or was not captured.
    /// </summary>
    private static bool TryFindQuotedPorts(ReadOnlySpan<byte> quoted, out byte protocol, out ushort destinationPort)
    {
        protocol = 0;
        destinationPort = 0;
        if (quoted.Length < 7)
            return false;
        var next = quoted[6];
        var offset = 0;
        var advance = Ipv6Header.Length;
        while (offset < quoted.Length)
        {
            offset += advance;
            var rest = offset < quoted.Length ? quoted[offset..] : default;
            switch (next)
            {
                case 6:
                case 17:
                    if (rest.Length < 4)
                        return false;
                    protocol = next;
                    destinationPort = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
                    return true;
                case 0:
                case 43:
                case 60:
                    if (rest.Length < 2)
                        return false;
                    next = rest[0];
                    advance = (rest[1] + 1) * 8;
                    break;
                case 44:
                    if (rest.Length < 4 || (BinaryPrimitives.ReadUInt16BigEndian(rest[2..]) & 0xfff8) != 0)
                        return false;
                    next = rest[0];
                    advance = 8;
                    break;
                case 51:
                    if (rest.Length < 2)
                        return false;
                    next = rest[0];
                    advance = (rest[1] + 2) * 4;
                    break;
                default:
                    return false;
            }
        }
        return false;
    }

    /// <summary>tcpdump's <c>print_unknown_data</c>: a hex and ASCII dump of what was captured of <paramref name="length"/> bytes.</summary>
    private static void WriteUnknownData(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, string indent = "\n\t")
    {
        if (bytes.Length > length)
            bytes = bytes[..Math.Max(length, 0)];
        WriteHexOnly(ref writer, bytes, indent);
    }

    private static readonly (uint Bit, string Name)[] NeighborAdvertisementFlags = [(0x80, "router"), (0x40, "solicited"), (0x20, "override")];

    private static string? Icmpv6TypeName(byte type) => type switch
    {
        1 => "destination unreachable",
        2 => "packet too big",
        3 => "time exceeded in-transit",
        4 => "parameter problem",
        128 => "echo request",
        129 => "echo reply",
        130 => "multicast listener query",
        131 => "multicast listener report",
        132 => "multicast listener done",
        133 => "router solicitation",
        134 => "router advertisement",
        135 => "neighbor solicitation",
        136 => "neighbor advertisement",
        137 => "redirect",
        138 => "router renumbering",
        139 => "node information query",
        140 => "node information reply",
        141 => "inverse neighbor solicitation",
        142 => "inverse neighbor advertisement",
        143 => "multicast listener report v2",
        144 => "ha discovery request",
        145 => "ha discovery reply",
        146 => "mobile router solicitation",
        147 => "mobile router advertisement",
        200 => "mtrace response",
        201 => "mtrace message",
        _ => null,
    };
}
