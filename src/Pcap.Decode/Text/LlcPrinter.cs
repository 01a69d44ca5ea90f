using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>
/// 802.2 LLC with its SNAP extension as tcpdump's <c>print-llc.c</c> prints them, from the <see cref="LlcHeader"/> and
/// <see cref="SnapHeader"/> views: the SAPs and control field, an encapsulated EtherType payload for SNAP, else the frame
/// kind (unnumbered, supervisory, information) and a hex dump.
/// </summary>
internal static class LlcPrinter
{
    /// <summary>
    /// Prints the LLC frame in <paramref name="payload"/> (<paramref name="length"/> bytes as the link layer counts them).
    /// <paramref name="source"/> and <paramref name="destination"/> are the MAC addresses printed without <c>-e</c> (empty for
    /// cooked captures). Returns the header bytes, negative when tcpdump had no printer for the payload (Ethernet still skips
    /// them for -x, the cooked printers do not).
    /// </summary>
    public static int Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> payload, int length, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        var captured = Math.Min(payload.Length, Math.Max(length, 0));
        if (!LlcHeader.TryRead(payload, out var llc, out _) || length < 3 || !llc.HasControlField)
        {
            // tcpdump's default print here ignores -q, -x and -X.
            state.WriteTruncated(ref writer, "llc");
            HexDumpWriter.WriteHexAndAscii(ref writer, payload[..captured]);
            return captured;
        }
        if (llc.Dsap == 0xff && llc.Ssap == 0xff) { if (state.Options.LinkHeader) writer.Append("IPX 802.3: "); IpxPrinter.Print(ref writer, state, payload[..captured]); return 0; }
        var dsapField = llc.Dsap;
        var ssapField = llc.Ssap;
        var control = llc.ControlField;
        var headerLength = llc.HeaderLength;
        var unnumbered = llc.IsUnnumbered;
        var dsap = (byte)(dsapField & 0xfe);
        var ssap = (byte)(ssapField & 0xfe);
        if (state.Options.LinkHeader)
        {
            writer.Append("LLC, dsap ");
            writer.Append(SapName(dsap) ?? "Unknown");
            writer.Append(" (0x");
            writer.AppendHex(dsap, 2);
            writer.Append((dsapField & 1) != 0 ? ") Group" : ") Individual");
            writer.Append(", ssap ");
            writer.Append(SapName(ssap) ?? "Unknown");
            writer.Append(" (0x");
            writer.AppendHex(ssap, 2);
            writer.Append((ssapField & 1) != 0 ? ") Response" : ") Command");
            writer.Append(", ctrl 0x");
            writer.AppendHex((uint)control, unnumbered ? 2 : 4);
            writer.Append(": ");
        }
        if (dsap == 0xaa && ssap == 0xaa && control == 0x03)
        {
            var snap = PrintSnap(ref writer, state, llc.Payload, length - headerLength, source, destination, payload[..captured]);
            return snap < 0 ? snap - headerLength : snap + headerLength;
        }
        if (dsap == 0x42 && ssap == 0x42 && control == 0x03) { StpPrinter.Print(ref writer, state, llc.Payload, length - headerLength); return headerLength; }
        if (dsap == 0xe0 && ssap == 0xe0 && control == 0x03) { if (state.Options.LinkHeader) writer.Append("IPX 802.2: "); IpxPrinter.Print(ref writer, state, llc.Payload); return headerLength; }
        if (dsap == 0xfe && ssap == 0xfe && control == 0x03) { OsiPrinter.Print(ref writer, state, llc.Payload, length - headerLength); return headerLength; }
        if (!state.Options.LinkHeader)
        {
            if (ssap == dsap)
            {
                WriteLlcAddresses(ref writer, state, source, destination);
                WriteSapOrUnknown(ref writer, dsap, "Unknown DSAP 0x");
                writer.Append(' ');
            }
            else
            {
                if (!source.IsEmpty && !destination.IsEmpty)
                {
                    state.WriteMac(ref writer, source);
                    writer.Append(' ');
                }
                WriteSapOrUnknown(ref writer, ssap, "Unknown SSAP 0x");
                writer.Append(" > ");
                if (!source.IsEmpty && !destination.IsEmpty)
                {
                    state.WriteMac(ref writer, destination);
                    writer.Append(' ');
                }
                WriteSapOrUnknown(ref writer, dsap, "Unknown DSAP 0x");
                writer.Append(' ');
            }
        }
        var response = ssapField & 1;
        if (unnumbered)
        {
            writer.Append("Unnumbered, ");
            var command = control & 0xef;
            var name = command switch
            {
                0x03 => "ui", 0xe3 => "test", 0xaf => "xid", 0x63 => "ua", 0x43 => "disc", 0x0f => "dm", 0x6f => "sabme", 0x87 => "frmr", _ => null,
            };
            if (name is null)
                writer.AppendHex((uint)command, 2);
            else
                writer.Append(name);
            writer.Append(", Flags [");
            writer.Append(LlcFlags(response | (control & 0x10)));
            writer.Append("], length ");
            writer.AppendDecimal((uint)length);
        }
        else if ((control & 1) == 1)
        {
            writer.Append("Supervisory, ");
            writer.Append(((control >> 2) & 3) switch { 0 => "Receiver Ready", 1 => "Receiver not Ready", 2 => "Reject", _ => "?" });
            WriteReceiveSequenceAndFlags(ref writer, control, response, length);
            return headerLength;
        }
        else
        {
            writer.Append("Information, send seq ");
            writer.AppendDecimal((uint)((control >> 1) & 0x7f));
            WriteReceiveSequenceAndFlags(ref writer, control, response, length);
        }
        // tcpdump dumps the frame from the LLC header on when it knows no printer for what follows.
        HexDumpWriter.WriteDefault(ref writer, state.Options, payload[..captured]);
        return -headerLength;
    }

    /// <summary>The SNAP header: an OUI and an EtherType (OUI 0) or protocol id, then the encapsulated packet.</summary>
    private static int PrintSnap(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> body, int length, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination,
        ReadOnlySpan<byte> llcFrame)
    {
        if (!SnapHeader.TryRead(body, out var snap, out _) || length < SnapHeader.Length)
        {
            // tcpdump counts the SNAP header as printed even when it was cut short.
            state.WriteTruncated(ref writer, "snap");
            return SnapHeader.Length;
        }
        var oui = snap.Oui;
        var type = snap.ProtocolId;
        var rest = snap.Payload;
        var restLength = length - SnapHeader.Length;
        if (state.Options.LinkHeader)
        {
            writer.Append("oui ");
            writer.Append(OuiNames.Find((int)oui) ?? "Unknown");
            writer.Append(" (0x");
            writer.AppendHex(oui, 6);
            writer.Append(snap.CarriesEtherType ? "), ethertype " : "), pid ");
            writer.Append(snap.CarriesEtherType ? new EtherType(type).Name ?? "Unknown" : "Unknown");
            writer.Append(" (0x");
            writer.AppendHex(type, 4);
            writer.Append("), length ");
            writer.AppendDecimal((uint)restLength);
            writer.Append(": ");
        }
        if (snap.CarriesEtherType && EthernetPrinter.PrintEtherTypePayload(ref writer, state, type, rest, restLength))
            return SnapHeader.Length;
        if (!state.Options.LinkHeader)
        {
            WriteLlcAddresses(ref writer, state, source, destination);
            if (snap.CarriesEtherType)
            {
                writer.Append("SNAP, ethertype ");
                writer.Append(new EtherType(type).Name ?? "Unknown");
            }
            else
            {
                writer.Append("SNAP, oui ");
                writer.Append(OuiNames.Find((int)oui) ?? "Unknown");
                writer.Append(" (0x");
                writer.AppendHex(oui, 6);
                writer.Append("), pid Unknown");
            }
            writer.Append(" (0x");
            writer.AppendHex(type, 4);
            writer.Append("), length ");
            writer.AppendDecimal((uint)restLength);
            writer.Append(": ");
        }
        // An unknown SNAP type is dumped from the LLC header on.
        HexDumpWriter.WriteDefault(ref writer, state.Options, llcFrame);
        return -SnapHeader.Length;
    }

    private static void WriteLlcAddresses(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        if (source.IsEmpty || destination.IsEmpty)
            return;
        state.WriteMac(ref writer, source);
        writer.Append(" > ");
        state.WriteMac(ref writer, destination);
        writer.Append(' ');
    }

    private static void WriteSapOrUnknown(ref LineWriter writer, byte sap, string unknownPrefix)
    {
        var name = SapName(sap);
        if (name is not null)
        {
            writer.Append(name);
            return;
        }
        writer.Append(unknownPrefix);
        writer.AppendHex(sap, 2);
    }

    // The tail that supervisory and information frames share: receive sequence, poll/final flag, length.
    private static void WriteReceiveSequenceAndFlags(ref LineWriter writer, int control, int response, int length)
    {
        writer.Append(", rcv seq ");
        writer.AppendDecimal((uint)((control >> 9) & 0x7f));
        writer.Append(", Flags [");
        writer.Append(LlcFlags(response | (control & 0x100)));
        writer.Append("], length ");
        writer.AppendDecimal((uint)length);
    }

    private static string LlcFlags(int bits) => bits switch
    {
        0 => "Command",
        1 => "Response",
        0x10 => "Poll",
        0x11 => "Final",
        0x100 => "Poll",
        0x101 => "Final",
        _ => "?",
    };

    /// <summary>tcpdump's names for service access points.</summary>
    private static string? SapName(byte sap) => sap switch
    {
        0x00 => "Null",
        0xff => "Global",
        0x02 => "802.1B I",
        0x03 => "802.1B G",
        0x06 => "IP",
        0x04 => "SNA",
        0x0e => "ProWay NM",
        0x42 => "STP",
        0x4e => "RS511",
        0x7e => "ISO8208",
        0x8e => "ProWay",
        0xaa => "SNAP",
        0xe0 => "IPX",
        0xf0 => "NetBeui",
        0xfe => "OSI",
        _ => null,
    };
}
