using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>
/// PPP's control protocols (LCP, IPCP, IPv6CP, CCP, BACP, OSINLCP, MPLSCP) as tcpdump 4.99's handle_ctrl_proto (print-ppp.c)
/// prints them: the code, identifier and length, and with <c>-v</c> the encoded length, the options of the four Configure
/// codes, the magic number of Echo and Discard, the protocol a Protocol-Reject names. The option lists are in
/// <see cref="PppOptionPrinter"/>.
/// </summary>
internal static class PppControlPrinter
{
    /// <summary>
    /// Prints the packet after the 2-byte protocol field that <paramref name="frame"/> starts with; <paramref name="length"/>
    /// counts the bytes after the protocol field on the wire.
    /// </summary>
    public static void Print(ref LineWriter writer, PrintState state, ushort protocol, ReadOnlySpan<byte> frame, int length)
    {
        var typeName = PppPrinter.Name(protocol);
        WriteTypeName(ref writer, protocol, typeName);
        writer.Append(", ");
        var packet = PppControlPacket.ReadPartial(frame.Length > 2 ? frame[2..] : default);
        if (length < PppControlPacket.HeaderLength || !packet.Has(0, 2))
        {
            Truncated(ref writer, protocol, typeName);
            return;
        }
        var code = packet.Code;
        writer.Append(CodeName(code) ?? "Unknown Opcode");
        writer.Append(" (0x");
        writer.AppendHex(code, 2);
        writer.Append("), id ");
        writer.AppendDecimal(packet.Identifier);
        writer.Append(", length ");
        writer.AppendDecimal((uint)(length + 2));
        if (state.Options.Verbose == 0)
            return;
        if (!packet.Has(2, 2))
        {
            PppPrinter.Abandon(ref writer, state);
            return;
        }
        int encoded = packet.Length;
        if (encoded < PppControlPacket.HeaderLength)
        {
            writer.Append("\n\tencoded length ");
            writer.AppendDecimal((uint)encoded);
            writer.Append(" (< 4))");
            return;
        }
        if (encoded > length)
        {
            writer.Append("\n\tencoded length ");
            writer.AppendDecimal((uint)encoded);
            writer.Append(" (> packet length ");
            writer.AppendDecimal((uint)length);
            writer.Append("))");
            return;
        }
        length = encoded;
        writer.Append("\n\tencoded length ");
        writer.AppendDecimal((uint)encoded);
        writer.Append(" (=Option(s) length ");
        writer.AppendDecimal((uint)(encoded - 4));
        writer.Append(')');
        if (length == PppControlPacket.HeaderLength)
            return;
        if (state.Options.Verbose > 1)
            PppPrinter.WriteUnknownData(ref writer, frame, 0, "\n\t", 6);
        const int data = PppControlPacket.HeaderLength;
        switch (code)
        {
            case 0:
                // Vendor-Specific (RFC 2153): a magic number and the vendor's OUI.
                if (length < 11)
                    break;
                if (!TryWriteMagicNumber(ref writer, state, packet, data))
                    return;
                if (!packet.Has(data + 4, 3))
                {
                    PppPrinter.Abandon(ref writer, state);
                    return;
                }
                writer.Append(" Vendor: ");
                WriteOui(ref writer, packet.U24(data + 4));
                break;
            case >= PppControlPacket.ConfigureRequest and <= PppControlPacket.ConfigureReject:
                PrintOptions(ref writer, state, protocol, packet, encoded);
                break;
            case 8:
                // Protocol-Reject: the protocol refused and, as hex, the packet that carried it.
                if (length < 6)
                    break;
                if (!packet.Has(data, 2))
                {
                    PppPrinter.Abandon(ref writer, state);
                    return;
                }
                var rejected = packet.U16(data);
                writer.Append("\n\t  Rejected ");
                writer.Append(PppPrinter.Name(rejected) ?? "unknown");
                writer.Append(" Protocol (0x");
                writer.AppendHex(rejected, 4);
                writer.Append(')');
                if (encoded > 6)
                {
                    writer.Append("\n\t  Rejected Packet");
                    // tcpdump dumps length - 2 bytes from here, past the packet when it was captured.
                    PppPrinter.WriteUnknownData(ref writer, packet.Bytes, data + 2, "\n\t    ", encoded - 2);
                }
                break;
            case PppControlPacket.EchoRequest:
            case 10:
            case 11:
                // Echo-Request, Echo-Reply, Discard-Request: the magic number, then any data in hex.
                if (length < 8)
                    break;
                if (!TryWriteMagicNumber(ref writer, state, packet, data))
                    return;
                if (encoded > 8)
                {
                    writer.Append("\n\t  -----trailing data-----");
                    if (!packet.Has(data + 4, encoded - 8))
                    {
                        Truncated(ref writer, protocol, typeName);
                        return;
                    }
                    PppPrinter.WriteUnknownData(ref writer, packet.Bytes, data + 4, "\n\t  ", encoded - 8);
                }
                break;
            case 12:
                // Identification (RFC 1570): the magic number and a message; tcpdump reads length - 4 bytes of it.
                if (length < 8)
                    break;
                if (!TryWriteMagicNumber(ref writer, state, packet, data))
                    return;
                if (encoded > 8)
                {
                    writer.Append("\n\t  Message\n\t    ");
                    var message = packet.From(data + 4);
                    var count = Math.Min(message.Length, encoded - 4);
                    for (var i = 0; i < count; i++)
                        PrintableText.Append(ref writer, message[i]);
                    if (count < encoded - 4)
                        Truncated(ref writer, protocol, typeName);
                }
                break;
            case 13:
                // Time-Remaining (RFC 1570).
                if (length < 12)
                    break;
                if (!TryWriteMagicNumber(ref writer, state, packet, data))
                    return;
                if (!packet.Has(data + 4, 4))
                {
                    PppPrinter.Abandon(ref writer, state);
                    return;
                }
                writer.Append(", Seconds-Remaining ");
                writer.AppendDecimal(packet.U32(data + 4));
                writer.Append('s');
                break;
            case PppControlPacket.TerminateRequest:
            case 6:
            case 7:
                break;
            default:
                if (state.Options.Verbose <= 1)
                    PppPrinter.WriteUnknownData(ref writer, frame, 0, "\n\t  ", length + 2);
                break;
        }
    }

