using Pcap.Decode.Files;
using Pcap.Testing.Allocation;

namespace Pcap.Decode.Tests.Files;

/// <summary>What our writers write, our reader reads back unchanged, in every format variant.</summary>
public class CaptureRoundTripTests
{
    private static byte[] Frame(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Pcap_round_trips_packets_in_both_byte_orders_and_resolutions(bool nano, bool bigEndian)
    {
        var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, linkType: LinkType.LinuxSll2, snapLength: 1500, nano, bigEndian, leaveOpen: true))
        {
            for (int i = 0; i < 50; i++)
                writer.WritePacket(1_700_000_000_123_456_789L + i * 1_000_001L, Frame(i * 31 % 1600, i), (uint)(i * 31 % 1600 + 4));
        }

        stream.Position = 0;
        using var reader = CaptureReader.Open(stream);
        Assert.Equal(CaptureFileFormat.Pcap, reader.Format);
        Assert.Equal(LinkType.LinuxSll2, reader.LinkType);
        Assert.Equal(1500u, reader.SnapLength);
        for (int i = 0; i < 50; i++)
        {
            Assert.True(reader.TryReadPacket(out var packet));
            var expected = Frame(i * 31 % 1600, i);
            Assert.Equal(expected.AsSpan(0, Math.Min(expected.Length, 1500)).ToArray(), packet.Data.ToArray());
            Assert.Equal((uint)(expected.Length + 4), packet.WireLength);
            long ts = 1_700_000_000_123_456_789L + i * 1_000_001L;
            Assert.Equal(nano ? ts : ts / 1000 * 1000, packet.TimestampNanoseconds);
            Assert.Equal(LinkType.LinuxSll2, packet.LinkType);
        }
        Assert.False(reader.TryReadPacket(out _));
    }

    [Theory]
    [InlineData(false, false, 1 << 16)]
    [InlineData(true, true, 1 << 16)]
    [InlineData(false, false, 100)] // smaller than most records: those go straight through, in order
    [InlineData(false, true, 1)]
    public void A_buffered_pcap_writer_writes_the_bytes_an_unbuffered_one_writes(bool nano, bool bigEndian, int bufferSize)
    {
        byte[] Write(int size)
        {
            var stream = new MemoryStream();
            using (var writer = new PcapWriter(stream, LinkType.Ethernet, snapLength: 1500, nano, bigEndian, leaveOpen: true, bufferSize: size))
            {
                for (int i = 0; i < 200; i++)
                    writer.WritePacket(1_700_000_000L + i, i * 7_777_777L % 1_000_000_000L, Frame(i * 37 % 1700, i), (uint)(i * 37 % 1700 + 9));
            }
            return stream.ToArray();
        }

        Assert.Equal(Write(0), Write(bufferSize));
    }

    [Fact]
    public void A_buffered_pcap_writer_hands_records_to_the_stream_when_full_on_flush_and_on_dispose()
    {
        var stream = new MemoryStream();
        var writer = new PcapWriter(stream, LinkType.Ethernet, leaveOpen: true, bufferSize: 200);
        Assert.Equal(0, stream.Length); // the file header waits in the buffer too, as stdio keeps it for tcpdump
        Assert.Equal(24, writer.BufferedLength);
        writer.WritePacket(1L, 0L, Frame(60, 1), 60);
        Assert.Equal(0, stream.Length);
        Assert.Equal(24 + 16 + 60, writer.BufferedLength);
        writer.WritePacket(2L, 0L, Frame(100, 2), 100); // does not fit: the first 100 bytes go, this record waits
        Assert.Equal(100, stream.Length);
        Assert.Equal(116, writer.BufferedLength);
        writer.Flush();
        Assert.Equal(216, stream.Length);
        Assert.Equal(0, writer.BufferedLength);
        writer.WritePacket(3L, 0L, Frame(10, 3), 10);
        writer.Dispose();
        Assert.Equal(242, stream.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PcapWriter(new MemoryStream(), LinkType.Ethernet, bufferSize: -1));
    }

    [Fact]
    public void PcapNg_round_trips_sections_of_both_byte_orders_interfaces_simple_packets_and_unknown_blocks()
    {
        var stream = new MemoryStream();
        using (var writer = new PcapNgWriter(stream, leaveOpen: true))
        {
            int eth = writer.AddInterface(LinkType.Ethernet, "eth0", 0, CaptureInterface.NanosecondResolution);
            int any = writer.AddInterface(LinkType.LinuxSll2, "any", 96, 0x80 | 20);
            writer.WritePacket(eth, 1_700_000_000_000_000_001L, Frame(60, 1), 60);
            writer.WriteBlock(0x00000BAD, Frame(13, 2));
            writer.WritePacket(any, 1_700_000_000_500_000_000L, Frame(200, 3), 200);
            writer.WriteSimplePacket(Frame(42, 4), 42);
            writer.StartSection(bigEndian: true);
            int raw = writer.AddInterface(LinkType.Raw, "tun0");
            writer.WriteBlock(0x12345678, Frame(7, 5));
            writer.WritePacket(raw, 1_700_000_001_000_002_000L, Frame(84, 6), 84);
        }

        stream.Position = 0;
        using var reader = (PcapNgReader)CaptureReader.Open(stream);
        Assert.Equal(LinkType.Ethernet, reader.LinkType);
        Assert.Equal("eth0", reader.Interfaces[0].Name);

        Assert.True(reader.TryReadPacket(out var p));
        Assert.Equal(Frame(60, 1), p.Data.ToArray());
        Assert.Equal(1_700_000_000_000_000_001L, p.TimestampNanoseconds);
        Assert.True(reader.TryReadPacket(out p));
        Assert.Equal(1, p.InterfaceId);
        Assert.Equal(LinkType.LinuxSll2, p.LinkType);
        Assert.Equal(Frame(200, 3).AsSpan(0, 96).ToArray(), p.Data.ToArray());
        Assert.Equal(200u, p.WireLength);
        Assert.Equal(1_700_000_000_500_000_000L, p.TimestampNanoseconds);
        Assert.True(reader.TryReadPacket(out p));
        Assert.Equal(Frame(42, 4), p.Data.ToArray());
        Assert.True(reader.TryReadPacket(out p));
        Assert.True(reader.IsBigEndian);
        Assert.Equal(2, reader.SectionCount);
        Assert.Equal(LinkType.Raw, p.LinkType);
        Assert.Equal("tun0", reader.Interfaces[0].Name);
        Assert.Equal(Frame(84, 6), p.Data.ToArray());
        Assert.Equal(1_700_000_001_000_002_000L, p.TimestampNanoseconds);
        Assert.False(reader.TryReadPacket(out _));
    }

    // The first packet is the largest, so the steady state does not depend on what ArrayPool.Shared holds when the
    // reader's buffer grows (other tests running at the same time made that flaky).
    private static int SizeOf(int index) => index == 0 ? 64 + 1399 : 64 + index % 1400;

    [Fact]
    public void Steady_state_reading_allocates_nothing_per_packet()
    {
        foreach (bool pcapNg in new[] { false, true })
        {
            var stream = new MemoryStream();
            if (pcapNg)
            {
                using var writer = new PcapNgWriter(stream, leaveOpen: true);
                writer.AddInterface(LinkType.Ethernet, "eth0");
                for (int i = 0; i < 2000; i++)
                    writer.WritePacket(0, 1_700_000_000_000_000_000L + i, Frame(SizeOf(i), i % 7), (uint)SizeOf(i));
            }
            else
            {
                using var writer = new PcapWriter(stream, LinkType.Ethernet, leaveOpen: true);
                for (int i = 0; i < 2000; i++)
                    writer.WritePacket(1_700_000_000_000_000_000L + i, Frame(SizeOf(i), i % 7), (uint)SizeOf(i));
            }
            stream.Position = 0;
            using var reader = CaptureReader.Open(stream);
            Assert.True(reader.TryReadPacket(out _)); // warm up on the largest packet: buffers rented at full size, methods jitted
            long total = 0;
            int read = 0;
            long allocated = QuietestPass.Bytes(3, () =>
            {
                for (int i = 0; i < 666 && reader.TryReadPacket(out var packet); i++, read++)
                    total += packet.Data.Length;
            });
            Assert.Equal(1998, read);
            Assert.True(total > 0);
            Assert.True(allocated == 0, $"{(pcapNg ? "pcapng" : "pcap")}: reading 666 packets allocated {allocated} bytes in the quietest pass");
        }
    }
}
