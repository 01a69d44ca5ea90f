using Pcap.Decode.Files;
using Pcap.Decode.Tests.Application;
using Pcap.Decode.Tests.Golden;
using Pcap.Live.Tests.Support.RealTraffic;

namespace Pcap.Parquet.Tests.Support;

/// <summary>
/// The captures the export tests read, each written as pcap and exported once by <c>pcapcore -r FILE --parquet OUT</c>:
/// 100,000 generated Ethernet frames (the decoder tests' seeded mixes: every layer the walk reads, DNS, DHCP, HTTP, VXLAN
/// and the other application payloads, a share of them damaged), 10,000 generated SLL2 frames, and real traffic recorded
/// between network namespaces (dnsmasq for DNS and DHCP, curl against python's http.server, a VXLAN link) plus the
/// repository's docker0 sample.
/// </summary>
public sealed class ExportedCaptures : IDisposable
{
    /// <summary>The generated Ethernet capture's size: the acceptance asks for every column on 100,000 packets.</summary>
    public const int GeneratedPackets = 100_000;
    private static readonly string[] RealScenarios = ["dns-udp", "dns-tcp", "dns-ipv6", "dns-nxdomain", "dhcp", "http", "vxlan"];
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-parquet-").FullName;

    public ExportedCaptures()
    {
        try
        {
            Generated = Export("generated", WriteGenerated(1, GeneratedPackets, 1700));
            GeneratedSll2 = Export("generated-sll2", WriteGenerated(276, 10_000, 1701));
            GeneratedClean = Export("generated-clean", WriteDecodable(Generated.Pcap));
            Real = Export("real", WriteReal());
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The generated Ethernet capture and its export.</summary>
    public Capture Generated { get; }

    /// <summary>
    /// The generated Ethernet frames the walk reads to the end without an error. tcpdump's filters match damaged headers
    /// too (<c>host</c> needs only the address bytes), where the walk gives no columns, so the counts are compared on these.
    /// </summary>
    public Capture GeneratedClean { get; }

    /// <summary>The generated SLL2 capture (interface index, packet type) and its export.</summary>
    public Capture GeneratedSll2 { get; }

    /// <summary>The recorded real traffic and its export.</summary>
    public Capture Real { get; }

    /// <summary>A scratch path in the fixture's directory.</summary>
    public string Scratch(string name) => Path.Combine(_directory, name);

    /// <summary>A capture file and the Parquet file pcapcore exported from it.</summary>
    public sealed record Capture(string Pcap, string Parquet, int Packets);

    private Capture Export(string name, (string Pcap, int Packets) capture)
    {
        string parquet = Scratch(name + ".parquet");
        Pcapcore.Export("-r", capture.Pcap, "--parquet", parquet);
        return new Capture(capture.Pcap, parquet, capture.Packets);
    }

    // Three frames from the layer mix to two application frames, one millisecond apart.
    private (string, int) WriteGenerated(int linkType, int count, int seed)
    {
        string path = Scratch($"generated-{linkType}.pcap");
        var random = new Random(seed);
        var mixed = new MixedPacketFactory(linkType, seed, extended: true);
        var payloads = new ApplicationPayloads(random);
        var application = new ApplicationFrameFactory(linkType, random);
        using var stream = File.Create(path);
        using var writer = new PcapWriter(stream, new LinkType((uint)linkType));
        long time = 1_764_000_000L * 1_000_000_000;
        for (int i = 0; i < count; i++)
        {
            var (data, wire) = i % 5 < 3
                ? mixed.Next()
                : application.Wrap(payloads.Next(ApplicationPayloads.Protocols[random.Next(ApplicationPayloads.Protocols.Length)]));
            writer.WritePacket(time + i * 1_000_000L, data, (uint)Math.Max(wire, data.Length));
        }
        return (path, count);
    }

    private (string, int) WriteDecodable(string source)
    {
        string path = Scratch("generated-clean.pcap");
        var walker = new Pcap.Decode.Walk.LayerWalker();
        int packets = 0;
        using var reader = CaptureReader.Open(source);
        using var stream = File.Create(path);
        using var writer = new PcapWriter(stream, reader.LinkType);
        while (reader.TryReadPacket(out var packet))
        {
            if (walker.Walk(packet.LinkType, packet.Data).Error.IsError)
                continue;
            writer.WritePacket(packet.TimestampSeconds, packet.TimestampFractionNanoseconds, packet.Data, packet.WireLength);
            packets++;
        }
        return (path, packets);
    }

    // Every recorded scenario and the docker0 sample, one after the other in one Ethernet pcap, time stamps kept.
    private (string, int) WriteReal()
    {
        string recordings = Directory.CreateDirectory(Scratch("recordings")).FullName;
        using (var recorder = new TrafficRecorder(recordings))
            RealTrafficScenarios.Record(recorder, RealScenarios);
        string path = Scratch("real.pcap");
        int packets = 0;
        using var stream = File.Create(path);
        using var writer = new PcapWriter(stream, LinkType.Ethernet);
        foreach (var file in RealScenarios.Select(s => TrafficRecorder.PcapPath(recordings, s)).Append(RepositoryFile("samples/docker0-arp-icmp.pcap")))
        {
            using var reader = CaptureReader.Open(file);
            Assert.Equal(LinkType.Ethernet, reader.LinkType);
            while (reader.TryReadPacket(out var packet))
            {
                writer.WritePacket(packet.TimestampSeconds, packet.TimestampFractionNanoseconds, packet.Data, packet.WireLength);
                packets++;
            }
        }
        return (path, packets);
    }

    /// <summary>A file of the repository, found from the test assembly's folder upwards.</summary>
    public static string RepositoryFile(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PcapCore.sln")))
                return Path.Combine(directory.FullName, relative);
        }
        throw new InvalidOperationException($"no PcapCore.sln above {AppContext.BaseDirectory}");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
