using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>The Ethernet configuration testing protocol (EtherType 0x9000) as tcpdump 4.99's print-loopback.c prints it.</summary>
internal static class LoopbackPrinter
{
    /// <summary>
    /// Prints the frame in <paramref name="bytes"/> (<paramref name="length"/> bytes after the link header); a field that
    /// <paramref name="length"/> cannot hold is <c> (invalid)</c>, one past the capture ends the line with <c> [|loopback]</c>.
    /// </summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        writer.Append("Loopback");
        var packet = LoopbackPacket.Wrap(bytes);
        if (length < 2)
        {
            Invalid(ref writer, state, packet.Captured, 0, length);
            return;
        }
        if (packet.Captured < 2)
        {
            Truncated(ref writer, state);
            return;
        }
        var skip = packet.SkipCount;
        length -= 2;
        writer.Append(", skipCount ");
        writer.AppendDecimal(skip);
        if (skip % 8 != 0)
            writer.Append(" (bogus)");
        if (skip > length)
        {
            Invalid(ref writer, state, packet.Captured, 2, length);
            return;
        }
        var at = packet.MessageOffset;
        if (packet.Captured < at)
        {
            Truncated(ref writer, state);
            return;
        }
        length -= skip;
        if (length < 2)
        {
            Invalid(ref writer, state, packet.Captured, at, length);
            return;
        }
        if (packet.Captured < at + 2)
        {
            Truncated(ref writer, state);
            return;
        }
        var function = packet.Function;
        at += 2;
        length -= 2;
        switch (function)
        {
            case LoopbackPacket.Reply:
                writer.Append(", Reply");
                if (length < 2)
                {
                    Invalid(ref writer, state, packet.Captured, at, length);
                    return;
                }
                if (packet.Captured < at + 2)
                {
                    Truncated(ref writer, state);
                    return;
                }
                writer.Append(", receipt number ");
                writer.AppendDecimal(packet.ReceiptNumber);
                at += 2;
                length -= 2;
                break;
            case LoopbackPacket.ForwardData:
                writer.Append(", Forward Data");
                if (length < 6)
                {
                    Invalid(ref writer, state, packet.Captured, at, length);
                    return;
                }
                if (packet.Captured < at + 6)
                {
                    Truncated(ref writer, state);
                    return;
                }
                writer.Append(", forwarding address ");
                state.WriteMac(ref writer, packet.ForwardingAddress);
                at += 6;
                length -= 6;
                break;
            default:
                writer.Append(",  invalid (");
                writer.AppendDecimal(function);
                writer.Append(')');
                CheckData(ref writer, state, packet.Captured, at, length);
                return;
        }
        writer.Append(", data (");
        writer.AppendDecimal((uint)length);
        writer.Append(" octets)");
        CheckData(ref writer, state, packet.Captured, at, length);
    }

    // tcpdump's nd_print_invalid, then the check that the rest the length claims was captured.
    private static void Invalid(ref LineWriter writer, PrintState state, int captured, int at, int length)
    {
        writer.Append(" (invalid)");
        CheckData(ref writer, state, captured, at, length);
    }

    private static void CheckData(ref LineWriter writer, PrintState state, int captured, int at, int length)
    {
        if (captured < at + length)
            Truncated(ref writer, state);
    }

    private static void Truncated(ref LineWriter writer, PrintState state) => state.WriteTruncated(ref writer, "loopback", abandoned: true);
}
