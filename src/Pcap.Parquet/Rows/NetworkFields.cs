using Pcap.Decode.Walk;

namespace Pcap.Parquet.Rows;

/// <summary>Fills the ARP and IP columns: addresses, protocol, TTL or hop limit, length and fragment fields.</summary>
internal static class NetworkFields
{
    private const int MaxIpv6Extensions = 24;
    private static readonly string[] Numbers = [.. Enumerable.Range(0, 256).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Fills <paramref name="row"/> of <paramref name="rows"/> from the ARP, IPv4 or IPv6 layer of <paramref name="layers"/>.</summary>
    public static void Fill(PacketRowGroup rows, int row, in PacketLayers layers, AddressText text)
    {
        if (layers.TryGetArp(out var arp))
        {
            rows.ArpOperation[row] = arp.Operation;
            rows.ArpSenderIp[row] = text.Ip(arp.SenderProtocolAddress);
            rows.ArpTargetIp[row] = text.Ip(arp.TargetProtocolAddress);
        }
        if (layers.TryGetIpv4(out var ipv4))
        {
            rows.IpVersion[row] = 4;
            rows.IpSource[row] = text.Ip(ipv4.Source);
            rows.IpDestination[row] = text.Ip(ipv4.Destination);
            rows.IpProtocol[row] = ipv4.Protocol.Value;
            rows.IpTtl[row] = ipv4.TimeToLive;
            rows.IpLength[row] = ipv4.TotalLength;
            rows.IpId[row] = ipv4.Identification;
            rows.IpDontFragment[row] = ipv4.DontFragment;
            rows.IpMoreFragments[row] = ipv4.MoreFragments;
            rows.IpFragmentOffset[row] = ipv4.FragmentOffset;
        }
        else if (layers.TryGetIpv6(out var ipv6))
        {
            rows.IpVersion[row] = 6;
            rows.IpSource[row] = text.Ip(ipv6.Source);
            rows.IpDestination[row] = text.Ip(ipv6.Destination);
            rows.IpTtl[row] = ipv6.HopLimit;
            rows.IpLength[row] = ipv6.PayloadLength + Decode.Network.Ipv6Header.Length;
            // ip_proto is the protocol after the extension headers the walk read; ip6_extensions lists those headers.
            var protocol = ipv6.NextHeader;
            string? chain = null;
            for (int i = 0; i < MaxIpv6Extensions && layers.TryGetIpv6Extension(out var extension, i); i++)
            {
                chain = chain is null ? Number(extension.Kind.Value) : chain + "," + Number(extension.Kind.Value);
                protocol = extension.NextHeader;
                if (extension.Kind != IpProtocol.Fragment)
                    continue;
                // An IPv6 datagram is a fragment only when it carries a Fragment header; its fields fill the IPv4 ones.
                rows.IpId[row] = extension.FragmentIdentification;
                rows.IpMoreFragments[row] = extension.MoreFragments;
                rows.IpFragmentOffset[row] = extension.FragmentOffset;
            }
            rows.IpProtocol[row] = protocol.Value;
            rows.Ipv6Extensions[row] = chain;
        }
    }

    private static string Number(byte value) => Numbers[value];
}
