using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using PacketDotNet;
using Pcap.Decode.Walk;

namespace Pcap.Benchmarks.Decoding;

/// <summary>
/// The layer walk against PacketDotNet, one packet at a time, both sides doing the same work: decode every layer
/// (Ethernet, IPv4, then TCP, or UDP and the DNS header) and read the same fields: the IPv4 time to live and source
/// address, both ports, the TCP sequence number and payload length, or the UDP payload length and the DNS identifier
/// and question count. PcapCore: <c>LayerWalker.Walk</c>, then <c>TryGetIpv4</c>, <c>TryGetTcp</c> or <c>TryGetUdp</c>
/// and <c>TryGetDns</c>. PacketDotNet: <c>Packet.ParsePacket</c> (which decodes every layer it knows), then
/// <c>Extract&lt;IPv4Packet&gt;</c> and <c>Extract&lt;TcpPacket&gt;</c> or <c>Extract&lt;UdpPacket&gt;</c>; it has no
/// DNS type, so its DNS reads are two big-endian reads of the UDP payload (the DNS-less equivalent). Its payload is read
/// through <c>PayloadDataSegment</c>, which does not copy (<c>PayloadData</c> would); its only source address accessor
/// builds an <c>IPAddress</c>, where the view hands out the 4 bytes (read whole, as one big-endian number).
/// </summary>
[MemoryDiagnoser]
// Four processes per case, whatever the command line's launch count: each process's JIT layout moves our 7-9 ns by up to
// a nanosecond and PacketDotNet's time by a sixth, so one process gives a ratio on either side of the 20x target.
[ProcessCount(4)]
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

    /// <summary>PacketDotNet: parse, then read the fields.</summary>
    [Benchmark(Baseline = true)]
    public long PacketDotNet_parse_and_read()
    {
        var packet = PacketDotNet.Packet.ParsePacket(LinkLayers.Ethernet, _frame);
        long sum = 0;
        if (packet.Extract<IPv4Packet>() is { } ip)
            sum += ip.TimeToLive + ip.SourceAddress.AddressFamily.GetHashCode();
        if (packet.Extract<TcpPacket>() is { } tcp)
            sum += tcp.SourcePort + tcp.DestinationPort + tcp.SequenceNumber + tcp.PayloadDataSegment.Length;
        else if (packet.Extract<UdpPacket>() is { } udp)
        {
            var payload = udp.PayloadDataSegment;
            sum += udp.SourcePort + udp.DestinationPort + payload.Length;
            if (payload.Length >= 12)
            {
                var dns = payload.Bytes.AsSpan(payload.Offset, payload.Length);
                sum += BinaryPrimitives.ReadUInt16BigEndian(dns) + BinaryPrimitives.ReadUInt16BigEndian(dns[4..]);
            }
        }
        return sum;
    }

    /// <summary>PcapCore: walk, then read the same fields through the views.</summary>
    [Benchmark]
    public long PcapCore_walk_and_read()
    {
        var layers = _walker.Walk(LinkType.Ethernet, _frame);
        long sum = 0;
        if (layers.TryGetIpv4(out var ip))
            sum += ip.TimeToLive + BinaryPrimitives.ReadUInt32BigEndian(ip.Source);
        if (layers.TryGetTcp(out var tcp))
            sum += tcp.SourcePort + tcp.DestinationPort + tcp.SequenceNumber + tcp.Payload.Length;
        else if (layers.TryGetUdp(out var udp))
        {
            sum += udp.SourcePort + udp.DestinationPort + layers.ApplicationPayload.Length;
            if (layers.TryGetDns(out var dns))
                sum += dns.Id + dns.QuestionCount;
        }
        return sum;
    }
}
