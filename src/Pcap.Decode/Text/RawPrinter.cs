using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>
/// Raw IP captures (LINKTYPE_RAW, IPV4, IPV6) as tcpdump's <c>print-raw.c</c> prints them: no link header, the IP
/// printer picked by the version nibble (print-ip.c's ipN_print).
/// </summary>
internal static class RawPrinter
{
    /// <summary>Prints the packet in <paramref name="packet"/>; there is no link header for <c>-x</c> to skip.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> packet, int length)
    {
        if (state.Options.LinkHeader)
            writer.Append("ip: ");
        var version = Ipv4Header.ReadVersion(packet);
        if (length < 1 || version < 0)
        {
            writer.Append("truncated-ip ");
            writer.AppendDecimal((uint)length);
            return;
        }
        switch (version)
        {
            case 4:
                Ipv4Printer.Print(ref writer, state, packet, length);
                break;
            case 6:
                Ipv6Printer.Print(ref writer, state, packet, length);
                break;
            default:
                writer.Append("unknown ip ");
                writer.AppendDecimal((uint)version);
                break;
        }
    }
}
