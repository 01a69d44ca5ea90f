using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>Cisco's Dynamic Trunking Protocol as tcpdump 4.99's print-dtp.c prints it (TLVs with <c>-v</c>).</summary>
internal static class DtpPrinter
{
    /// <summary>Prints the packet in <paramref name="bytes"/> (<paramref name="length"/> bytes after the SNAP header).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var packet = DtpPacket.Wrap(bytes);
        if (length < DtpPacket.HeaderLength)
        {
            writer.Append("[zero packet length]");
            Invalid(ref writer, state, packet, 0, length);
            return;
        }
        if (packet.Captured < DtpPacket.HeaderLength)
        {
            Truncated(ref writer, state);
            return;
        }
        writer.Append("DTPv");
        writer.AppendDecimal(packet.Version);
        writer.Append(", length ");
        writer.AppendDecimal((uint)length);
        if (state.Options.Verbose < 1)
            return;
        var at = DtpPacket.HeaderLength;
        length -= DtpPacket.HeaderLength;
        while (length > 0)
        {
            if (length < DtpPacket.TlvHeaderLength)
            {
                writer.Append('[');
                writer.AppendDecimal((uint)length);
                writer.Append(" bytes remaining]");
                Invalid(ref writer, state, packet, at, length);
                return;
            }
            if (packet.Captured < at + DtpPacket.TlvHeaderLength)
            {
                Truncated(ref writer, state);
                return;
            }
            var type = packet.TlvType(at);
            var tlvLength = packet.TlvLength(at);
            // tcpdump stops at a zero type: real captures pad with it.
            if (type == 0)
                return;
            writer.Append("\n\t");
            writer.Append(type switch { 1 => "Domain", 2 => "Status", 3 => "DTP type", 4 => "Neighbor", _ => "Unknown" });
            writer.Append(" (0x");
            writer.AppendHex(type, 4);
            writer.Append(") TLV, length ");
            writer.AppendDecimal(tlvLength);
            if (tlvLength < DtpPacket.TlvHeaderLength || tlvLength > length)
            {
                writer.Append("[invalid TLV length ");
                writer.AppendDecimal(tlvLength);
                writer.Append(']');
                Invalid(ref writer, state, packet, at, length);
                return;
            }
            var value = packet.From(at + DtpPacket.TlvHeaderLength);
            var valueLength = tlvLength - DtpPacket.TlvHeaderLength;
            switch (type)
            {
                case 1:
                    writer.Append(", ");
                    for (var i = 0; i < valueLength; i++)
                    {
                        if (i >= value.Length)
                        {
                            Truncated(ref writer, state);
                            return;
                        }
                        if (value[i] == 0)
                            break;
                        PrintableText.Append(ref writer, value[i]);
                    }
                    break;
                case 2 or 3:
                    if (tlvLength != 5)
                    {
                        Invalid(ref writer, state, packet, at, length);
                        return;
                    }
                    if (value.IsEmpty)
                    {
                        Truncated(ref writer, state);
                        return;
                    }
                    writer.Append(", 0x");
                    writer.AppendHex(value[0]);
                    break;
                case 4:
                    if (tlvLength != 10)
                    {
                        Invalid(ref writer, state, packet, at, length);
                        return;
                    }
                    if (value.Length < 6)
                    {
                        Truncated(ref writer, state);
                        return;
                    }
                    writer.Append(", ");
                    state.WriteMac(ref writer, value[..6]);
                    break;
                default:
                    if (packet.Captured < at + tlvLength)
                    {
                        Truncated(ref writer, state);
                        return;
                    }
                    break;
            }
            at += tlvLength;
            length -= tlvLength;
        }
    }

    // tcpdump's nd_print_invalid, then its check that the rest the length claims was captured.
    private static void Invalid(ref LineWriter writer, PrintState state, DtpPacket packet, int at, int length)
    {
        writer.Append(" (invalid)");
        if (packet.Captured < at + length)
            Truncated(ref writer, state);
    }

    private static void Truncated(ref LineWriter writer, PrintState state) => state.WriteTruncated(ref writer, "dtp", abandoned: true);
}
