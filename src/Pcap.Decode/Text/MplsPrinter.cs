using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>An MPLS label stack and the packet it labels, as tcpdump 4.99's print-mpls.c prints them.</summary>
internal static class MplsPrinter
{
    private static readonly string[] ReservedLabelNames =
    [
        "IPv4 explicit NULL", "router alert", "IPv6 explicit NULL", "implicit NULL", "rsvd", "rsvd", "rsvd", "rsvd",
        "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd",
    ];

    /// <summary>Prints <paramref name="length"/> bytes of label stack and payload.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        writer.Append("MPLS");
        var verbose = state.Options.Verbose > 0;
        var depth = 0;
        uint entry;
        // Entries are printed one at a time, so a stack cut short prints as far as it was captured.
        do
        {
            if (length < MplsLabelStack.EntryLength)
            {
                writer.Append(" (invalid)");
                var rest = bytes[Math.Min(bytes.Length, depth * MplsLabelStack.EntryLength)..];
                if (rest.Length < length)
                    state.WriteTruncated(ref writer, "mpls", abandoned: true);
                return;
            }
            if (bytes.Length < (depth + 1) * MplsLabelStack.EntryLength)
            {
                state.WriteTruncated(ref writer, "mpls", abandoned: true);
                return;
            }
            entry = MplsLabelStack.EntryAt(bytes, depth);
            var label = MplsLabelStack.Label(entry);
            writer.Append(depth > 0 && verbose ? "\n\t(label " : " (label ");
            writer.AppendDecimal((uint)label);
            depth++;
            if (verbose && label < ReservedLabelNames.Length)
            {
                writer.Append(" (");
                writer.Append(ReservedLabelNames[label]);
                writer.Append(')');
            }
            writer.Append(", tc ");
            writer.AppendDecimal((uint)MplsLabelStack.TrafficClass(entry));
            if (MplsLabelStack.IsBottom(entry))
                writer.Append(", [S]");
            writer.Append(", ttl ");
            writer.AppendDecimal((uint)MplsLabelStack.Ttl(entry));
            writer.Append(')');
            length -= MplsLabelStack.EntryLength;
        }
        while (!MplsLabelStack.IsBottom(entry));
        MplsLabelStack.TryRead(bytes, out var stack, out _);
        var payload = stack.Payload;
        // Nothing in the stack names the payload; tcpdump goes by the bottom label, else by the first byte as Cisco's control plane does.
        var kind = MplsLabelStack.Label(entry) switch
        {
            0 or 3 => 4,
            2 => 6,
            _ => -1,
        };
        if (kind < 0)
        {
            if (length < 1)
                return;
            if (payload.IsEmpty)
            {
                state.WriteTruncated(ref writer, "mpls", abandoned: true);
                return;
            }
            kind = payload[0] switch
            {
                >= 0x45 and <= 0x4f => 4,
                >= 0x60 and <= 0x6f => 6,
                >= 0x81 and <= 0x83 => 0,
                _ => -1,
            };
        }
        switch (kind)
        {
            case 4:
                writer.Append(verbose ? "\n\t" : " ");
                Ipv4Printer.Print(ref writer, state, payload, length);
                break;
            case 6:
                writer.Append(verbose ? "\n\t" : " ");
                Ipv6Printer.Print(ref writer, state, payload, length);
                break;
            case 0:
                writer.Append(verbose ? "\n\t" : " ");
                OsiPrinter.Print(ref writer, state, payload, length);
                break;
            default:
                HexDumpWriter.WriteHexAndAscii(ref writer, payload[..Math.Min(payload.Length, length)]);
                if (payload.Length < length)
                    state.WriteTruncated(ref writer, "mpls", abandoned: true);
                break;
        }
    }
}
