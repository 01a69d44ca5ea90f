using Pcap.Decode.Application;
using Pcap.Wire;

namespace Pcap.Decode.Text;

/// <summary>
/// The application printer for a UDP or TCP payload, picked by port as tcpdump's <c>print-udp.c</c> and
/// <c>print-tcp.c</c> pick it (<see cref="ApplicationPorts.Tcpdump"/>).
/// </summary>
internal static class ApplicationPrinter
{
    /// <summary>Prints a UDP payload (<see cref="UdpPrinter"/> said an application protocol follows).</summary>
    public static void PrintUdp(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> payload, int length, ushort sourcePort, ushort destinationPort)
    {
        var verbose = state.Options.Verbose;
        switch (ApplicationPorts.Tcpdump.Select(IpProtocol.Udp, sourcePort, destinationPort))
        {
            case ApplicationProtocol.Dns:
                state.Abandoned |= DnsPrinter.Write(ref writer, payload, length, overTcp: false, multicast: false, verbose);
                break;
            case ApplicationProtocol.Mdns:
                state.Abandoned |= DnsPrinter.Write(ref writer, payload, length, overTcp: false, multicast: true, verbose);
                break;
            case ApplicationProtocol.Bootp:
                state.Abandoned |= DhcpPrinter.Write(ref writer, payload, length, verbose, state.HostNames);
                break;
            case ApplicationProtocol.Ntp:
                state.Abandoned |= NtpPrinter.Write(ref writer, payload, length, verbose);
                break;
            case ApplicationProtocol.Sip:
                state.Abandoned |= TextProtocolPrinter.Write(ref writer, payload, length, TextProtocolPrinter.Sip, verbose);
                break;
            case ApplicationProtocol.Syslog:
                PrintSyslog(ref writer, state, payload, length);
                break;
            case ApplicationProtocol.Vxlan:
                VxlanPrinter.Print(ref writer, state, payload, length);
                break;
        }
    }

    /// <summary>Prints the data of a TCP segment.</summary>
    public static void PrintTcp(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> payload, int length, ushort sourcePort, ushort destinationPort)
    {
        switch (ApplicationPorts.Tcpdump.Select(IpProtocol.Tcp, sourcePort, destinationPort))
        {
            case ApplicationProtocol.Smtp:
                PrintText(ref writer, state, payload, length, TextProtocolPrinter.Smtp);
                break;
            case ApplicationProtocol.Ssh:
                state.Abandoned |= SshPrinter.Write(ref writer, payload, length);
                break;
            case ApplicationProtocol.Ftp:
                PrintText(ref writer, state, payload, length, TextProtocolPrinter.Ftp);
                break;
            case ApplicationProtocol.Http:
                PrintText(ref writer, state, payload, length, TextProtocolPrinter.Http);
                break;
            case ApplicationProtocol.Rtsp:
                PrintText(ref writer, state, payload, length, TextProtocolPrinter.Rtsp);
                break;
            case ApplicationProtocol.Dns:
                state.Abandoned |= DnsPrinter.Write(ref writer, payload, length, overTcp: true, multicast: false, state.Options.Verbose);
                break;
        }
    }

    /// <summary>A text protocol over TCP: tcpdump separates it from the TCP line with a colon.</summary>
    private static void PrintText(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> payload, int length, TextProtocolPrinter.Protocol protocol)
    {
        writer.Append(": ");
        state.Abandoned |= TextProtocolPrinter.Write(ref writer, payload, length, protocol, state.Options.Verbose);
    }

    /// <summary>Syslog, with tcpdump's hex dump of the message at <c>-vv</c>.</summary>
    private static void PrintSyslog(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> payload, int length)
    {
        switch (SyslogPrinter.Write(ref writer, payload, length, state.Options.Verbose))
        {
            case SyslogPrinter.Outcome.LongJump:
                state.Abandoned = true;
                break;
            case SyslogPrinter.Outcome.PrintedText when state.Options.Verbose > 1:
                HexDumpWriter.WriteHexOnly(ref writer, payload[..Math.Min(length, payload.Length)]);
                break;
        }
    }
}
