namespace Pcap.Decode.Walk;

/// <summary>The kinds of layer the walk finds; each names the view that reads it (<see cref="PacketLayers"/>' <c>TryGet…</c>).</summary>
public enum LayerKind : byte
{
    /// <summary>No layer.</summary>
    None = 0,
    /// <summary>Ethernet II / 802.3 header (<see cref="Link.EthernetHeader"/>).</summary>
    Ethernet,
    /// <summary>An 802.1Q or QinQ tag after its tag EtherType (<see cref="Link.VlanTag"/>).</summary>
    Vlan,
    /// <summary>Linux cooked header v1 (<see cref="Link.LinuxSllHeader"/>).</summary>
    LinuxSll,
    /// <summary>Linux cooked header v2 (<see cref="Link.LinuxSll2Header"/>).</summary>
    LinuxSll2,
    /// <summary>BSD NULL or OpenBSD LOOP family word (<see cref="Link.NullHeader"/>).</summary>
    Null,
    /// <summary>802.2 LLC header (<see cref="Link.LlcHeader"/>).</summary>
    Llc,
    /// <summary>SNAP extension after LLC (<see cref="Link.SnapHeader"/>).</summary>
    Snap,
    /// <summary>ARP or RARP (<see cref="Network.ArpPacket"/>).</summary>
    Arp,
    /// <summary>IPv4 header with options (<see cref="Network.Ipv4Header"/>).</summary>
    Ipv4,
    /// <summary>IPv6 fixed header (<see cref="Network.Ipv6Header"/>).</summary>
    Ipv6,
    /// <summary>One IPv6 extension header (<see cref="Network.Ipv6ExtensionHeader"/>).</summary>
    Ipv6Extension,
    /// <summary>ICMP (<see cref="Transport.IcmpHeader"/>).</summary>
    Icmp,
    /// <summary>ICMPv6 (<see cref="Transport.Icmpv6Header"/>).</summary>
    Icmpv6,
    /// <summary>UDP (<see cref="Transport.UdpHeader"/>).</summary>
    Udp,
    /// <summary>TCP with options (<see cref="Transport.TcpHeader"/>).</summary>
    Tcp,
    /// <summary>The UDP or TCP payload of a port-selected application protocol (<see cref="PacketLayers.Application"/>).</summary>
    Application,
}
