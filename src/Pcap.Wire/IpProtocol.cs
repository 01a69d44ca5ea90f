namespace Pcap.Wire;

/// <summary>An IP protocol number (IPv4 protocol / IPv6 next header); open, so unknown values survive.</summary>
/// <param name="Value">The number as carried on the wire.</param>
public readonly record struct IpProtocol(byte Value)
{
    /// <summary>IPv6 hop-by-hop options (0).</summary>
    public static readonly IpProtocol HopByHop = new(0);
    /// <summary>ICMP (1).</summary>
    public static readonly IpProtocol Icmp = new(1);
    /// <summary>IGMP (2).</summary>
    public static readonly IpProtocol Igmp = new(2);
    /// <summary>TCP (6).</summary>
    public static readonly IpProtocol Tcp = new(6);
    /// <summary>UDP (17).</summary>
    public static readonly IpProtocol Udp = new(17);
    /// <summary>IPv6 routing header (43).</summary>
    public static readonly IpProtocol Routing = new(43);
    /// <summary>IPv6 fragment header (44).</summary>
    public static readonly IpProtocol Fragment = new(44);
    /// <summary>ICMPv6 (58).</summary>
    public static readonly IpProtocol Icmpv6 = new(58);
    /// <summary>No next header (59).</summary>
    public static readonly IpProtocol NoNextHeader = new(59);
    /// <summary>IPv6 destination options (60).</summary>
    public static readonly IpProtocol DestinationOptions = new(60);

    /// <summary>tcpdump's name for the protocol (its <c>ipproto_values</c> table), or null.</summary>
    public string? Name => Value switch
    {
        0 => "Options",
        1 => "ICMP",
        2 => "IGMP",
        4 => "IPIP",
        6 => "TCP",
        8 => "EGP",
        9 => "IGRP",
        17 => "UDP",
        33 => "DCCP",
        41 => "IPv6",
        43 => "Routing",
        44 => "Fragment",
        46 => "RSVP",
        47 => "GRE",
        50 => "ESP",
        51 => "AH",
        55 => "Mobile IP",
        58 => "ICMPv6",
        62 => "Mobile IP (old)",
        88 => "EIGRP",
        89 => "OSPF",
        103 => "PIM",
        108 => "Compressed IP",
        112 => "VRRP",
        113 => "PGM",
        132 => "SCTP",
        135 => "Mobility",
        143 => "Ethernet",
        _ => null,
    };
}
