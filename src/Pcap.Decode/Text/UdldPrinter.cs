using System.Buffers.Binary;
using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>Cisco's UDLD as tcpdump 4.99's print-udld.c prints it (the checksum and TLVs with <c>-v</c>).</summary>
internal static class UdldPrinter
{
    /// <summary>Prints the packet in <paramref name="bytes"/> (<paramref name="length"/> bytes after the SNAP header).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var packet = UdldPacket.Wrap(bytes);
        if (length < UdldPacket.HeaderLength)
        {
            Invalid(ref writer, state, packet, 0, length);
            return;
        }
        if (packet.Captured < 2)
        {
            Truncated(ref writer, state);
            return;
        }
        writer.Append("UDLDv");
        writer.AppendDecimal((uint)packet.Version);
        writer.Append(", Code ");
        writer.Append(packet.Opcode switch { 1 => "Probe message", 2 => "Echo message", 3 => "Flush message", _ => "Reserved" });
        writer.Append(" (");
        writer.AppendHex((uint)packet.Opcode);
        writer.Append("), Flags [");
        var flags = packet.Flags;
        var first = true;
        BitNames.Append(ref writer, flags, 1 << 0, "RT", ref first);
        BitNames.Append(ref writer, flags, 1 << 1, "RSY", ref first);
        for (var bit = 2; bit < 8; bit++)
        {
            if ((flags & (1 << bit)) == 0)
                continue;
            writer.Append(first ? "MBZ-" : ", MBZ-");
            writer.AppendDecimal((uint)bit);
            first = false;
        }
        if (first)
            writer.Append("none");
        writer.Append("] (0x");
        writer.AppendHex(flags, 2);
        writer.Append("), length ");
        writer.AppendDecimal((uint)length);
        if (state.Options.Verbose < 1)
        {
            CheckRest(ref writer, state, packet, 2, length - 2);
            return;
        }
        if (packet.Captured < UdldPacket.HeaderLength)
        {
            Truncated(ref writer, state);
            return;
        }
        writer.Append("\n\tChecksum 0x");
        writer.AppendHex(packet.Checksum, 4);
        writer.Append(" (unverified)");
        var at = UdldPacket.HeaderLength;
        length -= UdldPacket.HeaderLength;
        while (length > 0)
        {
            if (length < UdldPacket.TlvHeaderLength)
            {
                Invalid(ref writer, state, packet, at, length);
                return;
            }
            if (packet.Captured < at + UdldPacket.TlvHeaderLength)
            {
                Truncated(ref writer, state);
                return;
            }
            var type = packet.TlvType(at);
            var tlvLength = (int)packet.TlvLength(at);
            at += UdldPacket.TlvHeaderLength;
            length -= UdldPacket.TlvHeaderLength;
            writer.Append("\n\t");
            writer.Append(type switch
            {
                1 => "Device-ID TLV", 2 => "Port-ID TLV", 3 => "Echo TLV", 4 => "Message Interval TLV", 5 => "Timeout Interval TLV",
                6 => "Device Name TLV", 7 => "Sequence Number TLV", _ => "Unknown",
            });
            writer.Append(" (0x");
            writer.AppendHex(type, 4);
            writer.Append(") TLV, length ");
            writer.AppendDecimal((uint)tlvLength);
            // tcpdump's guard against an endless loop: a TLV must hold more than its header.
            if (tlvLength <= UdldPacket.TlvHeaderLength || length < tlvLength - UdldPacket.TlvHeaderLength)
            {
                Invalid(ref writer, state, packet, at, length);
                return;
            }
            var valueLength = tlvLength - UdldPacket.TlvHeaderLength;
            var value = packet.Slice(at, valueLength);
            if (!PrintValue(ref writer, state, packet, type, value, valueLength, at, length))
                return;
            at += valueLength;
            length -= valueLength;
        }
    }

    // One TLV's value; false when the line ended there (invalid or truncated).
    private static bool PrintValue(ref LineWriter writer, PrintState state, UdldPacket packet, int type, ReadOnlySpan<byte> value, int valueLength,
        int at, int length)
    {
        switch (type)
        {
            case 1 or 2 or 6:
                writer.Append(", ");
                for (var i = 0; i < valueLength; i++)
                {
                    if (i >= value.Length)
                        return Truncated(ref writer, state);
                    if (value[i] == 0)
                        break;
                    PrintableText.Append(ref writer, value[i]);
                }
                return true;
            case 3:
                writer.Append(", ");
                return CdpPrinter.AppendChars(ref writer, value, valueLength) || Truncated(ref writer, state);
            case 4 or 5:
                if (valueLength != 1)
                    return Invalid(ref writer, state, packet, at, length);
                if (value.IsEmpty)
                    return Truncated(ref writer, state);
                writer.Append(", ");
                writer.AppendDecimal(value[0]);
                writer.Append('s');
                return true;
            case 7:
                if (valueLength != 4)
                    return Invalid(ref writer, state, packet, at, length);
                if (value.Length < 4)
                    return Truncated(ref writer, state);
                writer.Append(", ");
                writer.AppendDecimal(BinaryPrimitives.ReadUInt32BigEndian(value));
                return true;
            default:
                return value.Length >= valueLength || Truncated(ref writer, state);
        }
    }

    // tcpdump's nd_print_invalid, then its check that the rest the length claims was captured.
    private static bool Invalid(ref LineWriter writer, PrintState state, UdldPacket packet, int at, int length)
    {
        writer.Append(" (invalid)");
        CheckRest(ref writer, state, packet, at, length);
        return false;
    }

    private static void CheckRest(ref LineWriter writer, PrintState state, UdldPacket packet, int at, int length)
    {
        if (packet.Captured < at + length)
            Truncated(ref writer, state);
    }

    private static bool Truncated(ref LineWriter writer, PrintState state)
    {
        state.WriteTruncated(ref writer, "udld", abandoned: true);
        return false;
    }
}
