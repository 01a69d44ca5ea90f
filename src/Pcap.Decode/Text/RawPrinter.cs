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
        if (length < 1 || packet.Length < 1)
        {
            writer.Append("truncated-ip ");
            writer.AppendDecimal((uint)length);
            return;
        }
        var version = packet[0] >> 4;
        switch (version)
        {
            case 4:
                state.Formatter.WriteIpv4(ref writer, packet, length);
                break;
            case 6:
                state.Formatter.WriteIpv6(ref writer, packet, length);
                break;
            default:
                writer.Append("unknown ip ");
                writer.AppendDecimal((uint)version);
                break;
        }
    }
}
