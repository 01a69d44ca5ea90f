using BenchmarkDotNet.Attributes;
using PacketDotNet;
using Pcap.Decode.Walk;

namespace Pcap.Benchmarks.Decoding;

/// <summary>
/// The layer walk against PacketDotNet on one packet at a time: walk every layer and read the fields a user reads
/// (addresses, ports, sequence number, the application payload), against <c>Packet.ParsePacket</c> plus the same reads
/// (PacketDotNet has no DNS type, so its DNS case reads the UDP payload: the DNS-less equivalent).
/// </summary>
[MemoryDiagnoser]
public class LayerWalkBenchmarks
{
    private static readonly Dictionary<string, byte[]> Packets = new()
    {
        // IP 10.0.0.2.45000 > 10.0.0.1.40000: Flags [P.], seq 1:101, ack 1, win 502, length 100
        ["Ethernet/IPv4/TCP"] = Convert.FromHexString(
            "0242ac1100010242ac1100020800" + "4500008c1c474000400600000a0000020a000001"
            + "afc89c40aaaaaaab12345679501801f600000000" + new string('b', 200)),
        // IP 10.0.0.1.40000 > 10.0.0.2.53: 4660+ A? www.example.test. (34)
        ["Ethernet/IPv4/UDP/DNS"] = Convert.FromHexString(
            "0242ac1100020242ac11000108004500003e000040004011263e0a0000010a000002" + "9c400035002a0000"
            + "123401000001000000000000" + "03777777076578616d706c650474657374" + "0000010001"),
    };

    private readonly LayerWalker _walker = new();
    private byte[] _frame = [];

    /// <summary>Which packet.</summary>
    [Params("Ethernet/IPv4/TCP", "Ethernet/IPv4/UDP/DNS")]
    public string Packet { get; set; } = "";

    /// <summary>Picks the packet.</summary>
    [GlobalSetup]
    public void Setup() => _frame = Packets[Packet];

    /// <summary>PacketDotNet: parse, then read addresses, ports and the payload.</summary>
    [Benchmark(Baseline = true)]
    public long PacketDotNet_parse_and_read()
    {
        var packet = PacketDotNet.Packet.ParsePacket(LinkLayers.Ethernet, _frame);
        long sum = 0;
        if (packet.Extract<IPv4Packet>() is { } ip)
            sum += ip.TimeToLive + ip.SourceAddress.AddressFamily.GetHashCode();
        if (packet.Extract<TcpPacket>() is { } tcp)
            sum += tcp.SourcePort + tcp.DestinationPort + tcp.SequenceNumber + tcp.PayloadData.Length;
        else if (packet.Extract<UdpPacket>() is { } udp)
            sum += udp.SourcePort + udp.DestinationPort + udp.PayloadData.Length;
        return sum;
    }

    /// <summary>PcapCore: walk, then read the same fields through the views.</summary>
    [Benchmark]
    public long PcapCore_walk_and_read()
    {
        var layers = _walker.Walk(LinkType.Ethernet, _frame);
        long sum = 0;
        if (layers.TryGetIpv4(out var ip))
            sum += ip.TimeToLive + ip.Source[0];
        if (layers.TryGetTcp(out var tcp))
            sum += tcp.SourcePort + tcp.DestinationPort + tcp.SequenceNumber + tcp.Payload.Length;
        else if (layers.TryGetUdp(out var udp))
            sum += udp.SourcePort + udp.DestinationPort + layers.ApplicationPayload.Length;
        return sum;
    }
}
