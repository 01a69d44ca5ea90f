namespace Pcap.Native;

/// <summary>
/// The kernel's packet type (<c>PACKET_*</c> / <c>sll_pkttype</c>), which tcpdump prints on <c>-i any</c> as
/// In, B, M, P, Out.
/// </summary>
public enum PacketDirection : byte
{
    /// <summary>Addressed to this host ("In").</summary>
    Host = 0,
    /// <summary>Link-layer broadcast ("B").</summary>
    Broadcast = 1,
    /// <summary>Link-layer multicast ("M").</summary>
    Multicast = 2,
    /// <summary>Addressed to another host, seen because of promiscuous mode or a bridge ("P").</summary>
    OtherHost = 3,
    /// <summary>Sent by this host ("Out").</summary>
    Outgoing = 4,
}
