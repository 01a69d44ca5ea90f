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
    public static void PrintUdp(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> payload, int length, ushort sourcePort, ushort destinationPort) =>
        PrintUdpAs(ref writer, state, ApplicationPorts.Tcpdump.Select(IpProtocol.Udp, sourcePort, destinationPort), payload, length);

    /// <summary>Prints a UDP payload as <paramref name="protocol"/> (chosen by port, or forced with <c>-T</c>); nothing for None.</summary>
    public static void PrintUdpAs(ref LineWriter writer, PrintState state, ApplicationProtocol protocol, ReadOnlySpan<byte> payload, int length)
    {
        var verbose = state.Options.Verbose;
        switch (protocol)
        {
            case ApplicationProtocol.Dns:
                state.Abandoned |= DnsPrinter.Write(ref writer, payload, length, overTcp: false, multicast: false, verbose);
                break;
            case ApplicationProtocol.Mdns:
                state.Abandoned |= DnsPrinter.Write(ref writer, payload, length, overTcp: false, multicast: true, verbose);
                break;
            case ApplicationProtocol.Tftp: TftpPrinter.Print(ref writer, state, payload, length); break;
            case ApplicationProtocol.Geneve: GenevePrinter.Print(ref writer, state, payload, length); break;
            case ApplicationProtocol.Rip: RipPrinter.Print(ref writer, state, payload, length); break;
            case ApplicationProtocol.Bootp:
                state.Abandoned |= DhcpPrinter.Write(ref writer, payload, length, verbose, state.HostNames);
                break;
            case ApplicationProtocol.Ntp:
                state.Abandoned |= NtpPrinter.Write(ref writer, payload, length, verbose);
                break;
            case ApplicationProtocol.Ripng: RipngPrinter.Print(ref writer, state, payload, length); break;
            case ApplicationProtocol.Snmp: SnmpPrinter.Print(ref writer, state, payload, length); break;
            case ApplicationProtocol.Kerberos: KerberosPrinter.Print(ref writer, state, payload); break;
            case ApplicationProtocol.Radius: RadiusPrinter.Print(ref writer, state, payload, length); break;
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
        // tcpdump's -T: the forced type if it rides on TCP (of ours only DNS), else nothing; the ports are not asked.
        var protocol = state.Options.ForcedApplication is { } forced
            ? forced == ApplicationProtocol.Dns ? forced : ApplicationProtocol.None
            : ApplicationPorts.Tcpdump.Select(IpProtocol.Tcp, sourcePort, destinationPort);
        switch (protocol)
        {
            case ApplicationProtocol.Smtp:
                PrintText(ref writer, state, payload, length, TextProtocolPrinter.Smtp);
                break;
            case ApplicationProtocol.Bgp: BgpPrinter.Print(ref writer, state, payload); break;
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
