using System.Buffers.Binary;
using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>
/// ES-IS (ISO 9542) as tcpdump's <c>esis_print</c> prints it, from the <see cref="EsisHeader"/> view: the PDU type, with
/// <c>-v</c> the fixed header, the ESH/ISH network entity titles or the redirect's addresses, and the options.
/// </summary>
internal static class EsisPrinter
{
    /// <summary>Prints the PDU in <paramref name="pdu"/> (<paramref name="length"/> bytes).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> pdu, int length)
    {
        var eflag = state.Options.LinkHeader;
        var verbose = state.Options.Verbose;
        if (!eflag)
            writer.Append("ES-IS");
        if (length <= 2)
        {
            writer.Append(state.Options.Quiet ? "bad pkt!" : "no header at all!");
            return;
        }
        if (!EsisHeader.TryRead(pdu, out var esis, out _))
        {
            state.WriteTruncated(ref writer, "esis");
            return;
        }
        int li = esis.LengthIndicator;
        if (esis.NlpidField != EsisHeader.Nlpid)
        {
            writer.Append(" nlpid 0x");
            writer.AppendHex(esis.NlpidField, 2);
            writer.Append(" packet not supported");
            return;
        }
        if (esis.Version != 1)
        {
            writer.Append(" version ");
            writer.AppendDecimal(esis.Version);
            writer.Append(" packet not supported");
            return;
        }
        if (li > length)
        {
            writer.Append(" length indicator(");
            writer.AppendDecimal((uint)li);
            writer.Append(") > PDU size (");
            writer.AppendDecimal((uint)length);
            writer.Append(")!");
            return;
        }
        if (li < EsisHeader.FixedLength + 2)
        {
            writer.Append(" length indicator ");
            writer.AppendDecimal((uint)li);
            writer.Append(" < min PDU size:");
            OsiPrinter.WriteCapturedUpperHex(ref writer, pdu);
            return;
        }
        var type = esis.PduType;
        var name = type switch { 6 => "redirect", 2 => "ESH", 4 => "ISH", _ => null };
        if (verbose < 1)
        {
            writer.Append(eflag ? "" : ", ");
            if (name is null)
            {
                writer.Append("unknown type (");
                writer.AppendDecimal((uint)type);
                writer.Append(')');
            }
            else
            {
                writer.Append(name);
            }
            writer.Append(", length ");
            writer.AppendDecimal((uint)length);
            return;
        }
        writer.Append(eflag ? "length " : ", length ");
        writer.AppendDecimal((uint)length);
        writer.Append("\n\t");
        if (name is null)
        {
            writer.Append("unknown type: ");
            writer.AppendDecimal((uint)type);
        }
        else
        {
            writer.Append(name);
        }
        writer.Append(" (");
        writer.AppendDecimal((uint)type);
        writer.Append("), v: 1, checksum: 0x");
        writer.AppendHex(esis.Checksum, 4);
        OsiPrinter.WriteChecksumVerdict(ref writer, pdu, esis.Checksum, 7, li);
        writer.Append(", holding time: ");
        writer.AppendDecimal(esis.HoldingTime);
        writer.Append("s, length indicator: ");
        writer.AppendDecimal((uint)li);
        if (verbose > 1)
            OsiPrinter.WriteUnknownData(ref writer, pdu, EsisHeader.FixedLength, "\n\t");
        var offset = EsisHeader.FixedLength;
        li -= EsisHeader.FixedLength;
        switch (type)
        {
            case 6:
                if (!PrintRedirect(ref writer, state, pdu, ref offset, ref li))
                    return;
                break;
            case 2:
                if (pdu.Length <= offset)
                {
                    state.WriteTruncated(ref writer, "esis");
                    return;
                }
                if (li < 1)
                {
                    writer.Append(", bad esh/li");
                    return;
                }
                int count = pdu[offset++];
                li--;
                writer.Append("\n\t  Number of Source Addresses: ");
                writer.AppendDecimal((uint)count);
                for (; count > 0; count--)
                {
                    if (!PrintNet(ref writer, state, pdu, ref offset, ref li, ", bad esh/li", "\n\t  NET (length: "))
                        return;
                }
                break;
            case 4:
                if (!PrintNet(ref writer, state, pdu, ref offset, ref li, ", bad ish/li", "\n\t  NET (length: "))
                    return;
                break;
            default:
                if (verbose <= 1 && pdu.Length > offset)
                    OsiPrinter.WriteUnknownData(ref writer, pdu[offset..], pdu.Length - offset, "\n\t  ");
                return;
        }
        PrintOptions(ref writer, state, pdu, offset, li);
    }

    /// <summary>A length-prefixed NET; false when it is cut off or does not fit the header (the PDU ends there).</summary>
    private static bool PrintNet(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> pdu, ref int offset, ref int li, string bad, string label)
    {
        if (pdu.Length <= offset)
        {
            state.WriteTruncated(ref writer, "esis");
            return false;
        }
        if (li < 1)
        {
            writer.Append(bad);
            return false;
        }
        int netLength = pdu[offset++];
        li--;
        if (pdu.Length < offset + netLength)
        {
            state.WriteTruncated(ref writer, "esis");
            return false;
        }
        if (li < netLength)
        {
            writer.Append(bad);
            return false;
        }
        writer.Append(label);
        writer.AppendDecimal((uint)netLength);
        writer.Append("): ");
        OsiPrinter.WriteNsap(ref writer, pdu.Slice(offset, netLength));
        offset += netLength;
        li -= netLength;
        return true;
    }

