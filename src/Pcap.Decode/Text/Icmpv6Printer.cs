using Pcap.Decode.Network;
using Pcap.Decode.Transport;

namespace Pcap.Decode.Text;

/// <summary>
/// ICMPv6 as tcpdump's <c>print-icmp6.c</c> prints it, from the <see cref="Icmpv6Header"/> view read laxly (tcpdump prints
/// from cut-off headers): the checksum verdict, the type, errors with the address of the packet they quote, echo; neighbour
/// discovery goes to <see cref="NeighborDiscoveryPrinter"/>, multicast listener discovery to <see cref="MldPrinter"/>.
/// </summary>
internal static class Icmpv6Printer
{
    /// <summary>Prints the message in <paramref name="bytes"/>; <paramref name="length"/> is what the IPv6 layer says it spans.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, in IpContext context)
    {
        if (length == 0)
        {
            writer.Append("ICMP6, length 0 (invalid)");
            return;
        }
        var readable = Icmpv6Header.TryReadType(bytes, out var icmp, out _);
        var verbose = state.Options.Verbose;
        if (verbose > 0 && !context.Fragmented && bytes.Length >= length)
        {
            if (icmp.CapturedLength < Icmpv6Header.MinimumLength)
            {
                // tcpdump reads the checksum field past the IPv6 payload's end and gives up on the packet there.
                state.WriteTruncated(ref writer, "icmp6", abandoned: true);
                return;
            }
            var computed = Checksum.Compute(bytes[..length], Endpoints.PseudoHeaderSum(in context, 58, length));
            Checksum.WriteVerdict(ref writer, "icmp6", icmp.Checksum, computed);
        }
        if (!readable)
        {
            state.WriteTruncated(ref writer, "icmp6", abandoned: true);
            return;
        }
        var type = icmp.Type;
        writer.Append("ICMP6, ");
        var name = TypeName(type);
        if (name is null)
            writer.AppendNote("unknown icmp6 type (", type, ')');
        else
            writer.Append(name);
        if (verbose > 0 && type is 133 or 134 or 135 or 136 or 137 or 145 or 147)
            writer.AppendLengthSuffix(length);
        if (icmp.CapturedLength < 2)
        {
            state.WriteTruncated(ref writer, "icmp6", abandoned: true);
            return;
        }
        var code = icmp.Code;
        switch (type)
        {
            case 1:
                if (!WriteUnreachable(ref writer, state, icmp, length))
                    return;
                break;
            case 2:
                if (icmp.CapturedLength < 8)
                {
                    state.WriteTruncated(ref writer, "icmp6", abandoned: true);
                    return;
                }
                writer.Append(", mtu ");
                writer.AppendDecimal(icmp.Mtu);
                break;
            case 3:
                if (code == 0)
                {
                    if (!Ipv6Header.TryReadQuoted(icmp.InvokingPacket, out var quoted, out _))
                    {
                        state.WriteTruncated(ref writer, "icmp6", abandoned: true);
                        return;
                    }
                    writer.Append(" for ");
                    state.WriteIpAddress(ref writer, quoted.Destination);
                }
                else if (code == 1)
                {
                    writer.Append(" (reassembly)");
                }
                else
                {
                    writer.AppendNote(", unknown code (", code, ')');
                }
                break;
            case 4:
                // tcpdump tests for the quoted header before it prints the pointer.
                if (icmp.InvokingPacket.Length < Ipv6Header.Length)
                {
                    state.WriteTruncated(ref writer, "icmp6");
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
                writer.AppendDecimal(code <= 3 ? icmp.Pointer : code);
                break;
            case 128:
            case 129:
                if (icmp.CapturedLength < 8)
                {
                    state.WriteTruncated(ref writer, "icmp6", abandoned: true);
                    return;
                }
                writer.Append(", id ");
                writer.AppendDecimal(icmp.Identifier);
                writer.Append(", seq ");
                writer.AppendDecimal(icmp.SequenceNumber);
                break;
            case 130:
            case 131:
            case 132:
            case 143:
                if (!MldPrinter.Print(ref writer, state, icmp, length))
                    return;
                break;
            case >= 133 and <= 137:
            case >= 141 and <= 147:
                if (!NeighborDiscoveryPrinter.Print(ref writer, state, icmp, length))
                    return;
                break;
            default:
                writer.AppendLengthSuffix(length);
                if (verbose <= 1)
                    WriteUnknownData(ref writer, bytes, length);
                return;
        }
        if (verbose == 0)
            writer.AppendLengthSuffix(length);
    }

    /// <summary>Destination unreachable: the reason and the quoted packet's destination (or port); false after a truncation.</summary>
    private static bool WriteUnreachable(ref LineWriter writer, PrintState state, Icmpv6Header icmp, int length)
    {
        var code = icmp.Code;
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
        var invoking = icmp.InvokingPacket;
        switch (code)
        {
            case 0:
            case 1:
            case 2:
            case 3:
                if (!Ipv6Header.TryReadQuoted(invoking, out var quoted, out _))
                {
                    state.WriteTruncated(ref writer, "icmp6", abandoned: true);
                    return false;
                }
                writer.Append(' ');
                state.WriteIpAddress(ref writer, quoted.Destination);
                if (code == 2)
                {
                    writer.Append(", source address ");
                    state.WriteIpAddress(ref writer, quoted.Source);
                }
                return true;
            case 4:
                if (!TryFindQuotedPort(invoking, out var destination, out var protocol, out var port))
                {
                    // tcpdump's upper-layer lookup fails softly: a bounds test, not a long jump.
                    state.WriteTruncated(ref writer, "icmp6");
                    return false;
                }
                writer.Append(", ");
                state.WriteIpAddress(ref writer, destination);
                writer.Append(protocol == 6 ? " tcp port " : " udp port ");
                Endpoints.WritePort(ref writer, state, port, protocol == 6);
                return true;
            default:
                if (state.Options.Verbose <= 1)
                {
                    WriteUnknownData(ref writer, icmp.Bytes, length);
                    return false;
                }
                return true;
        }
    }

    /// <summary>
    /// tcpdump's search for the TCP or UDP header of a quoted IPv6 packet, through hop-by-hop, destination, routing, first
    /// fragment and AH headers; false when it is another protocol or was not captured.
    /// </summary>
    private static bool TryFindQuotedPort(ReadOnlySpan<byte> invoking, out ReadOnlySpan<byte> destination, out byte protocol, out ushort port)
    {
        destination = default;
        protocol = 0;
        port = 0;
        if (!Ipv6Header.TryReadQuoted(invoking, out var quoted, out _))
            return false;
        var next = quoted.NextHeader;
        var rest = quoted.Payload;
        while (true)
        {
            switch (next.Value)
            {
                case 6:
                case 17:
                    if (!UdpHeader.TryReadPorts(rest, out var ports, out _))
                        return false;
                    destination = quoted.Destination;
                    protocol = next.Value;
                    port = ports.DestinationPort;
                    return true;
                case 0:
                case 43:
                case 44:
                case 51:
                case 60:
                    if (!Ipv6ExtensionHeader.TryRead(rest, next, out var extension, out _) || (next.Value == 44 && extension.FragmentOffset != 0))
                        return false;
                    next = extension.NextHeader;
                    rest = extension.Payload;
                    break;
                default:
                    return false;
            }
        }
    }

    /// <summary>tcpdump's <c>print_unknown_data</c>: a hex and ASCII dump of what was captured of <paramref name="length"/> bytes.</summary>
    internal static void WriteUnknownData(ref LineWriter writer, ReadOnlySpan<byte> bytes, int length, string indent = "\n\t")
    {
        if (bytes.Length > length)
            bytes = bytes[..Math.Max(length, 0)];
        HexDumpWriter.WriteHexOnly(ref writer, bytes, indent);
    }

    private static string? TypeName(byte type) => type switch
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
