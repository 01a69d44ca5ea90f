using Pcap.Decode.Application;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    // Nested VXLAN frames recurse through the whole printer; a crafted packet could nest hundreds deep.
    private const int MaxVxlanDepth = 64;
    private int _vxlanDepth;

    private const ushort FtpPort = 21, SmtpPort = 25, HttpPort = 80, RtspPort = 554, SipPort = 5060, RtspAlternatePort = 8554, HttpAlternatePort = 8080;

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
        else if (sourcePort is DhcpMessage.ClientPort or DhcpMessage.ServerPort || destinationPort is DhcpMessage.ClientPort or DhcpMessage.ServerPort)
            _abandoned |= DhcpPrinter.Write(ref writer, payload, length, _options.Verbose, _hostNames);
        else if (sourcePort == NtpPacket.Port || destinationPort == NtpPacket.Port)
            _abandoned |= NtpPrinter.Write(ref writer, payload, length, _options.Verbose);
        else if (sourcePort == SipPort || destinationPort == SipPort)
            _abandoned |= TextProtocolPrinter.Write(ref writer, payload, length, TextProtocolPrinter.Sip, _options.Verbose);
        else if (sourcePort == SyslogMessage.Port || destinationPort == SyslogMessage.Port)
            WriteSyslog(ref writer, payload, length);
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
        if (_vxlanDepth >= MaxVxlanDepth)
        {
            WriteTruncated(ref writer, "vxlan", abandoned: true);
            return;
        }
        _vxlanDepth++;
        WriteEthernet(ref writer, inner, innerLength);
        _vxlanDepth--;
    }

    /// <summary>The application printer tcpdump's print-tcp.c picks by port for a segment carrying data, in its order.</summary>
    private void WriteTcpApplication(ref LineWriter writer, ReadOnlySpan<byte> payload, int length, ushort sourcePort, ushort destinationPort)
    {
        if (Either(SmtpPort))
            WriteText(ref writer, payload, length, TextProtocolPrinter.Smtp);
        else if (Either(SshIdentification.Port))
            _abandoned |= SshPrinter.Write(ref writer, payload, length);
        else if (Either(FtpPort))
            WriteText(ref writer, payload, length, TextProtocolPrinter.Ftp);
        else if (Either(HttpPort) || Either(HttpAlternatePort))
            WriteText(ref writer, payload, length, TextProtocolPrinter.Http);
        else if (Either(RtspPort) || Either(RtspAlternatePort))
            WriteText(ref writer, payload, length, TextProtocolPrinter.Rtsp);
        else if (Either(DnsMessage.Port))
            _abandoned |= DnsPrinter.Write(ref writer, payload, length, overTcp: true, multicast: false, _options.Verbose);

        bool Either(ushort port) => sourcePort == port || destinationPort == port;
    }

    /// <summary>A text protocol over TCP: tcpdump separates it from the TCP line with a colon.</summary>
    private void WriteText(ref LineWriter writer, ReadOnlySpan<byte> payload, int length, TextProtocolPrinter.Protocol protocol)
    {
        writer.Append(": ");
        _abandoned |= TextProtocolPrinter.Write(ref writer, payload, length, protocol, _options.Verbose);
    }

    /// <summary>Syslog, with tcpdump's hex dump of the message at <c>-vv</c>.</summary>
    private void WriteSyslog(ref LineWriter writer, ReadOnlySpan<byte> payload, int length)
    {
        switch (SyslogPrinter.Write(ref writer, payload, length, _options.Verbose))
        {
            case SyslogPrinter.Outcome.LongJump:
                _abandoned = true;
                break;
            case SyslogPrinter.Outcome.PrintedText when _options.Verbose > 1:
                WriteHexOnly(ref writer, payload[..Math.Min(length, payload.Length)]);
                break;
        }
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
