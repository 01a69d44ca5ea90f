using Pcap.Testing;
using Pcap.Decode.Files;

namespace Pcap.Decode.Tests.Files;

/// <summary>
/// Real traffic recorded by tcpdump -w between two namespaces this test creates: our reader sees exactly the packets
/// (bytes, wire length, timestamp) that tcpdump -r prints and libpcap's reader returns.
/// </summary>
public sealed class RecordedFilesOracleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-recorded-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(NamespacePair.LeftInterface, false, 1u)]
    [InlineData(NamespacePair.LeftInterface, true, 1u)]
    [InlineData("any", false, 276u)]
    [InlineData("any", true, 276u)]
    public void Tcpdump_recording_of_ping_and_arp_between_namespaces_reads_identically(string device, bool nano, uint linkType)
    {
        string path = Path.Combine(_directory, $"{device}-{nano}.pcap");
        using (var namespaces = new NamespacePair())
        {
            var arguments = new List<string> { "-i", device };
            if (nano)
                arguments.Add("--time-stamp-precision=nano");
            arguments.AddRange(["arp", "or", "icmp"]);
            namespaces.Record(path, arguments, pings: 4);
        }

        var tcpdump = TcpdumpDump.Read(path, nano);
        var (_, snapLength, libpcap) = LibPcapOffline.Read(path);
        Assert.True(tcpdump.Packets.Count >= 8, $"expected at least 8 ICMP packets, tcpdump printed {tcpdump.Packets.Count} ({new FileInfo(path).Length} bytes; {tcpdump.StandardError})");
        Assert.Contains(tcpdump.Packets, p => p.Summary.Contains("ICMP echo request", StringComparison.Ordinal));
        Assert.Equal(tcpdump.Packets.Count, libpcap.Count);

        using var reader = CaptureReader.Open(path);
        Assert.Equal(linkType, reader.LinkType.Value);
        Assert.Equal((uint)snapLength, reader.SnapLength);
        Assert.Equal(nano, ((PcapReader)reader).IsNanosecondResolution);
        for (int i = 0; i < tcpdump.Packets.Count; i++)
        {
            Assert.True(reader.TryReadPacket(out var ours), $"our reader stopped at packet {i}");
            Assert.Equal(tcpdump.Packets[i].Data, ours.Data.ToArray());
            Assert.Equal(tcpdump.Packets[i].TimestampNanoseconds, ours.TimestampNanoseconds);
            Assert.Equal(libpcap[i].WireLength, ours.WireLength);
            Assert.Equal(libpcap[i].TimestampNanoseconds, ours.TimestampNanoseconds);
            Assert.Equal(libpcap[i].Data, ours.Data.ToArray());
            if (!nano)
                Assert.Equal(0, ours.TimestampNanoseconds % 1000);
        }
        Assert.False(reader.TryReadPacket(out _));
    }
}
