using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>
/// RADIUS as tcpdump 4.99's print-radius.c prints it: code, id and length on one line, and with <c>-v</c> the
/// authenticator and every attribute (values by <see cref="RadiusAttributePrinter"/>, hex too with <c>-vv</c>).
/// </summary>
internal static class RadiusPrinter
{
    /// <summary>Prints the packet in <paramref name="bytes"/>; <paramref name="length"/> is the UDP payload length.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (!RadiusPacket.TryRead(bytes, out var radius, out _))
        {
            state.WriteTruncated(ref writer, "radius");
            return;
        }
        int packetLength = radius.Length;
        if (packetLength < RadiusPacket.HeaderLength)
        {
            state.WriteTruncated(ref writer, "radius");
            return;
        }
        if (packetLength > length)
            packetLength = length;
        if (state.Options.Verbose < 1)
        {
            writer.Append("RADIUS, ");
            WriteCode(ref writer, radius.Code);
            writer.Append(", id: 0x");
            writer.AppendHexByte(radius.Identifier);
            writer.Append(" length: ");
            writer.AppendDecimal((uint)packetLength);
            return;
        }
        writer.Append("RADIUS, length: ");
        writer.AppendDecimal((uint)packetLength);
        writer.Append("\n\t");
        WriteCode(ref writer, radius.Code);
        writer.Append(", id: 0x");
        writer.AppendHexByte(radius.Identifier);
        writer.Append(", Authenticator: ");
        foreach (var b in radius.Authenticator)
            writer.AppendHexByte(b);
        if (packetLength > RadiusPacket.HeaderLength)
            WriteAttributes(ref writer, state, radius.Attributes, packetLength - RadiusPacket.HeaderLength);
    }

    /// <summary>tcpdump's radius_attrs_print over <paramref name="length"/> bytes of attributes.</summary>
    private static void WriteAttributes(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        while (length > 0)
        {
            if (length < RadiusPacket.AttributeHeaderLength || !RadiusPacket.TryReadAttribute(bytes, out var type, out var attributeLength))
            {
                state.WriteTruncated(ref writer, "radius");
                return;
            }
            writer.Append("\n\t  ");
            writer.Append(RadiusAttributePrinter.Name(type));
            writer.Append(" Attribute (");
            writer.AppendDecimal(type);
            writer.Append("), length: ");
            writer.AppendDecimal(attributeLength);
            if (attributeLength < RadiusPacket.AttributeHeaderLength)
            {
                writer.Append(" (bogus, must be >= 2)");
                return;
            }
            if (attributeLength > length)
            {
                writer.Append(" (bogus, goes past end of packet)");
                return;
            }
            writer.Append(", Value: ");
            var value = bytes[RadiusPacket.AttributeHeaderLength..];
            var valueLength = attributeLength - RadiusPacket.AttributeHeaderLength;
            if (valueLength > 0 && !RadiusAttributePrinter.Print(ref writer, state, type, value, valueLength))
                return;
            if (state.Options.Verbose > 1)
                Icmpv6Printer.WriteUnknownData(ref writer, value, valueLength, "\n\t    ");
            length -= attributeLength;
            bytes = bytes[Math.Min(attributeLength, bytes.Length)..];
        }
    }

    private static void WriteCode(ref LineWriter writer, byte code)
    {
        writer.Append(code switch
        {
            1 => "Access-Request",
            2 => "Access-Accept",
            3 => "Access-Reject",
            4 => "Accounting-Request",
            5 => "Accounting-Response",
            11 => "Access-Challenge",
            12 => "Status-Server",
            13 => "Status-Client",
            40 => "Disconnect-Request",
            41 => "Disconnect-ACK",
            42 => "Disconnect-NAK",
            43 => "CoA-Request",
            44 => "CoA-ACK",
            45 => "CoA-NAK",
            255 => "Reserved",
            _ => "Unknown Command",
        });
        writer.Append(" (");
        writer.AppendDecimal(code);
        writer.Append(')');
    }
}
