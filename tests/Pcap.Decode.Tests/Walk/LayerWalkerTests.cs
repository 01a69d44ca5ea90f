using Pcap.Decode.Application;
using Pcap.Decode.Walk;
using Pcap.Testing.Packets;
using static Pcap.Decode.Walk.LayerKind;

namespace Pcap.Decode.Tests.Walk;

public sealed class LayerWalkerTests
{
    private readonly LayerWalker _walker = new();

    [Fact]
    public void Tcp_syn_walks_ethernet_ipv4_tcp_with_its_options()
    {
        var layers = _walker.Walk(LinkType.Ethernet, Fixtures.TcpSyn);
        Assert.Equal([new Layer(Ethernet, 0, 14), new Layer(Ipv4, 14, 20), new Layer(Tcp, 34, 40)], layers.Layers.ToArray());
        Assert.False(layers.Error.IsError);
        Assert.True(layers.TryGetTcp(out var tcp));
        Assert.Equal(45000, tcp.DestinationPort);
        Assert.Equal(ApplicationProtocol.None, layers.Application);
    }

    [Fact]
    public void Dns_query_selects_the_dns_application_and_leaves_link_padding_out()
    {
        var layers = _walker.Walk(LinkType.Ethernet, WalkPackets.DnsQuery);
        Assert.Equal([Ethernet, Ipv4, Udp, LayerKind.Application], layers.Layers.ToArray().Select(l => l.Kind));
        Assert.Equal(ApplicationProtocol.Dns, layers.Application);
        Assert.Equal(new Layer(LayerKind.Application, 42, 34), layers.Last);
        Assert.Equal(34, layers.ApplicationPayload.Length);
        Assert.True(layers.TryGetUdp(out var udp));
        Assert.Equal(34, udp.Payload.Length);
    }

    [Fact]
    public void Dns_message_reads_from_the_application_layer_over_udp_and_tcp()
    {
        Assert.True(_walker.Walk(LinkType.Ethernet, WalkPackets.DnsQuery).TryGetDns(out var query));
        Assert.Equal(1, query.QuestionCount);
        byte[] message = [0x12, 0x34, 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0];
        var tcp = _walker.Walk(LinkType.Raw, WalkPackets.Ipv4(6, WalkPackets.Tcp(53, 40000, [0, 12, .. message])));
        Assert.True(tcp.TryGetDns(out var answer));
        Assert.Equal((0x1234, 2, true), (answer.Id, answer.AnswerCount, answer.IsResponse));
        Assert.False(_walker.Walk(LinkType.Ethernet, Fixtures.TcpSyn).TryGetDns(out _));
    }

    [Fact]
    public void Layers_read_after_the_next_walk_throw_instead_of_mixing_packets()
    {
        var first = _walker.Walk(LinkType.Ethernet, WalkPackets.DnsQuery);
        _walker.Walk(LinkType.Ethernet, Fixtures.TcpSyn);
        try
        {
            first.TryGetUdp(out _);
            Assert.Fail("a stale PacketLayers read the walker's newer layers");
        }
        catch (InvalidOperationException e)
        {
            Assert.Contains("walked another packet", e.Message, StringComparison.Ordinal);
        }
        Assert.Equal(0, default(PacketLayers).Count);
        Assert.False(default(PacketLayers).TryGetIpv4(out _));
    }

    [Fact]
    public void Vlan_and_ipv6_layers_are_listed_and_readable()
    {
        var vlan = _walker.Walk(LinkType.Ethernet, Fixtures.VlanUdp);
        Assert.Equal([Ethernet, Vlan, Ipv4, Udp], vlan.Layers.ToArray().Select(l => l.Kind));
        Assert.True(vlan.TryGetVlan(out var tag));
        Assert.Equal(100, tag.VlanId);

        var echo = _walker.Walk(LinkType.Ethernet, Fixtures.Icmpv6Echo);
        Assert.Equal([Ethernet, Ipv6, Icmpv6], echo.Layers.ToArray().Select(l => l.Kind));
        Assert.True(echo.TryGetIcmpv6(out var icmp6));
        Assert.Equal(7, icmp6.Identifier);
    }

