using Pcap.Testing;
using Pcap.Decode.Files;

namespace Pcap.Decode.Tests.Files;

/// <summary>Files our writers produce are read by tcpdump and libpcap with no complaint and give back the same packets.</summary>
public sealed class WrittenFilesOracleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-files-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed record Written(long TimestampNanoseconds, byte[] Data, uint WireLength);

    public static TheoryData<uint, bool, bool> PcapVariants()
    {
        var data = new TheoryData<uint, bool, bool>();
        foreach (uint linkType in new uint[] { 1, 101, 113, 276 })
            foreach (bool nano in new[] { false, true })
                foreach (bool bigEndian in new[] { false, true })
                    data.Add(linkType, nano, bigEndian);
        return data;
    }

    [Theory]
    [MemberData(nameof(PcapVariants))]
    public void Pcap_we_write_is_read_by_tcpdump_and_libpcap_with_the_same_packets(uint linkType, bool nano, bool bigEndian)
    {
        var random = new Random((int)linkType * 4 + (nano ? 2 : 0) + (bigEndian ? 1 : 0));
        const uint snapLength = 1000;
        var written = new List<Written>();
        string path = Path.Combine(_directory, $"w-{linkType}-{nano}-{bigEndian}.pcap");
        using (var writer = new PcapWriter(File.Create(path), new LinkType(linkType), snapLength, nano, bigEndian))
        {
            long time = 1_700_000_000_000_000_000L + random.NextInt64(1_000_000_000_000L);
            for (int i = 0; i < 150; i++)
            {
                time += random.NextInt64(2_000_000_000L);
                var frame = PacketFactory.Frame(random, linkType, random.Next(20, 1600));
                writer.WritePacket(time, frame, (uint)frame.Length);
                written.Add(new Written(nano ? time : time / 1000 * 1000, frame[..Math.Min(frame.Length, (int)snapLength)], (uint)frame.Length));
            }
        }

        AssertOraclesSee(path, written, nano, expectedLinkType: (int)linkType, expectedSnapLength: (int)snapLength);
    }

    // libpcap 1.10 cannot follow a byte-order change between sections (it reads the next header in the old order),
    // so each file keeps one order; CaptureRoundTripTests covers mixed orders in our reader.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PcapNg_we_write_with_several_sections_interfaces_resolutions_and_unknown_blocks_is_read_by_the_oracles(bool bigEndian)
    {
        var random = new Random(bigEndian ? 2027 : 2026);
        var written = new List<Written>();
        string path = Path.Combine(_directory, "w.pcapng");
        long time = 1_700_000_000_000_000_000L;
        using (var writer = new PcapNgWriter(File.Create(path), bigEndian))
        {
            for (int section = 0; section < 3; section++)
            {
                if (section > 0)
                    writer.StartSection(bigEndian);
                // libpcap 1.10 insists that every interface shares the first one's link type and snapshot length.
                int micro = writer.AddInterface(LinkType.Ethernet, "eth0", 1200);
                int nano = writer.AddInterface(LinkType.Ethernet, "docker0", 1200, CaptureInterface.NanosecondResolution);
                int binary = writer.AddInterface(LinkType.Ethernet, "veth-binary", 1200, 0x80 | 20);
                writer.WriteBlock(0x00000BAD, [0x00, 0x00, 0x7F, 0x12, 1, 2, 3]); // custom block with a private enterprise number
                for (int i = 0; i < 60; i++)
                {
                    time += random.NextInt64(500_000_000L);
                    var frame = PacketFactory.Frame(random, 1, random.Next(20, 1600));
                    int which = random.Next(4);
                    if (which == 3 && i > 0)
                    {
                        writer.WriteBlock((uint)random.Next(0x100, 0x200), frame.AsSpan(0, random.Next(40)));
                        continue;
                    }
                    int id = which switch { 0 => micro, 1 => nano, _ => binary };
                    writer.WritePacket(id, time, frame, (uint)frame.Length);
                    long expected = id switch
                    {
                        0 => time / 1000 * 1000,
                        1 => time,
                        _ => (long)(((UInt128)(ulong)time << 20) / 1_000_000_000UL * 1_000_000_000UL >> 20),
                    };
                    written.Add(new Written(expected, frame[..Math.Min(frame.Length, 1200)], (uint)frame.Length));
                }
            }
        }

        AssertOraclesSee(path, written, nano: true, expectedLinkType: 1, expectedSnapLength: 1200);
    }

    [Fact]
    public void PcapNg_simple_packet_blocks_are_read_by_the_oracles()
    {
        var random = new Random(7);
        var written = new List<Written>();
        string path = Path.Combine(_directory, "spb.pcapng");
        using (var writer = new PcapNgWriter(File.Create(path), bigEndian: true))
        {
            writer.AddInterface(LinkType.Raw, "tun0", 512);
            for (int i = 0; i < 40; i++)
            {
                var frame = PacketFactory.Frame(random, 101, random.Next(20, 900));
                writer.WriteSimplePacket(frame, (uint)frame.Length);
                written.Add(new Written(0, frame[..Math.Min(frame.Length, 512)], (uint)frame.Length));
            }
        }
        AssertOraclesSee(path, written, nano: true, expectedLinkType: 101, expectedSnapLength: 512);
    }

    private static void AssertOraclesSee(string path, List<Written> written, bool nano, int expectedLinkType, int expectedSnapLength)
    {
        var tcpdump = TcpdumpDump.Read(path, nano);
        // tcpdump announces the file, and for LINUX_SLL2 warns that it names interfaces from this machine's index table.
        var complaints = tcpdump.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith("reading from file ", StringComparison.Ordinal)
                           && line != "Warning: interface names might be incorrect")
            .ToList();
        Assert.True(complaints.Count == 0, $"tcpdump complained: {tcpdump.StandardError}");
        Assert.Equal(written.Count, tcpdump.Packets.Count);
        var (linkType, snapLength, libpcap) = LibPcapOffline.Read(path);
        // pcap_datalink answers with the DLT_ value, which differs from the LINKTYPE_ number only for RAW on Linux.
        Assert.Equal(expectedLinkType == 101 ? 12 : expectedLinkType, linkType);
        Assert.Equal(written.Count, libpcap.Count);

        using var reader = CaptureReader.Open(path);
        Assert.Equal((uint)expectedLinkType, reader.LinkType.Value);
        for (int i = 0; i < written.Count; i++)
        {
            Assert.True(reader.TryReadPacket(out var ours), $"packet {i} missing from our reader");
            Assert.Equal(written[i].Data, tcpdump.Packets[i].Data);
            Assert.Equal(written[i].Data, libpcap[i].Data);
            Assert.Equal(written[i].Data, ours.Data.ToArray());
            Assert.Equal(written[i].WireLength, libpcap[i].WireLength);
            Assert.Equal(written[i].WireLength, ours.WireLength);
            Assert.Equal(written[i].TimestampNanoseconds, tcpdump.Packets[i].TimestampNanoseconds);
            Assert.Equal(written[i].TimestampNanoseconds, libpcap[i].TimestampNanoseconds);
            Assert.Equal(written[i].TimestampNanoseconds, ours.TimestampNanoseconds);
        }
        Assert.False(reader.TryReadPacket(out _));
        if (expectedSnapLength != 0)
            Assert.Equal(expectedSnapLength, snapLength);
    }
}
