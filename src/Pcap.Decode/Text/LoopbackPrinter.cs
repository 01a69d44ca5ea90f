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
        var captured = packet.Captured;
        if (!Has(ref writer, state, captured, 0, length, 2))
            return;
        var skip = packet.SkipCount;
        length -= 2;
        writer.Append(", skipCount ");
        writer.AppendDecimal(skip);
        if (skip % 8 != 0)
            writer.Append(" (bogus)");
        if (!Has(ref writer, state, captured, 2, length, skip))
            return;
        var at = packet.MessageOffset;
        length -= skip;
        if (!Has(ref writer, state, captured, at, length, 2))
            return;
        var function = packet.Function;
        at += 2;
        length -= 2;
        var fieldLength = function switch { LoopbackPacket.Reply => 2, LoopbackPacket.ForwardData => 6, _ => 0 };
        if (fieldLength == 0)
        {
            writer.Append(",  invalid (");
            writer.AppendDecimal(function);
            writer.Append(')');
            CheckData(ref writer, state, captured, at, length);
            return;
        }
        writer.Append(function == LoopbackPacket.Reply ? ", Reply" : ", Forward Data");
        if (!Has(ref writer, state, captured, at, length, fieldLength))
            return;
        if (function == LoopbackPacket.Reply)
        {
            writer.Append(", receipt number ");
            writer.AppendDecimal(packet.ReceiptNumber);
        }
        else
        {
            writer.Append(", forwarding address ");
            state.WriteMac(ref writer, packet.ForwardingAddress);
        }
        at += fieldLength;
        length -= fieldLength;
        writer.Append(", data (");
        writer.AppendDecimal((uint)length);
        writer.Append(" octets)");
        CheckData(ref writer, state, captured, at, length);
    }

    // tcpdump's two checks before a field: the length must hold it (else invalid), then the capture (else [|loopback]).
    private static bool Has(ref LineWriter writer, PrintState state, int captured, int at, int length, int needed)
    {
        if (length < needed)
        {
            Invalid(ref writer, state, captured, at, length);
            return false;
        }
        if (captured < at + needed)
        {
            Truncated(ref writer, state);
            return false;
        }
        return true;
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
