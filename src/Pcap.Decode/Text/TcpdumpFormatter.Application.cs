using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    /// <summary>
    /// The application printer tcpdump's print-udp.c picks by port, in its order; false when none of ours applies and the
    /// caller prints <c>UDP, length N</c>.
    /// </summary>
    private bool WriteUdpApplication(ref LineWriter writer, ReadOnlySpan<byte> payload, int length, ushort sourcePort, ushort destinationPort)
    {
        if (_options.Quiet)
            return false;
        if (sourcePort == DnsMessage.Port || destinationPort == DnsMessage.Port)
            _abandoned |= DnsPrinter.Write(ref writer, payload, length, overTcp: false, multicast: false, _options.Verbose);
        else if (sourcePort == DnsMessage.MulticastPort || destinationPort == DnsMessage.MulticastPort)
            _abandoned |= DnsPrinter.Write(ref writer, payload, length, overTcp: false, multicast: true, _options.Verbose);
        else if (sourcePort == NtpPacket.Port || destinationPort == NtpPacket.Port)
            _abandoned |= NtpPrinter.Write(ref writer, payload, length, _options.Verbose);
        else if (sourcePort == VxlanHeader.Port || destinationPort == VxlanHeader.Port)
            WriteVxlan(ref writer, payload, length);
        else
            return false;
        return true;
    }

    /// <summary>The VXLAN header, then the inner Ethernet frame on the next line, printed as a frame of its own.</summary>
    private void WriteVxlan(ref LineWriter writer, ReadOnlySpan<byte> payload, int length)
    {
        switch (VxlanPrinter.Write(ref writer, payload, length))
        {
            case VxlanPrinter.Outcome.Truncated:
                WriteTruncated(ref writer, "vxlan", abandoned: true);
                return;
            case VxlanPrinter.Outcome.Invalid:
                return;
        }
        VxlanHeader.TryRead(payload, out var header, out _);
        var inner = header.Payload;
        var innerLength = length - VxlanHeader.Length;
        if (innerLength < inner.Length)
        {
            writer.Append("[length ");
            writer.AppendDecimal((uint)innerLength);
            writer.Append(" < caplen ");
            writer.AppendDecimal((uint)inner.Length);
            writer.Append("] (invalid)");
            return;
        }
        WriteEthernet(ref writer, inner, innerLength);
    }

    /// <summary>The application printer tcpdump's print-tcp.c picks by port for a segment carrying data, in its order.</summary>
    private void WriteTcpApplication(ref LineWriter writer, ReadOnlySpan<byte> payload, int length, ushort sourcePort, ushort destinationPort)
    {
        if (sourcePort == SshIdentification.Port || destinationPort == SshIdentification.Port)
            _abandoned |= SshPrinter.Write(ref writer, payload, length);
        else if (sourcePort == DnsMessage.Port || destinationPort == DnsMessage.Port)
            _abandoned |= DnsPrinter.Write(ref writer, payload, length, overTcp: true, multicast: false, _options.Verbose);
    }

    /// <summary>IGMP from the IP protocol dispatch: IPv4 only, as tcpdump's ip_demux_print has it.</summary>
    private void WriteIgmp(ref LineWriter writer, ReadOnlySpan<byte> payload, int length, in IpContext context)
    {
        if (context.IsIpv6)
            writer.Append("[IGMP requires IPv4] (invalid)");
        else
            _abandoned |= IgmpPrinter.Write(ref writer, payload, length, _options.Verbose, _options.Quiet, _hostNames);
    }
}
