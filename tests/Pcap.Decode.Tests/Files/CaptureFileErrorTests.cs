using System.Buffers.Binary;
using Pcap.Decode.Files;

namespace Pcap.Decode.Tests.Files;

/// <summary>Corrupt, truncated and oversized files give a <see cref="CaptureFileException"/> naming the byte offset.</summary>
public class CaptureFileErrorTests
{
    private static byte[] PcapFile(uint snapLength, params (int Length, uint Wire)[] packets)
    {
        var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, LinkType.Ethernet, snapLength == 0 ? 65535 : snapLength, leaveOpen: true))
            foreach (var (length, wire) in packets)
                writer.WritePacket(1_700_000_000_000_000_000L, new byte[length], wire);
        var bytes = stream.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), snapLength);
        return bytes;
    }

    private static CaptureFileException ReadAll(byte[] file)
    {
        return Assert.Throws<CaptureFileException>(() =>
        {
            using var reader = CaptureReader.Open(new MemoryStream(file));
            while (reader.TryReadPacket(out _))
            {
            }
        });
    }

    [Fact]
    public void Truncated_packet_record_names_its_offset_and_both_lengths()
    {
        var file = PcapFile(65535, (60, 60), (60, 60));
        var error = ReadAll(file[..(24 + 76 + 16 + 12)]);
        Assert.Equal("truncated packet record at offset 100: header says 60 bytes, file has 12", error.Message);
        Assert.Equal(100, error.Offset);
    }

    [Fact]
    public void Truncated_record_header_names_its_offset()
    {
        var file = PcapFile(65535, (60, 60), (60, 60));
        var error = ReadAll(file[..(24 + 76 + 5)]);
        Assert.Equal("truncated packet record header at offset 100: needs 16 bytes, file has 5", error.Message);
    }

    [Fact]
    public void Captured_length_above_the_snapshot_length_is_an_error_without_allocating_it()
    {
        var file = PcapFile(100, (60, 60), (60, 60));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(24 + 76 + 8), 200_000_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = ReadAll(file);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
        Assert.Equal("bad packet record at offset 100: captured length 200000000 is larger than the file's snapshot length 100", error.Message);
    }

    [Fact]
    public void Captured_length_above_256_MiB_is_an_error_even_with_no_snapshot_length()
    {
        var file = PcapFile(0, (60, 60));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(24 + 8), 0x7000_0000);
        var error = ReadAll(file);
        Assert.Equal("bad packet record at offset 24: captured length 1879048192 is larger than the 268435456-byte limit", error.Message);
    }

    [Fact]
    public void A_huge_length_within_the_limits_in_a_short_file_is_truncation_not_a_huge_allocation()
    {
        var file = PcapFile(0, (60, 60));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(24 + 8), 250_000_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = ReadAll(file);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4_000_000);
        Assert.Equal("truncated packet record at offset 24: header says 250000000 bytes, file has 60", error.Message);
    }

    [Theory]
    [InlineData(new byte[0], "empty capture file at offset 0: no file header")]
    [InlineData(new byte[] { 0xD4, 0xC3 }, "truncated file header at offset 0: needs 4 bytes for the magic number, file has 2")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1 }, "unknown file format at offset 0: magic number 0x464c457f is neither pcap nor pcapng")]
    [InlineData(new byte[] { 0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0 }, "truncated pcap file header at offset 0: needs 24 bytes, file has 10")]
    public void Bad_file_headers_are_named(byte[] file, string message)
    {
        Assert.Equal(message, ReadAll(file).Message);
    }

    [Fact]
    public void Unsupported_pcap_version_is_named()
    {
        var file = PcapFile(100);
        file[4] = 3;
        Assert.Equal("unsupported pcap file version 3.4 at offset 4", ReadAll(file).Message);
    }

    private static byte[] PcapNgFile(uint snapLength = 0)
    {
        var stream = new MemoryStream();
        using (var writer = new PcapNgWriter(stream, leaveOpen: true))
        {
            writer.AddInterface(LinkType.Ethernet, "eth0", snapLength);
            writer.WritePacket(0, 1_700_000_000_000_000_000L, new byte[60], 60);
            writer.WritePacket(0, 1_700_000_000_000_000_000L, new byte[60], 60);
        }
        return stream.ToArray();
    }

    // Layout of PcapNgFile(): SHB 0..28, IDB 28..60 (16 fixed + "eth0" option 8 + end 4 + trailer 4), EPB 60..152, EPB 152..244.
    [Fact]
    public void PcapNg_block_lengths_are_checked_before_allocating()
    {
        var file = PcapNgFile();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(152 + 4), 0x4000_0000);
        Assert.Equal("bad pcapng block at offset 152: total length 1073741824 must be a multiple of 4 between 12 and 268500992", ReadAll(file).Message);
    }

    [Fact]
    public void PcapNg_mismatched_trailing_length_is_named()
    {
        var file = PcapNgFile();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(152 - 4), 88);
        Assert.Equal("bad pcapng block at offset 60: length 92 at the start but 88 at the end", ReadAll(file).Message);
    }

    [Fact]
    public void PcapNg_truncated_block_is_named()
    {
        var file = PcapNgFile();
        Assert.Equal("truncated pcapng block at offset 152: header says 92 bytes, file has 50", ReadAll(file[..(152 + 50)]).Message);
    }

    [Fact]
    public void PcapNg_captured_length_above_the_interface_snapshot_length_is_an_error()
    {
        var file = PcapNgFile(snapLength: 50);
        // The writer cut the packets to 50 bytes: EPB 60..140; make the first claim 60 captured bytes.
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(60 + 20), 60);
        Assert.Equal("bad enhanced packet block at offset 60: captured length 60 is larger than interface 0's snapshot length 50", ReadAll(file).Message);
    }

    [Fact]
    public void PcapNg_packet_for_an_undescribed_interface_is_named()
    {
        var file = PcapNgFile();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(152 + 8), 3);
        Assert.Equal("bad enhanced packet block at offset 152: interface 3 is not described (the section has 1)", ReadAll(file).Message);
    }

    [Fact]
    public void PcapNg_without_interfaces_is_named()
    {
        var file = PcapNgFile()[..28];
        Assert.Equal("pcapng file has no interface description block (end of file at offset 28)", ReadAll(file).Message);
    }

    [Fact]
    public void PcapNg_bad_byte_order_magic_is_named()
    {
        var file = PcapNgFile();
        file[8] = 0;
        Assert.Equal("bad pcapng section header at offset 0: byte-order magic 0x1a2b3c00 is not 0x1a2b3c4d in either byte order", ReadAll(file).Message);
    }
}
