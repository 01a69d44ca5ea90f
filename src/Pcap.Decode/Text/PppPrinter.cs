using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>
/// PPP as tcpdump 4.99's ppp_print (print-ppp.c) prints a frame: the protocol with <c>-e</c>, then IPv4 or IPv6. Other PPP
/// protocols (LCP, IPCP, PAP, CHAP... not decoded yet) print their name and a hex dump, as tcpdump prints unknown ones.
/// </summary>
internal static class PppPrinter
{
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
        switch (protocol)
        {
            case PppHeader.Ipv4:
            case PppHeader.VanJacobsonUncompressed:
            case 0x0800:
                Ipv4Printer.Print(ref writer, state, ppp.Payload, length);
                break;
            case PppHeader.Ipv6:
            case 0x86dd:
                Ipv6Printer.Print(ref writer, state, ppp.Payload, length);
                break;
            case 0x0281:
            case 0x0283:
                MplsPrinter.Print(ref writer, state, ppp.Payload, length);
                break;
            default:
                // tcpdump's print_unknown_data: the captured part of the payload in hex.
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
                var payload = ppp.Payload;
                HexDumpWriter.WriteHexOnly(ref writer, payload[..Math.Min(payload.Length, Math.Max(length, 0))]);
                break;
        }
    }

    /// <summary>tcpdump's ppptype2str, for the protocols a GRE or PPPoE capture usually carries.</summary>
    private static string? Name(ushort protocol) => protocol switch
    {
        0x0021 => "IP", 0x0023 => "OSI", 0x002b => "IPX", 0x002d => "VJC IP", 0x002f => "VJNC IP", 0x0057 => "IP6",
        0x0281 or 0x0283 => "MPLS", 0x00fd => "Compressed", 0x003d => "MLPPP",
        0x8021 => "IPCP", 0x8057 => "IP6CP", 0x8281 => "MPLSCP", 0xc021 => "LCP", 0xc023 => "PAP", 0xc223 => "CHAP", 0xc227 => "EAP",
        _ => null,
    };
}
