namespace Pcap.Decode.Text;

/// <summary>
/// The <c>address.port &gt; address.port: </c> prefix of TCP and UDP lines and the checksum pseudo-header sum they share
/// (tcpdump's <c>tcpport_string</c>/<c>udpport_string</c> and <c>nextproto4_cksum</c>/<c>nextproto6_cksum</c>).
/// </summary>
internal static class Endpoints
{
    /// <summary><c>src.port &gt; dst.port: </c>, or without ports when they were not captured (negative).</summary>
    public static void Write(ref LineWriter writer, PrintState state, in IpContext context, int sourcePort, int destinationPort, bool tcp)
    {
        if (!context.EndpointAddresses)
        {
            if (sourcePort < 0)
                return;
            WritePort(ref writer, state, (ushort)sourcePort, tcp);
            writer.Append(" > ");
            WritePort(ref writer, state, (ushort)destinationPort, tcp);
            writer.Append(": ");
            return;
        }
        state.WriteIpAddress(ref writer, context.Source);
        if (sourcePort >= 0)
        {
            writer.Append('.');
            WritePort(ref writer, state, (ushort)sourcePort, tcp);
        }
        writer.Append(" > ");
        state.WriteIpAddress(ref writer, context.Destination);
        if (destinationPort >= 0)
        {
            writer.Append('.');
            WritePort(ref writer, state, (ushort)destinationPort, tcp);
        }
        writer.Append(": ");
    }

    /// <summary>The pseudo-header part of a TCP/UDP checksum over IPv4 or IPv6.</summary>
    public static uint PseudoHeaderSum(in IpContext context, byte protocol, int length)
    {
        var sum = Checksum.Sum(context.Source);
        sum = Checksum.Sum(context.ChecksumDestination, sum);
        sum += protocol + (uint)(length & 0xffff) + (uint)(length >> 16);
        while (sum > 0xffff)
            sum = (sum & 0xffff) + (sum >> 16);
        return sum;
    }

    /// <summary>A port, by service name unless <c>-n</c>.</summary>
    public static void WritePort(ref LineWriter writer, PrintState state, ushort port, bool tcp)
    {
        var name = state.Options.NoResolve ? null : ServiceNames.Find(port, tcp);
        if (name is not null)
            writer.Append(name);
        else
            writer.AppendDecimal(port);
    }
}
