namespace Pcap.Wire;

/// <summary>Linux <c>PACKET_*</c> packet types (<c>sll_pkttype</c>), carried in cooked headers and reported by AF_PACKET sockets: who the packet was for; tcpdump prints them on <c>-i any</c> as In, B, M, P, Out. The one direction type of every package.</summary>
public enum LinuxPacketType : ushort
{
    /// <summary>To us (tcpdump prints <c>In</c>).</summary>
    Host = 0,
    /// <summary>Broadcast (<c>B</c>).</summary>
    Broadcast = 1,
    /// <summary>Multicast (<c>M</c>).</summary>
    Multicast = 2,
    /// <summary>To someone else, seen in promiscuous mode (<c>P</c>).</summary>
    OtherHost = 3,
    /// <summary>Sent by us (<c>Out</c>).</summary>
    Outgoing = 4,
}
