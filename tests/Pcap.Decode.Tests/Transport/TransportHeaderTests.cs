using Pcap.Decode.Link;
using Pcap.Decode.Network;
using Pcap.Decode.Transport;

namespace Pcap.Decode.Tests.Transport;

public sealed class TransportHeaderTests
{
    [Fact]
    public void Icmp_echo_reads_id_and_sequence()
    {
        EthernetHeader.TryRead(Fixtures.IcmpEchoRequest, out var ethernet, out _);
        Ipv4Header.TryRead(ethernet.Payload, out var ip, out _);
        Assert.True(IcmpHeader.TryRead(ip.Payload, out var icmp, out _));
        Assert.Equal(8, icmp.Type);
        Assert.Equal(66, icmp.Identifier);
        Assert.Equal(1, icmp.SequenceNumber);
    }

    [Fact]
    public void Tcp_syn_reads_ports_sequence_flags_and_window()
    {
        EthernetHeader.TryRead(Fixtures.TcpSyn, out var ethernet, out _);
        Ipv4Header.TryRead(ethernet.Payload, out var ip, out _);
        Assert.True(TcpHeader.TryRead(ip.Payload, out var tcp, out _));
        Assert.Equal(40000, tcp.SourcePort);
        Assert.Equal(45000, tcp.DestinationPort);
        Assert.Equal(305419896u, tcp.SequenceNumber);
        Assert.Equal(TcpFlags.Syn, tcp.Flags);
        Assert.Equal(64240, tcp.Window);
        Assert.Equal(40, tcp.HeaderLength);
    }

    [Fact]
    public void Udp_reads_ports_and_length()
    {
        EthernetHeader.TryRead(Fixtures.VlanUdp, out var ethernet, out _);
        VlanTag.TryRead(ethernet.Payload, out var tag, out _);
        Ipv4Header.TryRead(tag.Payload, out var ip, out _);
        Assert.True(UdpHeader.TryRead(ip.Payload, out var udp, out _));
        Assert.Equal(41000, udp.SourcePort);
        Assert.Equal(42000, udp.DestinationPort);
        Assert.Equal(28, udp.DatagramLength);
    }

    [Fact]
    public void Icmpv6_echo_reads_type_id_and_sequence()
    {
        EthernetHeader.TryRead(Fixtures.Icmpv6Echo, out var ethernet, out _);
        Ipv6Header.TryRead(ethernet.Payload, out var ip6, out _);
        Assert.True(Icmpv6Header.TryRead(ip6.Payload, out var icmp6, out _));
        Assert.False(icmp6.IsError);
        Assert.Equal(128, icmp6.Type);
        Assert.Equal(7, icmp6.Identifier);
        Assert.Equal(1, icmp6.SequenceNumber);
    }

    [Fact]
    public void Short_transport_headers_are_truncation_errors()
    {
        Assert.False(TcpHeader.TryRead(new byte[19], out _, out var tcpError));
        Assert.False(UdpHeader.TryRead(new byte[7], out _, out var udpError));
        Assert.False(IcmpHeader.TryRead(new byte[3], out _, out var icmpError));
        Assert.Equal(("tcp", 20, 19), (tcpError.Layer, tcpError.Required, tcpError.Available));
        Assert.Equal(("udp", 8, 7), (udpError.Layer, udpError.Required, udpError.Available));
        Assert.Equal(("icmp", 8, 3), (icmpError.Layer, icmpError.Required, icmpError.Available));
    }

    [Fact]
    public void Tcp_header_length_is_checked_and_the_lax_variant_reads_the_fixed_part()
    {
        var segment = Fixtures.TcpSyn.AsSpan(34).ToArray(); // a 40-byte header
        Assert.False(TcpHeader.TryRead(segment.AsSpan(0, 30), out _, out var cut));
        Assert.Equal(new DecodeError("tcp", DecodeErrorKind.Truncated, 40, 30), cut);
        Assert.True(TcpHeader.TryReadFixedPart(segment.AsSpan(0, 30), out var lax, out _));
        Assert.Equal(10, lax.Options.Length);
        Assert.True(lax.Payload.IsEmpty);

        segment[12] = 0x40; // data offset 4 words
        Assert.False(TcpHeader.TryRead(segment, out _, out var bad));
        Assert.Equal(new DecodeError("tcp", DecodeErrorKind.InvalidField, 20, 16), bad);
    }