    /// <summary>The options of a Configure packet, each given the whole encoded length as tcpdump's option printers are.</summary>
    private static void PrintOptions(ref LineWriter writer, PrintState state, ushort protocol, PppControlPacket packet, int encoded)
    {
        var remaining = encoded - PppControlPacket.HeaderLength;
        var at = PppControlPacket.HeaderLength;
        do
        {
            var advance = protocol switch
            {
                PppHeader.Lcp => PppOptionPrinter.Lcp(ref writer, state, packet, at, encoded),
                PppHeader.Ipcp => PppOptionPrinter.Ipcp(ref writer, state, packet, at, encoded),
                PppHeader.Ipv6cp => PppOptionPrinter.Ipv6cp(ref writer, state, packet, at, encoded),
                PppHeader.Ccp => PppOptionPrinter.Ccp(ref writer, state, packet, at, encoded),
                PppHeader.Bacp => PppOptionPrinter.Bacp(ref writer, state, packet, at, encoded),
                _ => 0,
            };
            if (advance <= 0)
                return;
            if (remaining < advance)
            {
                writer.Append(" [remaining options length ");
                writer.AppendDecimal((uint)remaining);
                writer.Append(" < ");
                writer.AppendDecimal((uint)advance);
                writer.Append("] (invalid)");
                return;
            }
            remaining -= advance;
            at += advance;
        }
        while (remaining != 0);
    }

    /// <summary>tcpdump's oui_values name of a vendor, and the number.</summary>
    public static void WriteOui(ref LineWriter writer, int oui)
    {
        writer.Append(OuiNames.Find(oui) ?? "Unknown");
        writer.Append(" (");
        writer.AppendDecimal((uint)oui);
        writer.Append(')');
    }

    /// <summary>The magic number at <paramref name="offset"/>; false when it was not captured (the packet is abandoned).</summary>
    private static bool TryWriteMagicNumber(ref LineWriter writer, PrintState state, PppControlPacket packet, int offset)
    {
        if (!packet.Has(offset, 4))
        {
            PppPrinter.Abandon(ref writer, state);
            return false;
        }
        writer.Append("\n\t  Magic-Num 0x");
        writer.AppendHex(packet.U32(offset), 8);
        return true;
    }

    private static void WriteTypeName(ref LineWriter writer, ushort protocol, string? typeName)
    {
        if (typeName is not null)
        {
            writer.Append(typeName);
            return;
        }
        writer.Append("unknown ctrl-proto (0x");
        writer.AppendHex(protocol, 4);
        writer.Append(')');
    }

    /// <summary>handle_ctrl_proto's own mark, <c>[|LCP]</c> with no space before it; the packet is not abandoned.</summary>
    private static void Truncated(ref LineWriter writer, ushort protocol, string? typeName)
    {
        writer.Append("[|");
        WriteTypeName(ref writer, protocol, typeName);
        writer.Append(']');
    }

    /// <summary>tcpdump's cpcodes.</summary>
    private static string? CodeName(byte code) => code switch
    {
        0 => "Vendor-Extension", 1 => "Conf-Request", 2 => "Conf-Ack", 3 => "Conf-Nack", 4 => "Conf-Reject", 5 => "Term-Request",
        6 => "Term-Ack", 7 => "Code-Reject", 8 => "Prot-Reject", 9 => "Echo-Request", 10 => "Echo-Reply", 11 => "Disc-Req",
        12 => "Ident", 13 => "Time-Rem", 14 => "Reset-Req", 15 => "Reset-Ack",
        _ => null,
    };
}
