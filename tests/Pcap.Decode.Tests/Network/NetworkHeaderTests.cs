using Pcap.Decode.Link;
using Pcap.Decode.Network;

namespace Pcap.Decode.Tests.Network;

public sealed class NetworkHeaderTests
{
    [Fact]
    public void Arp_request_reads_operation_and_addresses()
    {
        EthernetHeader.TryRead(Fixtures.ArpRequest, out var ethernet, out _);
        Assert.True(ArpPacket.TryRead(ethernet.Payload, out var arp, out _));
        Assert.Equal(1, arp.Operation);
        Assert.Equal(new byte[] { 172, 17, 0, 2 }, arp.TargetProtocolAddress.ToArray());
        Assert.Equal(new byte[] { 172, 17, 0, 1 }, arp.SenderProtocolAddress.ToArray());
    }

    [Fact]
    public void Ipv4_header_reads_the_fields_tcpdump_prints()
    {
        EthernetHeader.TryRead(Fixtures.IcmpEchoRequest, out var ethernet, out _);
        Assert.True(Ipv4Header.TryRead(ethernet.Payload, out var ip, out _));
        Assert.Equal(84, ip.TotalLength);
        Assert.Equal(0xa6f1, ip.Identification);
        Assert.True(ip.DontFragment);
        Assert.Equal(64, ip.TimeToLive);
        Assert.Equal(IpProtocol.Icmp, ip.Protocol);
        Assert.Equal("ICMP", ip.Protocol.Name);
        Assert.Equal(new byte[] { 172, 17, 0, 2 }, ip.Source.ToArray());
    }

    [Theory]
    [InlineData("35", DecodeErrorKind.InvalidField)]  // version 3
    [InlineData("44", DecodeErrorKind.InvalidField)]  // header length 16
    public void Bad_ipv4_version_or_header_length_is_an_error(string firstByte, DecodeErrorKind kind)
    {
        var bytes = Convert.FromHexString(firstByte + "000054a6f1400040013b8aac110002ac110001");
        Assert.False(Ipv4Header.TryRead(bytes, out _, out var error));
        Assert.Equal(kind, error.Kind);
    }

    [Fact]
    public void Ipv6_header_reads_next_header_and_addresses()
    {
        EthernetHeader.TryRead(Fixtures.Icmpv6Echo, out var ethernet, out _);
        Assert.True(Ipv6Header.TryRead(ethernet.Payload, out var ip6, out _));
        Assert.Equal(16, ip6.PayloadLength);
        Assert.Equal(IpProtocol.Icmpv6, ip6.NextHeader);
        Assert.Equal(64, ip6.HopLimit);
        Assert.False(Ipv6ExtensionHeader.IsExtension(ip6.NextHeader));
    }

    [Fact]
    public void Quoted_ipv6_header_is_read_without_a_version_check()
    {
        EthernetHeader.TryRead(Fixtures.Icmpv6Echo, out var ethernet, out _);
        var quoted = ethernet.Payload[..Ipv6Header.Length].ToArray();
        quoted[0] = 0x00; // version 0, as a quoted header may carry
        Assert.False(Ipv6Header.TryRead(quoted, out _, out _));
        Assert.True(Ipv6Header.TryReadQuoted(quoted, out var ip6, out _));
        Assert.Equal(IpProtocol.Icmpv6, ip6.NextHeader);
        Assert.False(Ipv6Header.TryReadQuoted(quoted.AsSpan(0, 39), out _, out var error));
        Assert.Equal(new DecodeError("ip6", DecodeErrorKind.Truncated, 40, 39), error);
    }

    [Fact]
    public void Authentication_header_is_measured_in_four_byte_units()
    {
        // AH: next header TCP, payload length 4 (6 words of 4 bytes = 24 bytes), then 4 bytes after it.
        var bytes = new byte[28];
        bytes[0] = 6;
        bytes[1] = 4;
        Assert.True(Ipv6ExtensionHeader.TryRead(bytes, new IpProtocol(51), out var ah, out _));
        Assert.Equal((24, 4), (ah.Length, ah.Payload.Length));
        Assert.Equal(IpProtocol.Tcp, ah.NextHeader);
        Assert.False(Ipv6ExtensionHeader.TryRead(bytes.AsSpan(0, 23), new IpProtocol(51), out _, out _));
    }
}
