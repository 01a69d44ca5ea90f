using Pcap.Decode.Walk;

namespace Pcap.Parquet.Rows;

/// <summary>Fills the TCP, UDP, ICMP and ICMPv6 columns.</summary>
internal static class TransportFields
{
    /// <summary>Fills <paramref name="row"/> of <paramref name="rows"/> from the transport layer of <paramref name="layers"/>.</summary>
    public static void Fill(PacketRowGroup rows, int row, in PacketLayers layers)
    {
        if (layers.TryGetTcp(out var tcp))
        {
            rows.TcpSourcePort[row] = tcp.SourcePort;
            rows.TcpDestinationPort[row] = tcp.DestinationPort;
            rows.TcpFlags[row] = (int)tcp.Flags;
            rows.TcpSequence[row] = tcp.SequenceNumber;
            rows.TcpAcknowledgement[row] = tcp.AcknowledgementNumber;
            rows.TcpWindow[row] = tcp.Window;
        }
        else if (layers.TryGetUdp(out var udp))
        {
            rows.UdpSourcePort[row] = udp.SourcePort;
            rows.UdpDestinationPort[row] = udp.DestinationPort;
            rows.UdpLength[row] = udp.DatagramLength;
        }
        else if (layers.TryGetIcmp(out var icmp))
        {
            rows.IcmpType[row] = icmp.Type;
            rows.IcmpCode[row] = icmp.Code;
        }
        else if (layers.TryGetIcmpv6(out var icmp6))
        {
            rows.Icmp6Type[row] = icmp6.Type;
            rows.Icmp6Code[row] = icmp6.Code;
        }
    }
}
