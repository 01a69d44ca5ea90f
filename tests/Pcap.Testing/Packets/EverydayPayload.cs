namespace Pcap.Testing.Packets;

/// <summary>What carries an issue-12 protocol's bytes: a UDP or TCP port, an IP protocol, an EtherType, or 802.2 LLC.</summary>
public enum EverydayCarrier
{
    /// <summary>UDP between <see cref="EverydayPayload.SourcePort"/> and <see cref="EverydayPayload.DestinationPort"/>.</summary>
    Udp,
    /// <summary>TCP (PSH|ACK) between the two ports.</summary>
    Tcp,
    /// <summary>IP protocol <see cref="EverydayPayload.Number"/> directly over IPv4 or IPv6.</summary>
    Ip,
    /// <summary>EtherType <see cref="EverydayPayload.Number"/> on Ethernet, SLL and SLL2 (not RAW).</summary>
    EtherType,
    /// <summary>An 802.3 length frame whose payload starts with the LLC header (SLL protocol 4); not on RAW.</summary>
    Llc,
}

/// <summary>
/// One generated issue-12 payload: its bytes, what carries them and how. <see cref="Ipv6"/> null lets the frame factory
/// pick the IP version; <see cref="Destination"/> overrides the destination address (VRRP's 224.0.0.18, OSPF's 224.0.0.5).
/// Damage touches only the bytes from <see cref="MutableFrom"/> on.
/// </summary>
public sealed record EverydayPayload(string Protocol, EverydayCarrier Carrier, int Number, byte[] Bytes)
{
    /// <summary>UDP/TCP source port.</summary>
    public int SourcePort { get; init; }
    /// <summary>UDP/TCP destination port.</summary>
    public int DestinationPort { get; init; }
    /// <summary>True for IPv6, false for IPv4, null for either.</summary>
    public bool? Ipv6 { get; init; }
    /// <summary>The IP destination to use instead of a random one.</summary>
    public byte[]? Destination { get; init; }
    /// <summary>The IP TTL / hop limit (VRRP and OSPF are sent with 255 or 1).</summary>
    public int Ttl { get; init; } = 64;
    /// <summary>First byte damage may change.</summary>
    public int MutableFrom { get; init; }
    /// <summary>Where the factory writes a checksum over the IP pseudo-header and the bytes (VRRPv3, OSPFv3, PIM over IPv6).</summary>
    public int? PseudoHeaderChecksumAt { get; init; }
}
