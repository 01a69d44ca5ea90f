namespace Pcap.Filter;

/// <summary>
/// Link-layer header types, numbered as the <c>LINKTYPE_</c> values stored in pcap and pcapng files.
/// The filter compiler generates different offsets for each.
/// </summary>
public enum LinkType
{
    /// <summary>BSD loopback: a 4-byte address family in host byte order (<c>LINKTYPE_NULL</c>).</summary>
    Null = 0,
    /// <summary>Ethernet II and 802.3 (<c>LINKTYPE_ETHERNET</c>, tcpdump's EN10MB).</summary>
    Ethernet = 1,
    /// <summary>Raw IPv4 or IPv6, no link header (<c>LINKTYPE_RAW</c>).</summary>
    Raw = 101,
    /// <summary>OpenBSD loopback: a 4-byte address family in network byte order (<c>LINKTYPE_LOOP</c>).</summary>
    Loop = 108,
    /// <summary>Linux cooked capture v1, 16-byte header (<c>LINKTYPE_LINUX_SLL</c>).</summary>
    LinuxSll = 113,
    /// <summary>Raw IPv4 only (<c>LINKTYPE_IPV4</c>).</summary>
    Ipv4 = 228,
    /// <summary>Raw IPv6 only (<c>LINKTYPE_IPV6</c>).</summary>
    Ipv6 = 229,
    /// <summary>Linux cooked capture v2, 20-byte header with interface index (<c>LINKTYPE_LINUX_SLL2</c>); what <c>-i any</c> produces.</summary>
    LinuxSll2 = 276,
}
