using Pcap.Decode.Application;
using Pcap.Wire;

namespace Pcap.Decode.Text;

public sealed partial class TcpdumpFormatter
{
    // Nested VXLAN frames recurse through the whole printer; a crafted packet could nest hundreds deep.
    private const int MaxVxlanDepth = 64;
    private int _vxlanDepth;

    /// <summary>The application printer for a UDP datagram, picked by port as tcpdump's print-udp.c picks it (UdpPrinter asked first).</summary>
    private void WriteUdpApplication(ref LineWriter writer, ReadOnlySpan<byte> payload, int length, ushort sourcePort, ushort destinationPort)
    {
        switch (ApplicationPorts.Tcpdump.Select(IpProtocol.Udp, sourcePort, destinationPort))
        {
            case ApplicationProtocol.Dns:
                _state.Abandoned |= DnsPrinter.Write(ref writer, payload, length, overTcp: false, multicast: false, _options.Verbose);
                break;
            case ApplicationProtocol.Mdns:
                _state.Abandoned |= DnsPrinter.Write(ref writer, payload, length, overTcp: false, multicast: true, _options.Verbose);
                break;
            case ApplicationProtocol.Tftp: TftpPrinter.Print(ref writer, _state, payload, length); break;
            case ApplicationProtocol.Geneve: GenevePrinter.Print(ref writer, _state, payload, length); break;
            case ApplicationProtocol.Bootp:
                _state.Abandoned |= DhcpPrinter.Write(ref writer, payload, length, _options.Verbose, _hostNames);
                break;
            case ApplicationProtocol.Ntp:
                _state.Abandoned |= NtpPrinter.Write(ref writer, payload, length, _options.Verbose);
                break;
            case ApplicationProtocol.Sip:
                _state.Abandoned |= TextProtocolPrinter.Write(ref writer, payload, length, TextProtocolPrinter.Sip, _options.Verbose);
                break;
            case ApplicationProtocol.Syslog:
                WriteSyslog(ref writer, payload, length);
                break;
            case ApplicationProtocol.Vxlan:
                WriteVxlan(ref writer, payload, length);
                break;
        }
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

    /// <summary>The application printer for a TCP segment carrying data, picked by port as tcpdump's print-tcp.c picks it.</summary>
    private void WriteTcpApplication(ref LineWriter writer, ReadOnlySpan<byte> payload, int length, ushort sourcePort, ushort destinationPort)
    {
        switch (ApplicationPorts.Tcpdump.Select(IpProtocol.Tcp, sourcePort, destinationPort))
        {
            case ApplicationProtocol.Smtp:
                WriteText(ref writer, payload, length, TextProtocolPrinter.Smtp);
                break;
            case ApplicationProtocol.Ssh:
                _state.Abandoned |= SshPrinter.Write(ref writer, payload, length);
                break;
            case ApplicationProtocol.Ftp:
                WriteText(ref writer, payload, length, TextProtocolPrinter.Ftp);
                break;
            case ApplicationProtocol.Http:
                WriteText(ref writer, payload, length, TextProtocolPrinter.Http);
                break;
            case ApplicationProtocol.Rtsp:
                WriteText(ref writer, payload, length, TextProtocolPrinter.Rtsp);
                break;
            case ApplicationProtocol.Dns:
                _state.Abandoned |= DnsPrinter.Write(ref writer, payload, length, overTcp: true, multicast: false, _options.Verbose);
                break;
        }
    }

    /// <summary>A text protocol over TCP: tcpdump separates it from the TCP line with a colon.</summary>
    private void WriteText(ref LineWriter writer, ReadOnlySpan<byte> payload, int length, TextProtocolPrinter.Protocol protocol)
    {
        writer.Append(": ");
        _state.Abandoned |= TextProtocolPrinter.Write(ref writer, payload, length, protocol, _options.Verbose);
    }

    /// <summary>Syslog, with tcpdump's hex dump of the message at <c>-vv</c>.</summary>
    private void WriteSyslog(ref LineWriter writer, ReadOnlySpan<byte> payload, int length)
    {
        switch (SyslogPrinter.Write(ref writer, payload, length, _options.Verbose))
        {
            case SyslogPrinter.Outcome.LongJump:
                _state.Abandoned = true;
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
            _state.Abandoned |= IgmpPrinter.Write(ref writer, payload, length, _options.Verbose, _options.Quiet, _hostNames);
    }
}
