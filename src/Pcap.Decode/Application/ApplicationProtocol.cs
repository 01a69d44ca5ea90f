namespace Pcap.Decode.Application;

/// <summary>The application and overlay protocols Pcap.Decode reads above UDP and TCP.</summary>
public enum ApplicationProtocol
{
    /// <summary>None of ours: the payload is opaque.</summary>
    None = 0,
    /// <summary>DNS (<see cref="DnsMessage"/>); over TCP with its 2-byte length prefix.</summary>
    Dns,
    /// <summary>Multicast DNS (<see cref="DnsMessage"/> with mDNS's class bits).</summary>
    MulticastDns,
    /// <summary>BOOTP/DHCP (<see cref="DhcpMessage"/>).</summary>
    Dhcp,
    /// <summary>NTP (<see cref="NtpPacket"/>).</summary>
    Ntp,
    /// <summary>SIP (<see cref="TextProtocolLine"/>).</summary>
    Sip,
    /// <summary>Syslog (<see cref="SyslogMessage"/>).</summary>
    Syslog,
    /// <summary>VXLAN (<see cref="VxlanHeader"/>) carrying an Ethernet frame.</summary>
    Vxlan,
    /// <summary>SMTP (<see cref="TextProtocolLine"/>).</summary>
    Smtp,
    /// <summary>SSH (<see cref="SshIdentification"/>).</summary>
    Ssh,
    /// <summary>FTP control (<see cref="TextProtocolLine"/>).</summary>
    Ftp,
    /// <summary>HTTP (<see cref="TextProtocolLine"/>).</summary>
    Http,
    /// <summary>RTSP (<see cref="TextProtocolLine"/>).</summary>
    Rtsp,
}

/// <summary>Which application protocol a UDP or TCP port pair carries, checked in the order tcpdump 4.99's print-udp.c and print-tcp.c check them.</summary>
public static class ApplicationPorts
{
    /// <summary>The protocol of a UDP datagram between <paramref name="sourcePort"/> and <paramref name="destinationPort"/>.</summary>
    public static ApplicationProtocol ForUdp(ushort sourcePort, ushort destinationPort)
    {
        if (Either(sourcePort, destinationPort, DnsMessage.Port)) return ApplicationProtocol.Dns;
        if (Either(sourcePort, destinationPort, DnsMessage.MulticastPort)) return ApplicationProtocol.MulticastDns;
        if (Either(sourcePort, destinationPort, DhcpMessage.ClientPort) || Either(sourcePort, destinationPort, DhcpMessage.ServerPort)) return ApplicationProtocol.Dhcp;
        if (Either(sourcePort, destinationPort, NtpPacket.Port)) return ApplicationProtocol.Ntp;
        if (Either(sourcePort, destinationPort, 5060)) return ApplicationProtocol.Sip;
        if (Either(sourcePort, destinationPort, SyslogMessage.Port)) return ApplicationProtocol.Syslog;
        if (Either(sourcePort, destinationPort, VxlanHeader.Port)) return ApplicationProtocol.Vxlan;
        return ApplicationProtocol.None;
    }

    /// <summary>The protocol of a TCP segment between <paramref name="sourcePort"/> and <paramref name="destinationPort"/>.</summary>
    public static ApplicationProtocol ForTcp(ushort sourcePort, ushort destinationPort)
    {
        if (Either(sourcePort, destinationPort, 25)) return ApplicationProtocol.Smtp;
        if (Either(sourcePort, destinationPort, SshIdentification.Port)) return ApplicationProtocol.Ssh;
        if (Either(sourcePort, destinationPort, 21)) return ApplicationProtocol.Ftp;
        if (Either(sourcePort, destinationPort, 80) || Either(sourcePort, destinationPort, 8080)) return ApplicationProtocol.Http;
        if (Either(sourcePort, destinationPort, 554) || Either(sourcePort, destinationPort, 8554)) return ApplicationProtocol.Rtsp;
        if (Either(sourcePort, destinationPort, DnsMessage.Port)) return ApplicationProtocol.Dns;
        return ApplicationProtocol.None;
    }

    private static bool Either(ushort sourcePort, ushort destinationPort, ushort port) => sourcePort == port || destinationPort == port;
}
