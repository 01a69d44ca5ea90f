using System.Buffers.Binary;
using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    /// <summary>
    /// tcpdump's 802.2 LLC printer (with SNAP): the SAPs and control field, an encapsulated EtherType payload for SNAP, else the
    /// frame kind (unnumbered, supervisory, information) and a hex dump. <paramref name="source"/> and <paramref name="destination"/>
    /// are the MAC addresses printed without <c>-e</c> (empty for cooked captures). Returns the header bytes, negative when tcpdump
    /// had no printer for the payload (Ethernet still skips them for -x, the cooked printers do not).
    /// </summary>
    private int WriteLlc(ref LineWriter writer, ReadOnlySpan<byte> payload, int length, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        var captured = Math.Min(payload.Length, Math.Max(length, 0));
        if (payload.Length < 3 || length < 3)
        {
            // tcpdump's default print here ignores -q, -x and -X.
            WriteTruncated(ref writer, "llc");
            WriteHexAndAscii(ref writer, payload[..captured]);
            return captured;
        }
        var dsapField = payload[0];
        var ssapField = payload[1];
        int control = payload[2];
        var headerLength = 3;
        if ((control & 3) != 3)
        {
            if (payload.Length < 4)
            {
                WriteTruncated(ref writer, "llc");
                WriteHexAndAscii(ref writer, payload[..captured]);
                return captured;
            }
            control = BinaryPrimitives.ReadUInt16LittleEndian(payload[2..]);
            headerLength = 4;
        }
        var unnumbered = (control & 3) == 3;
        var dsap = (byte)(dsapField & 0xfe);
        var ssap = (byte)(ssapField & 0xfe);
        if (_options.LinkHeader)
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
        var body = payload[headerLength..];
        var bodyLength = length - headerLength;
        if (dsap == 0xaa && ssap == 0xaa && control == 0x03)
        {
            var snap = WriteSnap(ref writer, body, bodyLength, source, destination, payload[..captured]);
            return snap < 0 ? snap - headerLength : snap + headerLength;
        }
        if (dsap == 0x42 && ssap == 0x42 && control == 0x03) { StpPrinter.Print(ref writer, _state, body, bodyLength); return headerLength; }
        if (!_options.LinkHeader)
        {
            if (ssap == dsap)
            {
                WriteLlcAddresses(ref writer, source, destination);
                WriteSapOrUnknown(ref writer, dsap, "Unknown DSAP 0x");
                writer.Append(' ');
            }
            else
            {
                if (!source.IsEmpty && !destination.IsEmpty)
                {
                    WriteMac(ref writer, source);
                    writer.Append(' ');
                }
                WriteSapOrUnknown(ref writer, ssap, "Unknown SSAP 0x");
                writer.Append(" > ");
                if (!source.IsEmpty && !destination.IsEmpty)
                {
                    WriteMac(ref writer, destination);
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
        WriteDefault(ref writer, payload[..captured]);
        return -headerLength;
    }

    /// <summary>The SNAP header: an OUI and an EtherType (OUI 0) or protocol id, then the encapsulated packet.</summary>
    private int WriteSnap(ref LineWriter writer, ReadOnlySpan<byte> body, int length, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination,
        ReadOnlySpan<byte> llcFrame)
    {
        if (body.Length < 5 || length < 5)
        {
            // tcpdump counts the SNAP header as printed even when it was cut short.
            WriteTruncated(ref writer, "snap");
            return 5;
        }
        var oui = (uint)(body[0] << 16 | body[1] << 8 | body[2]);
        var type = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
        var rest = body[5..];
        var restLength = length - 5;
        if (_options.LinkHeader)
        {
            writer.Append("oui ");
            writer.Append(OuiNames.Find((int)oui) ?? "Unknown");
            writer.Append(" (0x");
            writer.AppendHex(oui, 6);
            writer.Append(oui == 0 ? "), ethertype " : "), pid ");
            writer.Append(oui == 0 ? new EtherType(type).Name ?? "Unknown" : "Unknown");
            writer.Append(" (0x");
            writer.AppendHex(type, 4);
            writer.Append("), length ");
            writer.AppendDecimal((uint)restLength);
            writer.Append(": ");
        }
        if (oui == 0 && WriteEtherTypePayload(ref writer, type, rest, restLength))
            return 5;
        if (!_options.LinkHeader)
        {
            if (!source.IsEmpty && !destination.IsEmpty)
            {
                WriteMac(ref writer, source);
                writer.Append(" > ");
                WriteMac(ref writer, destination);
                writer.Append(' ');
            }
            if (oui == 0)
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
        WriteDefault(ref writer, llcFrame);
        return -5;
    }

    private void WriteLlcAddresses(ref LineWriter writer, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        if (source.IsEmpty || destination.IsEmpty)
            return;
        WriteMac(ref writer, source);
        writer.Append(" > ");
        WriteMac(ref writer, destination);
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
