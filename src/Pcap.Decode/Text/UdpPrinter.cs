using Pcap.Decode.Application;
using Pcap.Decode.Transport;
using Pcap.Wire;

namespace Pcap.Decode.Text;

/// <summary>UDP as tcpdump's <c>print-udp.c</c> prints it, from the <see cref="UdpHeader"/> view (lax for cut-off headers).</summary>
internal static class UdpPrinter
{
    /// <summary>
    /// Prints the datagram in <paramref name="bytes"/>; <paramref name="length"/> is what the IP layer says it spans. Returns the
    /// payload length when an application protocol follows (the caller prints it), else -1.
    /// </summary>
    public static int Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length, in IpContext context)
    {
        if (!UdpHeader.TryReadPorts(bytes, out var udp, out _))
        {
            Endpoints.Write(ref writer, state, in context, -1, -1, tcp: false);
            state.WriteTruncated(ref writer, "udp");
            return -1;
        }
        if (length < UdpHeader.Length)
        {
            Endpoints.Write(ref writer, state, in context, udp.SourcePort, udp.DestinationPort, tcp: false);
            writer.Append("truncated-udp ");
            writer.AppendDecimal((uint)length);
            return -1;
        }
        if (!udp.HasLengthField)
        {
            Endpoints.Write(ref writer, state, in context, udp.SourcePort, udp.DestinationPort, tcp: false);
            state.WriteTruncated(ref writer, "udp");
            return -1;
        }
        int datagramLength = udp.DatagramLength;
        if (datagramLength == 0 && length > 65535)
            datagramLength = length; // a jumbogram: the length field is 0 and the IPv6 payload says how long
        if (datagramLength < UdpHeader.Length)
        {
            Endpoints.Write(ref writer, state, in context, udp.SourcePort, udp.DestinationPort, tcp: false);
            writer.Append("truncated-udplength ");
            writer.AppendDecimal((uint)datagramLength);
            return -1;
        }
        datagramLength -= UdpHeader.Length;
        length -= UdpHeader.Length;
        if (datagramLength < length)
            length = datagramLength;
        Endpoints.Write(ref writer, state, in context, udp.SourcePort, udp.DestinationPort, tcp: false);
        if (!udp.IsComplete)
        {
            state.WriteTruncated(ref writer, "udp");
            return -1;
        }
        if (state.Options.ForcedApplication is { } forced)
        {
            // tcpdump's -T: no checksum check and no port choice.
            ApplicationPrinter.PrintUdpAs(ref writer, state, forced, udp.Payload, length);
            return -1;
        }
        if (state.Options.Verbose > 0 && !state.Options.SkipChecksums && !context.Fragmented)
        {
            var stored = udp.Checksum;
            var segment = length + UdpHeader.Length;
            if (!context.IsIpv6 && state.Options.Verbose > 1)
            {
                if (stored == 0)
                    writer.Append("[no cksum] ");
                else if (bytes.Length >= segment)
                    WriteChecksum(ref writer, bytes[..segment], in context, stored);
            }
            else if (context.IsIpv6 && bytes.Length >= segment)
            {
                WriteChecksum(ref writer, bytes[..segment], in context, stored);
            }
        }
        if (!state.Options.Quiet && ApplicationPorts.Tcpdump.Select(IpProtocol.Udp, udp.SourcePort, udp.DestinationPort) != ApplicationProtocol.None)
            return length;
        if (datagramLength > length && !context.Fragmented)
        {
            writer.Append("UDP, bad length ");
            writer.AppendDecimal((uint)datagramLength);
            writer.Append(" > ");
            writer.AppendDecimal((uint)length);
        }
        else
        {
            writer.Append("UDP, length ");
            writer.AppendDecimal((uint)datagramLength);
        }
        return -1;
    }

    private static void WriteChecksum(ref LineWriter writer, ReadOnlySpan<byte> segment, in IpContext context, ushort stored)
    {
        var computed = Checksum.Compute(segment, Endpoints.PseudoHeaderSum(in context, 17, segment.Length));
        Checksum.WriteVerdict(ref writer, "udp", stored, computed);
    }
}
