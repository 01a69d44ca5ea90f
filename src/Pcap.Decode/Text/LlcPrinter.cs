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
        var control = llc.ControlField;
        var headerLength = llc.HeaderLength;
        var unnumbered = llc.IsUnnumbered;
        var dsap = llc.DestinationSap;
        var ssap = llc.SourceSap;
        if (state.Options.LinkHeader)
        {
            writer.Append("LLC, dsap ");
            writer.Append(SapName(dsap) ?? "Unknown");
            writer.Append(" (0x");
            writer.AppendHex(dsap, 2);
            writer.Append(llc.IsGroup ? ") Group" : ") Individual");
            writer.Append(", ssap ");
            writer.Append(SapName(ssap) ?? "Unknown");
            writer.Append(" (0x");
            writer.AppendHex(ssap, 2);
            writer.Append(llc.IsResponse ? ") Response" : ") Command");
            writer.Append(", ctrl 0x");
            writer.AppendHex((uint)control, unnumbered ? 2 : 4);
            writer.Append(": ");
        }
        if (llc.IsSnap)
        {
            var snap = PrintSnap(ref writer, state, llc.Payload, length - headerLength, source, destination, payload[..captured]);
            return snap < 0 ? snap - headerLength : snap + headerLength;
        }
        if (llc.IsUnnumberedInformation(0x42)) { StpPrinter.Print(ref writer, state, llc.Payload, length - headerLength); return headerLength; }
        if (llc.IsUnnumberedInformation(0x06)) { Ipv4Printer.Print(ref writer, state, llc.Payload, length - headerLength); return headerLength; }
        if (llc.IsUnnumberedInformation(0xe0)) { if (state.Options.LinkHeader) writer.Append("IPX 802.2: "); IpxPrinter.Print(ref writer, state, llc.Payload); return headerLength; }
        if (llc.IsUnnumberedInformation(0xfe)) { OsiPrinter.Print(ref writer, state, llc.Payload, length - headerLength); return headerLength; }
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
        var response = llc.IsResponse ? 1 : 0;
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
            if (command == 0xaf && PrintXid(ref writer, state, payload[..captured][headerLength..], length - headerLength))
                return headerLength;
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

    /// <summary>
    /// An XID frame's information field: nothing, or tcpdump's format identifier 0x81 and the two bytes after it. False when
    /// the field is something else, which is then dumped like any unknown payload.
    /// </summary>
    private static bool PrintXid(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> information, int length)
    {
        if (length == 0)
            return true;
        if (information.IsEmpty)
        {
            state.WriteTruncated(ref writer, "llc");
            return true;
        }
        if (information[0] != 0x81)
            return false;
        if (information.Length < 3 || length < 3)
        {
            state.WriteTruncated(ref writer, "llc");
            HexDumpWriter.WriteDefault(ref writer, state.Options, information);
            return true;
        }
        writer.Append(": ");
        writer.AppendHexByte(information[1]);
        writer.Append(' ');
        writer.AppendHexByte(information[2]);
        return true;
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
            WriteOui(ref writer, oui);
            writer.Append(oui == 0 ? "), ethertype " : "), pid ");
            writer.Append(ProtocolIdName(oui, type) ?? "Unknown");
            WriteTypeAndLength(ref writer, type, restLength);
        }
        if (snap.CarriesEtherType && EthernetPrinter.PrintEtherTypePayload(ref writer, state, type, rest, restLength))
            return SnapHeader.Length;
        if (oui == CiscoOui && PrintCiscoProtocol(ref writer, state, type, rest, restLength))
            return SnapHeader.Length;
        if (!state.Options.LinkHeader)
        {
            WriteLlcAddresses(ref writer, state, source, destination);
            if (oui == 0)
            {
                writer.Append("SNAP, ethertype ");
                writer.Append(new EtherType(type).Name ?? "Unknown");
            }
            else
            {
                writer.Append("SNAP, oui ");
                WriteOui(ref writer, oui);
                writer.Append("), pid ");
                writer.Append(ProtocolIdName(oui, type) ?? "Unknown");
            }
            WriteTypeAndLength(ref writer, type, restLength);
        }
        // An unknown SNAP type is dumped from the LLC header on.
        HexDumpWriter.WriteDefault(ref writer, state.Options, llcFrame);
        return -SnapHeader.Length;
    }

    /// <summary>The OUI's name and <c> (0x</c> with its six hex digits; the caller closes the parenthesis.</summary>
    private static void WriteOui(ref LineWriter writer, uint oui)
    {
        writer.Append(OuiNames.Find((int)oui) ?? "Unknown");
        writer.Append(" (0x");
        writer.AppendHex(oui, 6);
    }

    /// <summary>The SNAP type in hex and the length after the SNAP header, then the separator before the payload.</summary>
    private static void WriteTypeAndLength(ref LineWriter writer, uint type, int restLength)
    {
        writer.Append(" (0x");
        writer.AppendHex(type, 4);
        writer.Append("), length ");
        writer.AppendDecimal((uint)restLength);
        writer.Append(": ");
    }

    private const uint CiscoOui = 0x00000c;

    /// <summary>The protocols tcpdump decodes under Cisco's OUI; false for the others.</summary>
    private static bool PrintCiscoProtocol(ref LineWriter writer, PrintState state, ushort protocolId, ReadOnlySpan<byte> body, int length)
    {
        switch (protocolId)
        {
            case CdpPacket.SnapProtocolId:
                CdpPrinter.Print(ref writer, state, body, length);
                return true;
            case VtpPacket.SnapProtocolId:
                VtpPrinter.Print(ref writer, state, body, length);
                return true;
            case UdldPacket.SnapProtocolId:
                UdldPrinter.Print(ref writer, state, body, length);
                return true;
            case DtpPacket.SnapProtocolId:
                DtpPrinter.Print(ref writer, state, body, length);
                return true;
            case 0x010b or 0x010c:
                // PVST+ and VLAN bridge BPDUs are spanning tree BPDUs.
                StpPrinter.Print(ref writer, state, body, length);
                return true;
            default:
                return false;
        }
    }

    /// <summary>tcpdump's name for a SNAP protocol id: an EtherType under the OUIs that carry one, Cisco's or RFC 2684's ids.</summary>
    private static string? ProtocolIdName(uint oui, ushort protocolId) => oui switch
    {
        0 or 0x0000f8 or 0x080007 => new EtherType(protocolId).Name,
        CiscoOui => protocolId switch
        {
            CdpPacket.SnapProtocolId => "CDP", VtpPacket.SnapProtocolId => "VTP", DtpPacket.SnapProtocolId => "DTP", UdldPacket.SnapProtocolId => "UDLD", 0x010b => "PVST", 0x010c => "VLAN Bridge", _ => null,
        },
        0x0080c2 => protocolId switch
        {
            0x0001 => "Ethernet + FCS", 0x0007 => "Ethernet w/o FCS", 0x0002 => "802.4 + FCS", 0x0008 => "802.4 w/o FCS",
            0x0003 => "Token Ring + FCS", 0x0009 => "Token Ring w/o FCS", 0x0004 => "FDDI + FCS", 0x000a => "FDDI w/o FCS",
            0x0005 => "802.6 + FCS", 0x000b => "802.6 w/o FCS", 0x000e => "BPDU", _ => null,
        },
        _ => null,
    };

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
