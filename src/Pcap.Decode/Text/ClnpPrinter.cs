using System.Buffers.Binary;
using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>
/// CLNP (ISO 8473) as tcpdump's <c>clnp_print</c> prints it, from the <see cref="ClnpHeader"/> view: addresses and PDU type,
/// with <c>-v</c> the fixed header, flags, segmentation part, options and the data (an error report's original packet).
/// </summary>
internal static class ClnpPrinter
{
    // tcpdump recurses into an error report's original packet without a bound; the packet length bounds ours.
    private const int MaxDepth = 16;

    /// <summary>Prints the PDU; false when the header is unusable and tcpdump dumps the PDU as unknown data.</summary>
    public static bool Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> pdu, int length, int depth)
    {
        if (!ClnpHeader.TryRead(pdu, out var clnp, out _))
        {
            state.WriteTruncated(ref writer, "clnp");
            return true;
        }
        var eflag = state.Options.LinkHeader;
        int li = clnp.LengthIndicator;
        if (!eflag)
            writer.Append("CLNP");
        if (clnp.Version != 1)
        {
            writer.Append("version ");
            writer.AppendDecimal(clnp.Version);
            writer.Append(" packet not supported");
            return false;
        }
        if (li > length)
        {
            writer.Append(" length indicator(");
            writer.AppendDecimal((uint)li);
            writer.Append(") > PDU size (");
            writer.AppendDecimal((uint)length);
            writer.Append(")!");
            return false;
        }
        if (li < ClnpHeader.FixedLength)
        {
            writer.Append(" length indicator ");
            writer.AppendDecimal((uint)li);
            writer.Append(" < min PDU size:");
            OsiPrinter.WriteCapturedUpperHex(ref writer, pdu);
            return false;
        }
        var offset = ClnpHeader.FixedLength;
        var remaining = li - ClnpHeader.FixedLength;
        var read = ReadAddress(ref writer, state, pdu, ref offset, ref remaining, out var destinationAt, out var destinationLength);
        var sourceAt = 0;
        var sourceLength = 0;
        if (read > 0)
            read = ReadAddress(ref writer, state, pdu, ref offset, ref remaining, out sourceAt, out sourceLength);
        if (read <= 0)
            return read < 0;
        var destination = pdu.Slice(destinationAt, destinationLength);
        var source = pdu.Slice(sourceAt, sourceLength);
        if (state.Options.Verbose < 1)
        {
            writer.Append(eflag ? "" : ", ");
            OsiPrinter.WriteNsap(ref writer, source);
            writer.Append(" > ");
            OsiPrinter.WriteNsap(ref writer, destination);
            writer.Append(", ");
            WritePduType(ref writer, clnp.PduType);
            writer.Append(", length ");
            writer.AppendDecimal((uint)length);
            return true;
        }
        writer.Append(eflag ? "length " : ", length ");
        writer.AppendDecimal((uint)length);
        writer.Append("\n\t");
        WritePduType(ref writer, clnp.PduType);
        writer.Append(" PDU, hlen: ");
        writer.AppendDecimal(clnp.LengthIndicator);
        writer.Append(", v: ");
        writer.AppendDecimal(clnp.Version);
        writer.Append(", lifetime: ");
        writer.AppendDecimal((uint)clnp.Lifetime / 2);
        writer.Append('.');
        writer.AppendDecimal((uint)clnp.Lifetime % 2 * 5);
        writer.Append("s, Segment PDU length: ");
        writer.AppendDecimal(clnp.SegmentLength);
        writer.Append(", checksum: 0x");
        writer.AppendHex(clnp.Checksum, 4);
        OsiPrinter.WriteChecksumVerdict(ref writer, pdu, clnp.Checksum, 7, li);
        writer.Append("\n\tFlags [");
        var first = true;
        BitNames.Append(ref writer, (uint)clnp.Flags, 0x80, "Segmentation permitted", ref first);
        BitNames.Append(ref writer, (uint)clnp.Flags, 0x40, "more Segments", ref first);
        BitNames.Append(ref writer, (uint)clnp.Flags, 0x20, "request Error Report", ref first);
        if (first)
            writer.Append("none");
        writer.Append("]\n\tsource address (length ");
        writer.AppendDecimal((uint)source.Length);
        writer.Append("): ");
        OsiPrinter.WriteNsap(ref writer, source);
        writer.Append("\n\tdest   address (length ");
        writer.AppendDecimal((uint)destination.Length);
        writer.Append("): ");
        OsiPrinter.WriteNsap(ref writer, destination);
        if (clnp.HasSegmentationPart)
        {
            if (remaining < 6)
            {
                writer.Append("li < size of fixed part of CLNP header, addresses, and segment part");
                return false;
            }
            if (pdu.Length < offset + 6)
            {
                state.WriteTruncated(ref writer, "clnp");
                return true;
            }
            writer.Append("\n\tData Unit ID: 0x");
            writer.AppendHex(BinaryPrimitives.ReadUInt16BigEndian(pdu[offset..]), 4);
            writer.Append(", Segment Offset: ");
            writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(pdu[(offset + 2)..]));
            writer.Append(", Total PDU Length: ");
            writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(pdu[(offset + 4)..]));
            offset += 6;
            remaining -= 6;
        }
        while (remaining != 0)
        {
            if (remaining < 2)
            {
                writer.Append(", bad opts/li");
                return false;
            }
            if (pdu.Length < offset + 2)
            {
                state.WriteTruncated(ref writer, "clnp");
                return true;
            }
            int op = pdu[offset];
            int opli = pdu[offset + 1];
            offset += 2;
            remaining -= 2;
            if (opli > remaining)
            {
                writer.Append(", opt (");
                writer.AppendDecimal((uint)op);
                writer.Append(") too long");
                return false;
            }
            if (pdu.Length < offset + opli)
            {
                state.WriteTruncated(ref writer, "clnp");
                return true;
            }
            remaining -= opli;
            var value = pdu.Slice(offset, opli);
            writer.Append("\n\t  ");
            writer.Append(OptionName(op) ?? "Unknown");
            writer.Append(" Option #");
            writer.AppendDecimal((uint)op);
            writer.Append(", length ");
            writer.AppendDecimal((uint)opli);
            writer.Append(", value: ");
            if (!PrintOption(ref writer, op, value))
                return false;
            if (state.Options.Verbose > 1)
                OsiPrinter.WriteUnknownData(ref writer, value, opli, "\n\t  ");
            offset += opli;
        }
        if (clnp.PduType is 1 or 31)
        {
            if (pdu.Length <= offset)
            {
                state.WriteTruncated(ref writer, "clnp");
                return true;
            }
            if (pdu[offset] == ClnpHeader.Nlpid && depth < MaxDepth)
            {
                writer.Append("\n\t-----original packet-----\n\t");
                Print(ref writer, state, pdu[offset..], length - li, depth + 1);
                return true;
            }
        }
        if (length > offset)
        {
            writer.Append("\n\t  undecoded non-header data, length ");
            writer.AppendDecimal((uint)(length - li));
            OsiPrinter.WriteUnknownData(ref writer, pdu[offset..], length - offset, "\n\t  ");
        }
        return true;
    }

    /// <summary>Reads a length-prefixed address inside the header: 1, 0 when it does not fit the header (tcpdump's note written), -1 when cut off.</summary>
    private static int ReadAddress(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> pdu, ref int offset, ref int remaining, out int at, out int addressLength)
    {
        at = 0;
        addressLength = 0;
        if (remaining < 1)
        {
            writer.Append("li < size of fixed part of CLNP header and addresses");
            return 0;
        }
        if (pdu.Length <= offset)
        {
            state.WriteTruncated(ref writer, "clnp");
            return -1;
        }
        addressLength = pdu[offset];
        offset++;
        remaining--;
        if (remaining < addressLength)
        {
            writer.Append("li < size of fixed part of CLNP header and addresses");
            return 0;
        }
        if (pdu.Length < offset + addressLength)
        {
            state.WriteTruncated(ref writer, "clnp");
            return -1;
        }
        at = offset;
        offset += addressLength;
        remaining -= addressLength;
        return 1;
    }

    /// <summary>An option's value; false when its length is too short for its format (tcpdump then gives up on the PDU).</summary>
    private static bool PrintOption(ref LineWriter writer, int op, ReadOnlySpan<byte> value)
    {
        switch (op)
        {
            case 203 or 200:
                if (value.Length < 2)
                {
                    writer.Append(", bad opt len");
                    return false;
                }
                writer.Append(value[0] switch { 0 => "partial", 1 => "complete", _ => "Unknown" });
                writer.Append(op == 200 ? " source routing" : " recording of route in progress");
                int nsapOffset = value[1];
                if (nsapOffset == 0)
                {
                    writer.Append(" Bad NSAP offset (0)");
                    break;
                }
                nsapOffset--;
                if (nsapOffset > value.Length)
                {
                    writer.Append(" Bad NSAP offset (past end of option)");
                    break;
                }
                // tcpdump reads every entry from the same place (it never advances its pointer): so do we.
                var list = value[nsapOffset..];
                for (var left = list.Length; left > 0;)
                {
                    int addressLength = list[0];
                    if (left < addressLength + 1)
                    {
                        writer.Append("\n\t    NSAP address goes past end of option");
                        break;
                    }
                    if (addressLength > 0)
                    {
                        writer.Append("\n\t    NSAP address (length ");
                        writer.AppendDecimal((uint)addressLength);
                        writer.Append("): ");
                        OsiPrinter.WriteNsap(ref writer, list.Slice(1, addressLength));
                    }
                    left -= addressLength + 1;
                }
                break;
            case 205:
                if (value.Length < 1)
                {
                    writer.Append(", bad opt len");
                    return false;
                }
                writer.Append("0x");
                writer.AppendHex((uint)(value[0] & 0x0f));
                break;
            case 195:
                if (value.Length < 1)
                {
                    writer.Append(", bad opt len");
                    return false;
                }
                writer.Append("\n\t    Format Code: ");
                writer.Append(ScopeName(value[0]));
                if ((value[0] & 0xc0) == 0xc0)
                {
                    writer.Append("\n\t    QoS Flags [");
                    var first = true;
                    uint flags = (uint)(value[0] & 0x3f);
                    BitNames.Append(ref writer, flags, 0x20, "reserved", ref first);
                    BitNames.Append(ref writer, flags, 0x10, "sequencing vs. delay", ref first);
                    BitNames.Append(ref writer, flags, 0x08, "congested", ref first);
                    BitNames.Append(ref writer, flags, 0x04, "delay vs. cost", ref first);
                    BitNames.Append(ref writer, flags, 0x02, "error vs. delay", ref first);
                    BitNames.Append(ref writer, flags, 0x01, "error vs. cost", ref first);
                    if (first)
                        writer.Append("none");
                    writer.Append(']');
                }
                break;
            case 197:
                if (value.Length < 2)
                {
                    writer.Append(", bad opt len");
                    return false;
                }
                writer.Append("\n\t    Format Code: ");
                writer.Append(ScopeName(value[0]));
                writer.Append(", Security-Level ");
                writer.AppendDecimal(value[1]);
                break;
            case 193:
                if (value.Length < 1)
                {
                    writer.Append(", bad opt len");
                    return false;
                }
                int major = value[0] >> 4, minor = value[0] & 0x0f;
                writer.Append("\n\t    Class: ");
                writer.Append(DiscardClassName(major) ?? "Unknown");
                writer.Append(" Error (0x");
                writer.AppendHex((uint)major);
                writer.Append("), ");
                writer.Append(DiscardReasonName(major, minor) ?? "Unknown");
                writer.Append(" (0x");
                writer.AppendHex((uint)minor);
                writer.Append(')');
                break;
            case 204:
                writer.Append("padding data");
                break;
            default:
                OsiPrinter.WriteUnknownData(ref writer, value, value.Length, "\n\t  ");
                break;
        }
        return true;
    }

    private static void WritePduType(ref LineWriter writer, int type)
    {
        var name = type switch { 1 => "Error Report", 29 => "MD", 28 => "Data", 30 => "Echo Request", 31 => "Echo Response", _ => null };
        if (name is not null)
        {
            writer.Append(name);
            return;
        }
        writer.Append("unknown (");
        writer.AppendDecimal((uint)type);
        writer.Append(')');
    }

    private static string? OptionName(int op) => op switch
    {
        193 => "Discard Reason",
        205 => "Priority",
        195 => "QoS Maintenance",
        197 => "Security",
        200 => "Source Routing",
        203 => "Route Recording",
        204 => "Padding",
        _ => null,
    };

    private static string ScopeName(byte value) => (value & 0xc0) switch
    {
        0x40 => "Source Address Specific",
        0x80 => "Destination Address Specific",
        0xc0 => "Globally unique",
        _ => "Reserved",
    };

    private static string? DiscardClassName(int major) => major switch
    {
        0x0 => "General", 0x8 => "Address", 0x9 => "Source Routeing", 0xa => "Lifetime", 0xb => "PDU Discarded", 0xc => "Reassembly", _ => null,
    };

    private static string? DiscardReasonName(int major, int minor) => (major, minor) switch
    {
        (0x0, 0x0) => "Reason not specified",
        (0x0, 0x1) => "Protocol procedure error",
        (0x0, 0x2) => "Incorrect checksum",
        (0x0, 0x3) => "PDU discarded due to congestion",
        (0x0, 0x4) => "Header syntax error (cannot be parsed)",
        (0x0, 0x5) => "Segmentation needed but not permitted",
        (0x0, 0x6) => "Incomplete PDU received",
        (0x0, 0x7) => "Duplicate option",
        (0x8, 0x0) => "Destination address unreachable",
        (0x8, 0x1) => "Destination address unknown",
        (0x9, 0x0) => "Unspecified source routeing error",
        (0x9, 0x1) => "Syntax error in source routeing field",
        (0x9, 0x2) => "Unknown address in source routeing field",
        (0x9, 0x3) => "Path not acceptable",
        (0xa, 0x0) => "Lifetime expired while data unit in transit",
        (0xa, 0x1) => "Lifetime expired during reassembly",
        (0xb, 0x0) => "Unsupported option not specified",
        (0xb, 0x1) => "Unsupported protocol version",
        (0xb, 0x2) => "Unsupported security option",
        (0xb, 0x3) => "Unsupported source routeing option",
        (0xb, 0x4) => "Unsupported recording of route option",
        (0xc, 0x0) => "Reassembly interference",
        _ => null,
    };
}
