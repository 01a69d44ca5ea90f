using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>Cisco's VTP as tcpdump 4.99's print-vtp.c prints it (domain, summary, VLAN records and their TLVs with <c>-v</c>).</summary>
internal static class VtpPrinter
{
    /// <summary>Prints the message in <paramref name="bytes"/> (<paramref name="length"/> bytes after the SNAP header).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var packet = VtpPacket.Wrap(bytes);
        if (length < VtpPacket.HeaderLength)
        {
            Invalid(ref writer, state, packet, length);
            return;
        }
        if (packet.Captured < VtpPacket.HeaderLength)
        {
            Truncated(ref writer, state);
            return;
        }
        var type = packet.MessageType;
        writer.Append("VTPv");
        writer.AppendDecimal(packet.Version);
        writer.Append(", Message ");
        writer.Append(type switch
        {
            1 => "Summary advertisement", 2 => "Subset advertisement", 3 => "Advertisement request", 4 => "Join message",
            _ => "Unknown message type",
        });
        writer.Append(" (0x");
        writer.AppendHex(type, 2);
        writer.Append("), length ");
        writer.AppendDecimal((uint)length);
        if (state.Options.Verbose < 1)
        {
            if (packet.Captured < length)
                Truncated(ref writer, state);
            return;
        }
        writer.Append("\n\tDomain name: ");
        var nameLength = packet.DomainNameLength;
        if (nameLength is < 1 or > VtpPacket.MaxDomainNameLength)
        {
            writer.Append(" [invalid MgmtD Len ");
            writer.AppendDecimal(nameLength);
            writer.Append(']');
            Invalid(ref writer, state, packet, length);
            return;
        }
        LldpPrinter.AppendText(ref writer, packet.DomainName[..nameLength]);
        writer.Append(", ");
        writer.Append(type switch { 1 => "Followers", 2 => "Seq number", 3 or 4 => "Rsvd", _ => "Unknown" });
        writer.Append(": ");
        writer.AppendDecimal(packet.HeaderValue);
        var at = VtpPacket.HeaderLength;
        switch (type)
        {
            case 1:
                PrintSummary(ref writer, state, packet, at);
                return;
            case 2:
                if (packet.Captured < at + 4)
                {
                    Truncated(ref writer, state);
                    return;
                }
                writer.Append(", Config Rev ");
                writer.AppendHex(packet.Word32At(at));
                PrintVlans(ref writer, state, packet, at + 4, length);
                return;
            case 3:
                if (packet.Captured < at + 4)
                {
                    Truncated(ref writer, state);
                    return;
                }
                writer.Append("\n\tStart value: ");
                writer.AppendDecimal(packet.Word32At(at));
                return;
            default:
                return;
        }
    }

    // Revision and updater, timestamp, MD5 digest: tcpdump prints each group once all its fields were read.
    private static void PrintSummary(ref LineWriter writer, PrintState state, VtpPacket packet, int at)
    {
        if (packet.Captured < at + 8)
        {
            Truncated(ref writer, state);
            return;
        }
        writer.Append("\n\t  Config Rev ");
        writer.AppendHex(packet.Word32At(at));
        writer.Append(", Updater ");
        state.WriteIpAddress(ref writer, packet.Slice(at + 4, 4));
        at += 8;
        if (packet.Captured < at + 12)
        {
            Truncated(ref writer, state);
            return;
        }
        writer.Append(", Timestamp");
        for (var i = 0; i < 3; i++)
        {
            writer.Append(" 0x");
            writer.AppendHex(packet.Word32At(at + 4 * i), 8);
        }
        at += 12;
        if (packet.Captured < at + 16)
        {
            Truncated(ref writer, state);
            return;
        }
        writer.Append(", MD5 digest: ");
        for (var i = 0; i < 4; i++)
            writer.AppendHex(packet.Word32At(at + 4 * i), 8);
    }

    // The VLAN information records of a subset advertisement, each with its (one-word) TLVs.
    private static void PrintVlans(ref LineWriter writer, PrintState state, VtpPacket packet, int at, int length)
    {
        while (at < length)
        {
            if (packet.Captured <= at)
            {
                Truncated(ref writer, state);
                return;
            }
            int recordLength = packet.ByteAt(at);
            if (recordLength == 0)
                return;
            if (packet.Captured < at + recordLength)
            {
                Truncated(ref writer, state);
                return;
            }
            if (recordLength < VtpPacket.VlanInfoFixedLength)
            {
                Invalid(ref writer, state, packet, length);
                return;
            }
            writer.Append("\n\tVLAN info status ");
            writer.Append(packet.ByteAt(at + 1) switch { 0 => "Operational", 1 => "Suspended", _ => "Unknown" });
            writer.Append(", type ");
            writer.Append(packet.ByteAt(at + 2) switch { 1 => "Ethernet", 2 => "FDDI", 3 => "TrCRF", 4 => "FDDI-net", 5 => "TrBRF", _ => "Unknown" });
            writer.Append(", VLAN-id ");
            writer.AppendDecimal(packet.Word16At(at + 4));
            writer.Append(", MTU ");
            writer.AppendDecimal(packet.Word16At(at + 6));
            writer.Append(", SAID 0x");
            writer.AppendHex(packet.Word32At(at + 8), 8);
            writer.Append(", Name ");
            var nameLength = packet.ByteAt(at + 3);
            var left = recordLength - VtpPacket.VlanInfoFixedLength;
            at += VtpPacket.VlanInfoFixedLength;
            // VLAN names are padded to a multiple of four bytes.
            var padded = 4 * ((nameLength + 3) / 4);
            if (left < padded)
            {
                Invalid(ref writer, state, packet, length);
                return;
            }
            LldpPrinter.AppendText(ref writer, packet.Slice(at, nameLength));
            left -= padded;
            at += padded;
            if (!PrintVlanTlvs(ref writer, state, packet, ref at, left, length))
                return;
        }
    }

    private static bool PrintVlanTlvs(ref LineWriter writer, PrintState state, VtpPacket packet, ref int at, int left, int length)
    {
        while (left > 0)
        {
            if (left < 2)
                return Invalid(ref writer, state, packet, length);
            var type = packet.ByteAt(at);
            var words = packet.ByteAt(at + 1);
            writer.Append("\n\t\t");
            writer.Append(type switch
            {
                1 => "Source-Routing Ring Number TLV", 2 => "Source-Routing Bridge Number TLV", 3 => "STP type TLV", 4 => "Parent VLAN TLV",
                5 => "Translationally bridged VLANs TLV", 6 => "Pruning TLV", 7 => "Bridge Type TLV", 8 => "Max ARP Hop Count TLV",
                9 => "Max STE Hop Count TLV", 10 => "Backup CRF Mode TLV", _ => "Unknown",
            });
            writer.Append(" (0x");
            writer.AppendHex(type, 4);
            writer.Append(") TLV");
            if (left < words * 2 + 2)
            {
                writer.Append(" (TLV goes past the end of the packet)");
                return Invalid(ref writer, state, packet, length);
            }
            if (words != 1)
            {
                writer.Append(" (invalid TLV length ");
                writer.AppendDecimal(words);
                writer.Append(" != 1)");
                return Invalid(ref writer, state, packet, length);
            }
            var value = packet.Word16At(at + 2);
            switch (type)
            {
                case 9:
                    writer.Append(", ");
                    writer.AppendDecimal(value);
                    break;
                case 3 or 6 or 7 or 10:
                    writer.Append(", ");
                    writer.Append(type switch
                    {
                        3 => value switch { 1 => "SRT", 2 => "SRB", 3 => "Auto", _ => "Unknown" },
                        6 => value == 1 ? "Enabled" : "Disabled",
                        7 => value == 1 ? "SRB" : "SRT",
                        _ => value == 1 ? "Backup" : "Not backup",
                    });
                    writer.Append(" (");
                    writer.AppendDecimal(value);
                    writer.Append(')');
                    break;
                default:
                    HexDumpWriter.WriteHexOnly(ref writer, packet.Slice(at, 4), "\n\t\t  ");
                    break;
            }
            left -= 4;
            at += 4;
        }
        return true;
    }

    // tcpdump's nd_print_invalid, then its check that the whole message the length claims was captured.
    private static bool Invalid(ref LineWriter writer, PrintState state, VtpPacket packet, int length)
    {
        writer.Append(" (invalid)");
        if (packet.Captured < length)
            Truncated(ref writer, state);
        return false;
    }

    private static void Truncated(ref LineWriter writer, PrintState state) => state.WriteTruncated(ref writer, "vtp", abandoned: true);
}
