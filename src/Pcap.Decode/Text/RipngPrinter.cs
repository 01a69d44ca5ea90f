using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

/// <summary>RIPng as tcpdump 4.99's print-ripng.c prints it.</summary>
internal static class RipngPrinter
{
    /// <summary>Prints a RIPng packet of <paramref name="length"/> bytes (the UDP payload).</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        var rip = RipngPacket.Wrap(bytes);
        if (rip.Captured < 2)
        {
            Truncated(ref writer, state);
            return;
        }
        if (rip.Version != 1)
        {
            writer.Append(" [vers ");
            writer.AppendDecimal(rip.Version);
            writer.Append("] (invalid)");
            return;
        }
        var command = rip.Command;
        if (command is not (1 or 2))
        {
            writer.Append(" ripng-");
            writer.AppendDecimal(command);
            writer.Append(" ?? ");
            writer.AppendDecimal((uint)length);
            writer.Append(" (invalid)");
            return;
        }
        if (length < RipngPacket.HeaderLength)
        {
            writer.Append(" (invalid)");
            return;
        }
        var left = length - RipngPacket.HeaderLength;
        var count = left / RipngPacket.EntryLength;
        if (command == 1 && count == 1)
        {
            // A lone entry for :: with metric infinity asks for the whole table.
            if (rip.Captured < RipngPacket.HeaderLength + RipngPacket.EntryLength)
            {
                Truncated(ref writer, state);
                return;
            }
            if (rip.Metric(0) == RipngPacket.Infinity && !rip.Prefix(0).ContainsAnyExcept((byte)0))
            {
                writer.Append(" ripng-req dump");
                return;
            }
        }
        writer.Append(command == 1 ? " ripng-req " : " ripng-resp ");
        writer.AppendDecimal((uint)count);
        if (count * RipngPacket.EntryLength != left)
        {
            writer.Append('[');
            writer.AppendDecimal((uint)length);
            writer.Append(']');
        }
        writer.Append(':');
        for (var i = 0; left >= RipngPacket.EntryLength; left -= RipngPacket.EntryLength, i++)
        {
            writer.Append(state.Options.Verbose > 1 ? "\n\t" : " ");
            var end = RipngPacket.HeaderLength + i * RipngPacket.EntryLength;
            // tcpdump reads the prefix and its length (after the tag), printing them, then the metric.
            if (rip.Captured < end + 19)
            {
                Truncated(ref writer, state);
                return;
            }
            state.WriteIpAddress(ref writer, rip.Prefix(i));
            writer.Append('/');
            writer.AppendDecimal(rip.PrefixLength(i));
            var tag = rip.Tag(i);
            if (tag != 0)
            {
                writer.Append(" [");
                writer.AppendDecimal(tag);
                writer.Append(']');
            }
            if (rip.Captured < end + 20)
            {
                Truncated(ref writer, state);
                return;
            }
            if (rip.Metric(i) != 0 && command == 2)
            {
                writer.Append(" (");
                writer.AppendDecimal(rip.Metric(i));
                writer.Append(')');
            }
        }
        if (left != 0)
            writer.Append(" (invalid)");
    }

    private static void Truncated(ref LineWriter writer, PrintState state) => state.WriteTruncated(ref writer, "ripng", abandoned: true);
}
