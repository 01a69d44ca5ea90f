using Pcap.Decode.Link;

namespace Pcap.Decode.Text;

/// <summary>BSD loopback (NULL) and OpenBSD loopback (LOOP) as tcpdump's <c>print-null.c</c> prints both, from the <see cref="NullHeader"/> view.</summary>
internal static class NullPrinter
{
    /// <summary>Prints the packet in <paramref name="packet"/>; returns the link header bytes that <c>-x</c> skips.</summary>
    public static int Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> packet, int length, bool networkOrder)
    {
        if (!NullHeader.TryRead(packet, networkOrder, out var header, out _))
        {
            // tcpdump prints both loopback encapsulations with its "null" printer.
            state.WriteTruncated(ref writer, "null");
            // No header was read, so -x dumps every captured byte.
            return 0;
        }
        var family = header.Family;
        var linkHeader = state.Options.LinkHeader;
        if (linkHeader)
            WriteAddressFamily(ref writer, state, family, length);
        if (header.IsIpv4)
        {
            Ipv4Printer.Print(ref writer, state, header.Payload, length - NullHeader.Length);
        }
        else if (header.IsIpv6)
        {
            Ipv6Printer.Print(ref writer, state, header.Payload, length - NullHeader.Length);
        }
        else
        {
            if (!linkHeader)
                WriteAddressFamily(ref writer, state, family, length);
            HexDumpWriter.WriteDefault(ref writer, state.Options, header.Payload);
        }
        return NullHeader.Length;
    }

    private static void WriteAddressFamily(ref LineWriter writer, PrintState state, uint family, int length)
    {
        string? name = family switch
        {
            2 => "IPv4",
            6 => "NS",
            7 => "ISO",
            16 => "Appletalk",
            23 => "IPX",
            24 or 28 or 30 => "IPv6",
            _ => null,
        };
        if (!state.Options.Quiet)
        {
            writer.Append("AF ");
            writer.Append(name ?? "Unknown");
            writer.AppendNote(" (", family, ')');
        }
        else if (name is null)
        {
            writer.Append("Unknown AF ");
            writer.AppendDecimal(family);
        }
        else
        {
            writer.Append(name);
        }
        writer.AppendLengthSuffix(length);
        writer.Append(": ");
    }
}