    /// <summary>A redirect: destination, SNPA and NET, each length-prefixed.</summary>
    private static bool PrintRedirect(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> pdu, ref int offset, ref int li)
    {
        if (!ReadPrefixed(ref writer, state, pdu, ref offset, ref li, true, out var destinationAt))
            return false;
        writer.Append("\n\t  ");
        OsiPrinter.WriteNsap(ref writer, pdu[destinationAt..offset]);
        if (!ReadPrefixed(ref writer, state, pdu, ref offset, ref li, true, out var snpaAt))
            return false;
        var snpaEnd = offset;
        // tcpdump does not count the NET's length byte against the length indicator.
        if (!ReadPrefixed(ref writer, state, pdu, ref offset, ref li, false, out var netAt))
            return false;
        var snpa = pdu[snpaAt..snpaEnd];
        var net = pdu[netAt..offset];
        writer.Append("\n\t  SNPA (length: ");
        writer.AppendDecimal((uint)snpa.Length);
        writer.Append("): ");
        if (snpa.Length == 6)
            state.WriteMac(ref writer, snpa);
        else if (snpa.IsEmpty)
            writer.Append("<empty>");
        else
            writer.AppendLinkAddress(snpa);
        if (!net.IsEmpty)
        {
            writer.Append("\n\t  NET (length: ");
            writer.AppendDecimal((uint)net.Length);
            writer.Append(") ");
            OsiPrinter.WriteNsap(ref writer, net);
        }
        return true;
    }

    private static bool ReadPrefixed(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> pdu, ref int offset, ref int li, bool countLengthByte,
        out int at)
    {
        at = 0;
        if (pdu.Length <= offset)
        {
            state.WriteTruncated(ref writer, "esis");
            return false;
        }
        if (li < 1)
        {
            writer.Append(", bad redirect/li");
            return false;
        }
        int valueLength = pdu[offset++];
        if (countLengthByte)
            li--;
        if (pdu.Length < offset + valueLength)
        {
            state.WriteTruncated(ref writer, "esis");
            return false;
        }
        if (li < valueLength)
        {
            writer.Append(", bad redirect/li");
            return false;
        }
        at = offset;
        offset += valueLength;
        li -= valueLength;
        return true;
    }

    private static void PrintOptions(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> pdu, int offset, int li)
    {
        while (li != 0)
        {
            if (li < 2)
            {
                writer.Append(", bad opts/li");
                return;
            }
            if (pdu.Length < offset + 2)
            {
                state.WriteTruncated(ref writer, "esis");
                return;
            }
            int op = pdu[offset];
            int opli = pdu[offset + 1];
            offset += 2;
            li -= 2;
            if (opli > li)
            {
                writer.Append(", opt (");
                writer.AppendDecimal((uint)op);
                writer.Append(") too long");
                return;
            }
            li -= opli;
            writer.Append("\n\t  ");
            writer.Append(OptionName(op) ?? "Unknown");
            writer.Append(" Option #");
            writer.AppendDecimal((uint)op);
            writer.Append(", length ");
            writer.AppendDecimal((uint)opli);
            writer.Append(", value: ");
            var available = pdu[offset..];
            switch (op)
            {
                case 198:
                    if (opli == 2)
                    {
                        if (available.Length < 2)
                        {
                            state.WriteTruncated(ref writer, "esis");
                            return;
                        }
                        writer.AppendDecimal(BinaryPrimitives.ReadUInt16BigEndian(available));
                        writer.Append('s');
                    }
                    else
                    {
                        writer.Append("(bad length)");
                    }
                    break;
                case 129:
                    for (var i = 0; opli > 0; i++, opli--)
                    {
                        if (i >= available.Length)
                        {
                            state.WriteTruncated(ref writer, "esis");
                            return;
                        }
                        writer.Append(OsiPrinter.NlpidName(available[i]) ?? "unknown");
                        writer.Append(" (0x");
                        writer.AppendHex(available[i], 2);
                        writer.Append(')');
                        if (opli > 1)
                            writer.Append(", ");
                    }
                    // tcpdump counts the protocols down in the option length it then skips by: the next option is read from here.
                    break;
                default:
                    OsiPrinter.WriteUnknownData(ref writer, available, opli, "\n\t  ");
                    break;
            }
            if (state.Options.Verbose > 1)
                OsiPrinter.WriteUnknownData(ref writer, available, opli, "\n\t  ");
            offset += opli;
        }
    }

    private static string? OptionName(int op) => op switch
    {
        129 => "Protocols supported",
        195 => "QoS Maintenance",
        197 => "Security",
        198 => "ES Configuration Time",
        205 => "Priority",
        225 => "Addressk Mask",
        226 => "SNPA Mask",
        _ => null,
    };
}
