using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>
/// PPP as tcpdump 4.99's ppp_print and handle_ppp (print-ppp.c) print a frame: the protocol with <c>-e</c>, then what it
/// carries: IPv4, IPv6, MPLS, IPX, OSI, a control protocol (<see cref="PppControlPrinter"/>), PAP or CHAP
/// (<see cref="PppAuthenticationPrinter"/>), a Multilink fragment header; other protocols as their name and a hex dump.
/// </summary>
internal static class PppPrinter
{
    /// <summary>A PPP frame carried by EtherType 0x880b: tcpdump writes ": " before it, and nothing for an empty one.</summary>
    public static void PrintAfterEtherType(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (length == 0)
            return;
        writer.Append(": ");
        Print(ref writer, state, bytes, length);
    }

    /// <summary>Prints a frame of <paramref name="length"/> bytes that starts with the address and control bytes or the protocol.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var originalLength = length;
        if (length < 2)
        {
            state.WriteTruncated(ref writer, "ppp");
            return;
        }
        var first = PppHeader.FirstWord(bytes);
        if (first < 0)
        {
            state.WriteTruncated(ref writer, "ppp", abandoned: true);
            return;
        }
        if (state.Options.LinkHeader && first is 0x0003 or 0x0103)
            writer.Append(first == 0x0003 ? "In  " : "Out ");
        if (first is 0xff03 or 0x0003 or 0x0103)
            length -= 2;
        if (length < 2)
        {
            state.WriteTruncated(ref writer, "ppp");
            return;
        }
        if (!PppHeader.TryRead(bytes, out var ppp, out _))
        {
            state.WriteTruncated(ref writer, "ppp", abandoned: true);
            return;
        }
        var protocol = ppp.Protocol;
        length -= ppp.ProtocolLength;
        if (state.Options.LinkHeader)
        {
            var name = Name(protocol);
            writer.Append(name ?? "unknown");
            writer.Append(" (0x");
            writer.AppendHex(protocol, 4);
            writer.Append("), length ");
            writer.AppendDecimal((uint)originalLength);
            if (name is null)
                return;
            writer.Append(": ");
        }
        Dispatch(ref writer, state, protocol, ppp.FromProtocol, ppp.ProtocolLength, length);
    }

    /// <summary>
    /// tcpdump's handle_ppp: the payload at <paramref name="at"/> in <paramref name="frame"/>, which starts at the protocol
    /// field; <paramref name="length"/> counts the payload's bytes on the wire.
    /// </summary>
    private static void Dispatch(ref LineWriter writer, PrintState state, ushort protocol, ReadOnlySpan<byte> frame, int at, int length)
    {
        if ((protocol & 0xff00) == 0x7e00)
        {
            // An escape byte where the protocol should be: tcpdump un-escapes HDLC framing from the protocol's second byte.
            PppHdlcPrinter.Print(ref writer, state, frame[(at - 1)..], length);
            return;
        }
        var payload = frame[at..];
        switch (protocol)
        {
            case PppHeader.Lcp:
            case PppHeader.Ipcp:
            case 0x8023:
            case 0x8281:
            case PppHeader.Ipv6cp:
            case PppHeader.Ccp:
            case PppHeader.Bacp:
                PppControlPrinter.Print(ref writer, state, protocol, frame, length);
                break;
            case PppHeader.Multilink:
                PrintMultilink(ref writer, state, payload, length);
                break;
            case PppHeader.Chap:
                PppAuthenticationPrinter.PrintChap(ref writer, state, payload, length);
                break;
            case PppHeader.Pap:
                PppAuthenticationPrinter.PrintPap(ref writer, state, payload, length);
                break;
            case 0xc02d:
                // BAP: tcpdump prints nothing of it.
                break;
            case PppHeader.Ipv4:
            case PppHeader.VanJacobsonUncompressed:
            case 0x0800:
                Ipv4Printer.Print(ref writer, state, payload, length);
                break;
            case PppHeader.Ipv6:
            case 0x86dd:
                Ipv6Printer.Print(ref writer, state, payload, length);
                break;
            case 0x8137:
            case 0x002b:
                IpxPrinter.Print(ref writer, state, payload);
                break;
            case 0x0023:
                OsiPrinter.Print(ref writer, state, payload, length);
                break;
            case 0x0281:
            case 0x0283:
                MplsPrinter.Print(ref writer, state, payload, length);
                break;
            case 0x00fd:
                writer.Append("compressed PPP data");
                break;
            default:
                var name = Name(protocol);
                if (name is null)
                {
                    writer.Append("unknown PPP protocol (0x");
                    writer.AppendHex(protocol, 4);
                    writer.Append(')');
                }
                else
                {
                    writer.Append(name);
                }
                writer.Append(' ');
                WriteUnknownData(ref writer, frame, at, "\n\t", length);
                break;
        }
    }

    /// <summary>The payload of an HDLC-escaped frame, once un-escaped: what tcpdump's ppp_hdlc guesses it holds.</summary>
    internal static void DispatchUnescaped(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> frame)
    {
        var length = frame.Length;
        if (length < 1)
        {
            state.WriteTruncated(ref writer, "ppp");
            return;
        }
        // A one-byte IPv4 or IPv6 protocol first, then a two-byte protocol after optional address and control bytes.
        switch (frame[0])
        {
            case (byte)PppHeader.Ipv4:
                Ipv4Printer.Print(ref writer, state, frame[1..], length - 1);
                return;
            case (byte)PppHeader.Ipv6:
                Ipv6Printer.Print(ref writer, state, frame[1..], length - 1);
                return;
        }
        if (length < 2)
        {
            state.WriteTruncated(ref writer, "ppp");
            return;
        }
        var protocol = PppHeader.FirstWord(frame);
        if (protocol == 0xff03)
        {
            if (length < 4)
            {
                state.WriteTruncated(ref writer, "ppp");
                return;
            }
            frame = frame[2..];
            length -= 2;
            protocol = PppHeader.FirstWord(frame);
        }
        if ((protocol & 0xff00) == 0x7e00)
        {
            writer.Append("(protocol 0x");
            writer.AppendHex((uint)protocol, 4);
            writer.Append(" invalid)");
            return;
        }
        Dispatch(ref writer, state, (ushort)protocol, frame, 2, length - 2);
    }

    /// <summary>Multilink PPP's fragment header: the 12-bit sequence number and the begin/end flags.</summary>
    private static void PrintMultilink(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> payload, int length)
    {
        if (!state.Options.LinkHeader)
            writer.Append("MLPPP, ");
        if (length < 2 || payload.Length < 2)
        {
            writer.Append("[|mlppp]");
            return;
        }
        writer.Append("seq 0x");
        writer.AppendHex((uint)(PppHeader.FirstWord(payload) & 0x0fff), 3);
        writer.Append(", Flags [");
        var flags = payload[0] & 0xc0;
        writer.Append(flags switch { 0x80 => "begin", 0x40 => "end", 0xc0 => "begin, end", _ => "none" });
        writer.Append("], length ");
        writer.AppendDecimal((uint)length);
    }

    /// <summary>tcpdump's long jump out of ppp_print on a field it could not read: <c> [|ppp]</c>, and the packet is given up.</summary>
    internal static void Abandon(ref LineWriter writer, PrintState state) => state.WriteTruncated(ref writer, "ppp", abandoned: true);

    /// <summary>
    /// tcpdump's print_unknown_data: up to <paramref name="length"/> captured bytes from <paramref name="offset"/> in hex,
    /// each line after <paramref name="indent"/>; its complaint when the offset is past the capture.
    /// </summary>
    internal static void WriteUnknownData(ref LineWriter writer, ReadOnlySpan<byte> captured, int offset, string indent, int length)
    {
        if (offset > captured.Length)
        {
            writer.Append(indent);
            writer.Append("Dissector error: print_unknown_data called with pointer past end of packet");
            return;
        }
        var available = captured.Length - offset;
        HexDumpWriter.WriteHexOnly(ref writer, captured.Slice(offset, length < 0 || length > available ? available : length), indent);
    }

    /// <summary>tcpdump's ppptype2str.</summary>
    internal static string? Name(int protocol) => protocol switch
    {
        0x0021 => "IP", 0x0023 => "OSI", 0x0025 => "NS", 0x0027 => "DECNET", 0x0029 => "APPLE", 0x002b => "IPX", 0x002d => "VJC IP",
        0x002f => "VJNC IP", 0x0031 => "BRPDU", 0x0033 => "STII", 0x0035 => "VINES", 0x0281 or 0x0283 => "MPLS", 0x00fd => "Compressed",
        0x003d => "MLPPP", 0x0057 => "IP6", 0x0201 => "HELLO", 0x0231 => "LUXCOM", 0x0233 => "SNS", 0x8021 => "IPCP", 0x8023 => "OSICP",
        0x8025 => "NSCP", 0x8027 => "DECNETCP", 0x8029 => "APPLECP", 0x802b => "IPXCP", 0x8033 => "STIICP", 0x8035 => "VINESCP",
        0x8057 => "IP6CP", 0x8281 => "MPLSCP", 0xc021 => "LCP", 0xc023 => "PAP", 0xc025 => "LQM", 0xc223 => "CHAP", 0xc227 => "EAP",
        0xc027 => "SPAP", 0xc123 => "Old-SPAP", 0xc02b => "BACP", 0xc02d => "BAP", 0xc03d => "MLPPP-CP", 0x80fd => "CCP",
        _ => null,
    };
}
