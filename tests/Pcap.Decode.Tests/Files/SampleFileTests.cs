using Pcap.Testing;
using Pcap.Decode.Files;

namespace Pcap.Decode.Tests.Files;

/// <summary>The shipped sample capture (samples/docker0-arp-icmp.pcap, recorded by samples/record-docker0.sh) reads exactly as tcpdump reads it.</summary>
public class SampleFileTests
{
    /// <summary>The sample's path, found by walking up from the test binaries to the repository root.</summary>
    internal static string SamplePath
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "PcapCore.sln")))
                    return Path.Combine(directory.FullName, "samples", "docker0-arp-icmp.pcap");
            }
            throw new InvalidOperationException($"PcapCore.sln not found above {AppContext.BaseDirectory}");
        }
    }

    [Fact]
    public void Docker0_sample_has_arp_and_both_ping_directions_and_reads_identically()
    {
        var tcpdump = TcpdumpDump.Read(SamplePath, nanoseconds: false);
        var summaries = tcpdump.Packets.Select(p => p.Summary).ToList();
        Assert.InRange(summaries.Count, 10, 20);
        Assert.Contains(summaries, s => s.Contains("ARP, Request who-has 172.17.0.1 tell 172.17.0.2", StringComparison.Ordinal));
        Assert.Contains(summaries, s => s.Contains("ARP, Request who-has 172.17.0.2 tell 172.17.0.1", StringComparison.Ordinal));
        Assert.Contains(summaries, s => s.Contains("is-at", StringComparison.Ordinal));
        Assert.Contains(summaries, s => s.StartsWith("IP 172.17.0.2 > 172.17.0.1: ICMP echo request", StringComparison.Ordinal));
        Assert.Contains(summaries, s => s.StartsWith("IP 172.17.0.1 > 172.17.0.2: ICMP echo request", StringComparison.Ordinal));

        var (_, _, libpcap) = LibPcapOffline.Read(SamplePath);
        using var reader = CaptureReader.Open(SamplePath);
        Assert.Equal(LinkType.Ethernet, reader.LinkType);
        for (int i = 0; i < tcpdump.Packets.Count; i++)
        {
            Assert.True(reader.TryReadPacket(out var packet));
            Assert.Equal(tcpdump.Packets[i].Data, packet.Data.ToArray());
            Assert.Equal(tcpdump.Packets[i].TimestampNanoseconds, packet.TimestampNanoseconds);
            Assert.Equal(libpcap[i].WireLength, packet.WireLength);
        }
        Assert.False(reader.TryReadPacket(out _));
    }
}