    [Fact]
    public void Tcp_options_are_walked_one_at_a_time_and_a_bad_length_stops_with_an_error()
    {
        Assert.True(TcpHeader.TryRead(Fixtures.TcpSyn.AsSpan(34), out var tcp, out _));
        var kinds = new List<(byte, int)>();
        foreach (var option in tcp.OptionList)
            kinds.Add((option.Type, option.Length));
        Assert.Equal([(2, 4), (4, 2), (8, 10), (1, 1), (3, 3)], kinds);

        var options = new TlvOptions([1, 2, 1], "tcp-option"); // mss with a length of 1
        Assert.True(options.MoveNext());
        Assert.False(options.MoveNext());
        Assert.Equal(new DecodeError("tcp-option", DecodeErrorKind.InvalidField, 2, 1), options.Error);
    }

    [Fact]
    public void Short_icmpv6_is_a_truncation_error()
    {
        Assert.False(Icmpv6Header.TryRead(new byte[3], out _, out var error));
        Assert.Equal(new DecodeError("icmp6", DecodeErrorKind.Truncated, 4, 3), error);
    }

    [Fact]
    public void Lax_tcp_read_needs_only_the_ports()
    {
        var segment = Fixtures.TcpSyn.AsSpan(34, 6);
        Assert.False(TcpHeader.TryReadPorts(segment[..3], out _, out var error));
        Assert.Equal(new DecodeError("tcp", DecodeErrorKind.Truncated, 4, 3), error);
        Assert.True(TcpHeader.TryReadPorts(segment, out var tcp, out _));
        Assert.Equal(40000, tcp.SourcePort);
        Assert.Equal(45000, tcp.DestinationPort);
        Assert.False(tcp.HasFixedPart);
        Assert.False(tcp.IsComplete);
    }

    [Fact]
    public void Lax_icmp_read_needs_type_and_code_and_names_the_fields_tcpdump_prints()
    {
        // A redirect to gateway 10.0.0.1 quoting the start of an IPv4 header, cut off after 12 bytes.
        var redirect = Convert.FromHexString("050100000a00000145000054");
        Assert.False(IcmpHeader.TryReadTypeAndCode(redirect.AsSpan(0, 1), out _, out var error));
        Assert.Equal(new DecodeError("icmp", DecodeErrorKind.Truncated, 2, 1), error);
        Assert.True(IcmpHeader.TryReadTypeAndCode(redirect.AsSpan(0, 2), out var cut, out _));
        Assert.Equal(5, cut.Type);
        Assert.Equal(1, cut.Code);
        Assert.Equal(2, cut.CapturedLength);
        Assert.True(cut.Body.IsEmpty);
        Assert.True(IcmpHeader.TryReadTypeAndCode(redirect, out var icmp, out _));
        Assert.Equal([10, 0, 0, 1], icmp.Gateway.ToArray());
        Assert.Equal(4, icmp.Body.Length);
        Assert.True(Ipv4Header.TryReadQuoted(icmp.Body, out var quoted, out _));
        Assert.Equal(84, quoted.TotalLength);
        Assert.False(quoted.HasFixedPart);

        var timestampReply = Convert.FromHexString("0e0000000001000200000064000000c8000f4240");
        Assert.True(IcmpHeader.TryRead(timestampReply, out var reply, out _));
        Assert.Equal((100u, 200u, 1_000_000u), (reply.OriginateTimestamp, reply.ReceiveTimestamp, reply.TransmitTimestamp));
    }

    [Fact]
    public void Lax_icmpv6_read_needs_the_type_and_errors_expose_the_invoking_packet()
    {
        Assert.False(Icmpv6Header.TryReadType([], out _, out var error));
        Assert.Equal(new DecodeError("icmp6", DecodeErrorKind.Truncated, 1, 0), error);
        Assert.True(Icmpv6Header.TryReadType([2], out var cut, out _));
        Assert.Equal(2, cut.Type);
        Assert.Equal(1, cut.CapturedLength);
        Assert.Equal(0u, cut.Mtu);
        Assert.True(cut.Body.IsEmpty && cut.InvokingPacket.IsEmpty);

        var tooBig = Convert.FromHexString("02000000000005dc60");
        Assert.True(Icmpv6Header.TryRead(tooBig, out var icmp6, out _));
        Assert.True(icmp6.IsError);
        Assert.Equal(1500u, icmp6.Mtu);
        Assert.Equal([0x60], icmp6.InvokingPacket.ToArray());
    }
}