    [Theory]
    [InlineData(0xaa, 0xaa)]
    [InlineData(0xab, 0xab)]
    [InlineData(0xaa, 0xab)]
    public void Llc_with_snap_saps_walks_into_snap_whatever_the_group_and_response_bits(int dsap, int ssap)
    {
        // print-llc.c masks the individual/group and command/response bits before it compares the SAPs with SNAP's 0xAA.
        byte[] ipv4 = [0x45, 0, 0, 20, 0, 1, 0, 0, 64, 253, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2];
        byte[] llc = [(byte)dsap, (byte)ssap, 0x03, 0, 0, 0, 0x08, 0x00, .. ipv4];
        byte[] frame = [2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0, (byte)llc.Length, .. llc];
        var layers = _walker.Walk(LinkType.Ethernet, frame);
        Assert.Equal([Ethernet, Llc, Snap, Ipv4], layers.Layers.ToArray().Select(l => l.Kind));
        Assert.True(layers.TryGetLlc(out var header));
        Assert.True(header.IsSnap);
        Assert.Equal(0xaa, header.DestinationSap);
        Assert.Equal(dsap == 0xab, header.IsGroup);
        Assert.Equal(ssap == 0xab, header.IsResponse);
    }

    [Fact]
    public void Llc_with_another_sap_or_control_is_not_snap()
    {
        byte[] frame = [2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0, 8, 0xaa, 0xaa, 0x13, 0, 0, 0, 0x08, 0x00];
        var layers = _walker.Walk(LinkType.Ethernet, frame);
        Assert.Equal([Ethernet, Llc], layers.Layers.ToArray().Select(l => l.Kind));
        Assert.True(layers.TryGetLlc(out var header));
        Assert.False(header.IsSnap);
    }

    [Fact]
    public void Ipv6_extension_headers_are_one_layer_each()
    {
        // hop-by-hop (8 bytes, next: destination options), destination options (8 bytes, next: UDP), UDP to 123
        byte[] extensions = [60, 0, 1, 4, 0, 0, 0, 0, 17, 0, 1, 4, 0, 0, 0, 0, .. WalkPackets.Udp(123, 123, new byte[48])];
        var layers = _walker.Walk(LinkType.Raw, WalkPackets.Ipv6(0, extensions));
        Assert.Equal([Ipv6, Ipv6Extension, Ipv6Extension, Udp, LayerKind.Application], layers.Layers.ToArray().Select(l => l.Kind));
        Assert.True(layers.TryGetIpv6Extension(out var second, occurrence: 1));
        Assert.Equal(IpProtocol.DestinationOptions, second.Kind);
        Assert.Equal(IpProtocol.Udp, second.NextHeader);
        Assert.Equal(ApplicationProtocol.Ntp, layers.Application);
    }

    [Fact]
    public void Cooked_and_loopback_link_types_lead_to_ip()
    {
        byte[] sll2 = [0x08, 0x00, 0, 0, 0, 0, 0, 3, 0, 1, 4, 6, 2, 0x42, 0xac, 0x11, 0, 1, 0, 0, .. WalkPackets.Ipv4(1, new byte[16])];
        Assert.Equal([LinuxSll2, Ipv4, Icmp], _walker.Walk(LinkType.LinuxSll2, sll2).Layers.ToArray().Select(l => l.Kind));
        byte[] loop = [0, 0, 0, 2, .. WalkPackets.Ipv4(17, WalkPackets.Udp(514, 514, "<13>hello"u8.ToArray()))];
        var layers = _walker.Walk(LinkType.Loop, loop);
        Assert.Equal([Null, Ipv4, Udp, LayerKind.Application], layers.Layers.ToArray().Select(l => l.Kind));
        Assert.Equal(ApplicationProtocol.Syslog, layers.Application);
    }

