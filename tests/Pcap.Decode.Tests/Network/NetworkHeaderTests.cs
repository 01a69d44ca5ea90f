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
    // A 28-byte header (IHL 7): the fixed part, then a loose source route (LSRR, length 7, pointer 4, to 10.0.0.9) and EOL.
    private static readonly byte[] Ipv4WithSourceRoute =
        Convert.FromHexString("4700001c000040004011" + "0000" + "ac110002" + "ac110001" + "8307040a000009" + "00");

    [Fact]
    public void Ipv4_lax_read_keeps_a_cut_off_header_that_the_strict_read_refuses()
    {
        var cut = Ipv4WithSourceRoute.AsSpan(0, 22);
        Assert.False(Ipv4Header.TryRead(cut, out _, out var error));
        Assert.Equal(DecodeErrorKind.Truncated, error.Kind);
        Assert.True(Ipv4Header.TryReadLax(cut, out var ip, out _));
        Assert.False(ip.IsHeaderComplete);
        Assert.Equal(28, ip.HeaderLength);
        Assert.Equal(8, ip.OptionsLength);
        Assert.Equal(2, ip.Options.Length);
        Assert.Equal(22, ip.HeaderBytes.Length);
        Assert.True(ip.Payload.IsEmpty);
        Assert.True(ip.SourceRouteDestination.IsEmpty);
        Assert.Equal(4, Ipv4Header.ReadVersion(cut));
        Assert.Equal(-1, Ipv4Header.ReadVersion(default));
    }

    [Fact]
    public void Ipv4_source_route_destination_is_the_last_hop_of_the_route_option()
    {
        Assert.True(Ipv4Header.TryRead(Ipv4WithSourceRoute, out var ip, out _));
        Assert.True(ip.IsHeaderComplete);
        Assert.Equal(new byte[] { 10, 0, 0, 9 }, ip.SourceRouteDestination.ToArray());
        var withoutRoute = (byte[])Ipv4WithSourceRoute.Clone();
        withoutRoute[20] = 1; // NOP instead of LSRR: the rest reads as a record route, not a source route
        Assert.True(Ipv4Header.TryRead(withoutRoute, out ip, out _));
        Assert.True(ip.SourceRouteDestination.IsEmpty);
    }

    [Fact]
    public void Ipv6_final_destination_follows_a_type_0_routing_header_and_lax_reads_stop_where_the_capture_does()
    {
        // IPv6, next header 43 (routing), payload 40: routing header type 0 with two addresses, ::a and ::b.
        var routing = Convert.FromHexString("3b04000100000000" + "0000000000000000000000000000000a" + "0000000000000000000000000000000b");
        var fixedHeader = Convert.FromHexString("6000000000282b40" + "fe800000000000000000000000000001" + "fe800000000000000000000000000002");
        byte[] packet = [.. fixedHeader, .. routing];
        Assert.True(Ipv6Header.TryRead(packet, out var ip, out _));
        Assert.Equal(0x0b, ip.FinalDestination[15]);
        Assert.True(Ipv6Header.TryRead(packet.AsSpan(0, 40 + 8 + 16 + 4), out ip, out _));
        Assert.Equal(0x0a, ip.FinalDestination[15]); // the second address was not captured: the last one that was
        var header = Ipv6ExtensionHeader.ReadLax(packet.AsSpan(40, 3), IpProtocol.Routing);
        Assert.False(header.IsComplete);
        Assert.Equal(3, header.Available);
        Assert.Equal(0, header.RoutingType);
        Assert.True(header.RoutingAddress(0).IsEmpty);
        var full = Ipv6ExtensionHeader.ReadLax(packet.AsSpan(40), IpProtocol.Routing);
        Assert.True(full.IsComplete);
        Assert.Equal(40, full.Length);
        Assert.Equal(1, full.SegmentsLeft);
        Assert.Equal(0x0b, full.RoutingAddress(1)[15]);
    }

    [Fact]
    public void Mobility_binding_update_reads_its_fields_and_options()
    {
        // Binding update: length 1 (16 bytes), seq 7, flags A and H, lifetime 10 (40 s), then PadN options.
        var bytes = Convert.FromHexString("3b01050000000007c000000a01020000");
        Assert.True(MobilityHeader.TryRead(bytes, out var mobility, out _));
        Assert.Equal(16, mobility.HeaderLength);
        Assert.Equal(5, mobility.MessageType);
        Assert.Equal(7, mobility.SequenceNumber);
        Assert.Equal(0xc0, mobility.BindingUpdateFlags);
        Assert.Equal(40u, mobility.LifetimeSeconds);
        Assert.Equal(12, mobility.OptionsOffset);
        Assert.Equal(4, mobility.OptionsLength);
        Assert.Equal(4, mobility.OptionsOnward.Length);
        Assert.False(MobilityHeader.TryRead(bytes.AsSpan(0, 10), out _, out var error));
        Assert.Equal(DecodeErrorKind.Truncated, error.Kind);
        var cut = MobilityHeader.ReadLax(bytes.AsSpan(0, 10));
        Assert.Equal(10, cut.Available);
        Assert.True(cut.OptionsOnward.IsEmpty);
    }
    [Fact]
    public void Ipv6_options_walk_pad1_padn_and_router_alert_and_stop_at_an_option_past_the_end()
    {
        // Hop-by-hop header (next header 59, length 0 = 8 bytes): Pad1, router alert 0x0000, then a PadN whose length byte is missing.
        Assert.True(Ipv6ExtensionHeader.TryRead(Convert.FromHexString("3b00000502000001"), IpProtocol.HopByHop, out var header, out _));
        var walk = header.OptionList;
        Assert.True(walk.MoveNext());
        Assert.Equal(0, walk.Current.Type);
        Assert.Equal(1, walk.Current.Length);
        Assert.True(walk.MoveNext());
        Assert.Equal(5, walk.Current.Type);
        Assert.Equal(2, walk.Current.DataLength);
        Assert.Equal(5, walk.Current.Remaining);
        Assert.False(walk.MoveNext());
        Assert.Equal(DecodeErrorKind.Truncated, walk.Error.Kind);
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
