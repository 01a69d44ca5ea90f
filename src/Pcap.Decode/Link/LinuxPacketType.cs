namespace Pcap.Decode.Link;

/// <summary>Linux <c>PACKET_*</c> types carried in cooked headers: who the packet was for.</summary>
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