    [Fact]
    public void Truncated_tcp_stops_the_walk_with_the_decode_error()
    {
        var layers = _walker.Walk(LinkType.Ethernet, Fixtures.TcpSyn.AsSpan(0, 60));
        Assert.Equal([Ethernet, Ipv4], layers.Layers.ToArray().Select(l => l.Kind));
        Assert.Equal(new DecodeError("tcp", DecodeErrorKind.Truncated, 40, 26), layers.Error);
        Assert.False(layers.TryGetTcp(out _));
    }

    [Fact]
    public void Unknown_link_type_is_an_unsupported_error()
    {
        var layers = _walker.Walk(new LinkType(147), Fixtures.TcpSyn);
        Assert.Equal(0, layers.Count);
        Assert.Equal(new DecodeError("link", DecodeErrorKind.Unsupported, 0, 147), layers.Error);
    }

    [Theory]
    [InlineData(53, 123, ApplicationProtocol.Dns)]   // tcpdump tests DNS before NTP
    [InlineData(123, 53, ApplicationProtocol.Dns)]
    [InlineData(123, 514, ApplicationProtocol.Ntp)]
    [InlineData(4789, 40000, ApplicationProtocol.Vxlan)]
    [InlineData(5355, 5355, ApplicationProtocol.None)] // tcpdump 4.99.3 has no LLMNR printer
    public void Udp_ports_select_applications_in_tcpdumps_order(int source, int destination, ApplicationProtocol expected)
    {
        Assert.Equal(expected, ApplicationPorts.Tcpdump.Select(IpProtocol.Udp, (ushort)source, (ushort)destination));
    }

    [Fact]
    public void Dns_is_read_for_exactly_the_dns_mdns_and_llmnr_applications()
    {
        // TryGetDns tests the protocol as one bit of a 32-bit mask: every protocol must have a bit of its own.
        var protocols = Enum.GetValues<ApplicationProtocol>();
        Assert.All(protocols, protocol => Assert.InRange((int)protocol, 0, 31));
        var frame = WalkPackets.Ethernet(0x0800, WalkPackets.Ipv4(17, WalkPackets.Udp(40000, 40001, new byte[12])));
        foreach (var protocol in protocols)
        {
            var walker = new LayerWalker(ApplicationPorts.CreateTcpdumpDefaults().Map(IpProtocol.Udp, 40001, protocol));
            var layers = walker.Walk(LinkType.Ethernet, frame);
            Assert.Equal(protocol, layers.Application);
            Assert.Equal(protocol is ApplicationProtocol.Dns or ApplicationProtocol.Mdns or ApplicationProtocol.Llmnr, layers.TryGetDns(out _));
        }
    }

    [Fact]
    public void A_caller_maps_its_own_ports_and_the_shared_map_stays_read_only()
    {
        var ports = ApplicationPorts.CreateTcpdumpDefaults().Map(IpProtocol.Tcp, 8053, ApplicationProtocol.Dns);
        var walker = new LayerWalker(ports);
        var layers = walker.Walk(LinkType.Ethernet, WalkPackets.Ethernet(0x0800, WalkPackets.Ipv4(6, WalkPackets.Tcp(40000, 8053, new byte[30]))));
        Assert.Equal(ApplicationProtocol.Dns, layers.Application);
        Assert.Throws<InvalidOperationException>(() => ApplicationPorts.Tcpdump.Map(IpProtocol.Tcp, 8053, ApplicationProtocol.Dns));
    }

    [Fact]
    public void Every_generated_packet_walks_within_its_bytes_and_every_listed_layer_reads()
    {
        foreach (var linkType in PacketGenerator.LinkTypes)
        {
            foreach (var generated in PacketGenerator.Generate(linkType, 3000, seed: 5))
            {
                var layers = _walker.Walk(linkType, generated.Data);
                foreach (var layer in layers.Layers)
                {
                    Assert.InRange(layer.Offset, 0, generated.Data.Length);
                    Assert.InRange(layer.End, layer.Offset, generated.Data.Length);
                    Assert.True(LayerWalkTour.Reads(layers, layer.Kind), $"{linkType} {generated.Description}: {layer} listed but its view does not read");
                }
            }
        }
    }
}
