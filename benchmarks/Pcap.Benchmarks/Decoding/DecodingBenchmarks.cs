using BenchmarkDotNet.Attributes;
using PacketDotNet;
using Pcap.Decode.Link;
using Pcap.Decode.Network;
using Pcap.Decode.Text;
using Pcap.Decode.Transport;

namespace Pcap.Benchmarks.Decoding;

/// <summary>
/// Decode alone and decode+format over the same mixed Ethernet corpus: PcapCore's ref-struct headers and tcpdump
/// formatter against PacketDotNet's <c>Packet.ParsePacket</c> (and its <c>ToString()</c>) in the same run.
/// </summary>
[MemoryDiagnoser]
public class DecodingBenchmarks
{
    private readonly byte[][] _frames = DecodingCorpus.Frames;
    private readonly char[] _text = new char[TcpdumpFormatter.MaximumLength(2048)];
    private TcpdumpFormatter _formatter = null!;

    /// <summary>One formatter per run, as per capture.</summary>
    [GlobalSetup]
    public void Setup() => _formatter = new TcpdumpFormatter(new FormatOptions { NoResolve = true, TimeZone = TimeZoneInfo.Utc });

    /// <summary>PcapCore: walk Ethernet/VLAN → IPv4/IPv6/ARP → TCP/UDP/ICMP headers and read a field of each.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public int PcapCore_decode()
    {
        var sum = 0;
        foreach (var frame in _frames)
            sum += Decode(frame);
        return sum;
    }

    /// <summary>PacketDotNet: parse the same frames and read the same fields.</summary>
    [Benchmark(OperationsPerInvoke = 8, Baseline = true)]
    public int PacketDotNet_decode()
    {
        var sum = 0;
        foreach (var frame in _frames)
        {
            var packet = Packet.ParsePacket(LinkLayers.Ethernet, frame);
            if (packet.Extract<TcpPacket>() is { } tcp)
                sum += tcp.DestinationPort;
            else if (packet.Extract<UdpPacket>() is { } udp)
                sum += udp.DestinationPort;
            else if (packet.Extract<IcmpV4Packet>() is { } icmp)
                sum += icmp.Sequence;
            else if (packet.Extract<PacketDotNet.ArpPacket>() is { } arp)
                sum += (int)arp.Operation;
            else if (packet.Extract<IcmpV6Packet>() is { } icmp6)
                sum += (int)icmp6.Type;
        }
        return sum;
    }

    /// <summary>PcapCore: decode and print tcpdump's line into a reused buffer.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public int PcapCore_decode_and_format()
        => TcpdumpLines.FormatAll(_formatter, _frames, _text);

    /// <summary>PacketDotNet: parse and ToString() (its text rendering), the counterpart of decode+format.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public int PacketDotNet_decode_and_format()
    {
        var total = 0;
        foreach (var frame in _frames)
            total += Packet.ParsePacket(LinkLayers.Ethernet, frame).ToString()!.Length;
        return total;
    }

    private static int Decode(byte[] frame)
    {
        if (!EthernetHeader.TryRead(frame, out var ethernet, out _))
            return 0;
        var type = ethernet.TypeOrLength;
        var payload = ethernet.Payload;
        while (new EtherType(type).IsVlanTag && VlanTag.TryRead(payload, out var tag, out _))
        {
            type = tag.TypeOrLength;
            payload = tag.Payload;
        }
        switch (type)
        {
            case 0x0806:
                return Pcap.Decode.Network.ArpPacket.TryRead(payload, out var arp, out _) ? arp.Operation : 0;
            case 0x0800:
                if (!Ipv4Header.TryRead(payload, out var ip, out _))
                    return 0;
                return Transport(ip.Protocol.Value, ip.Payload);
            case 0x86dd:
                if (!Ipv6Header.TryRead(payload, out var ip6, out _))
                    return 0;
                return Transport(ip6.NextHeader.Value, ip6.Payload);
            default:
                return 0;
        }
    }

    private static int Transport(byte protocol, ReadOnlySpan<byte> payload) => protocol switch
    {
        6 => TcpHeader.TryRead(payload, out var tcp, out _) ? tcp.DestinationPort : 0,
        17 => UdpHeader.TryRead(payload, out var udp, out _) ? udp.DestinationPort : 0,
        1 => IcmpHeader.TryRead(payload, out var icmp, out _) ? icmp.SequenceNumber : 0,
        58 => Icmpv6Header.TryRead(payload, out var icmp6, out _) ? icmp6.Type : 0,
        _ => 0,
    };
}
