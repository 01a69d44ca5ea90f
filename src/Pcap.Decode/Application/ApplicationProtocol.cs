namespace Pcap.Decode.Application;

/// <summary>
/// The application protocols the layer walk can select by port (see <see cref="ApplicationPorts"/>). The order is
/// tcpdump's: when both ports of a segment name a protocol, the one declared first here wins, as tcpdump's
/// <c>udp_print</c>/<c>tcp_print</c> chains test them in that order.
/// </summary>
public enum ApplicationProtocol : byte
{
    /// <summary>No application protocol (the transport payload is shown as data).</summary>
    None = 0,
    /// <summary>SMTP (TCP 25).</summary>
    Smtp,
    /// <summary>BGP (TCP 179).</summary>
    Bgp,
    /// <summary>SSH banner (TCP 22).</summary>
    Ssh,
    /// <summary>FTP control (TCP 21).</summary>
    Ftp,
    /// <summary>HTTP (TCP 80, 8080).</summary>
    Http,
    /// <summary>RTSP (TCP 554, 8554).</summary>
    Rtsp,
    /// <summary>DNS (UDP and TCP 53).</summary>
    Dns,
    /// <summary>Multicast DNS (UDP 5353).</summary>
    Mdns,
    /// <summary>TFTP (UDP 69).</summary>
    Tftp,
    /// <summary>DHCP and BOOTP (UDP 67, 68).</summary>
    Bootp,
    /// <summary>RIP versions 1 and 2 (UDP 520).</summary>
    Rip,
    /// <summary>SNMP (UDP 161, traps 162).</summary>
    Snmp,
    /// <summary>NTP (UDP 123).</summary>
    Ntp,
    /// <summary>Kerberos (UDP 88, and 750 for version 4).</summary>
    Kerberos,
    /// <summary>RIPng (UDP 521).</summary>
    Ripng,
    /// <summary>RADIUS (UDP 1812, 1813, 3799, and the older 1645, 1646, 1700).</summary>
    Radius,
    /// <summary>SIP (UDP 5060).</summary>
    Sip,
    /// <summary>Syslog (UDP 514).</summary>
    Syslog,
    /// <summary>VXLAN (UDP 4789), carrying an inner Ethernet frame.</summary>
    Vxlan,
    /// <summary>Geneve (UDP 6081), carrying a packet of its protocol type (often an Ethernet frame).</summary>
    Geneve,
    /// <summary>LLMNR (UDP 5355). tcpdump 4.99.3 has no LLMNR printer, so no port selects it by default; map a port to use it.</summary>
    Llmnr,
}
