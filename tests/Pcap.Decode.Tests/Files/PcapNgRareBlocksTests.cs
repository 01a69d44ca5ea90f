using Pcap.Testing;
using System.Buffers.Binary;
using Pcap.Decode.Files;

namespace Pcap.Decode.Tests.Files;

/// <summary>
/// pcapng features our writer does not produce, built block by block: the obsolete Packet Block and the
/// <c>if_tsoffset</c> option. tcpdump and libpcap read the same files and must agree with our reader.
/// </summary>
public sealed class PcapNgRareBlocksTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapcore-rare-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] Block(uint type, byte[] body)
    {
        int padded = (body.Length + 3) & ~3;
        var block = new byte[12 + padded];
        BinaryPrimitives.WriteUInt32LittleEndian(block, type);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(4), (uint)block.Length);
        body.CopyTo(block, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(block.Length - 4), (uint)block.Length);
        return block;
    }

    private static byte[] SectionHeader()
    {
        var body = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(body, 0x1A2B3C4D);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(4), 1);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(8), -1);
        return Block(0x0A0D0D0A, body);
    }

    private static byte[] InterfaceWithOffset(long offsetSeconds, byte resolution)
    {
        var body = new byte[8 + 12 + 8 + 4];
        BinaryPrimitives.WriteUInt16LittleEndian(body, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), 0);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(8), 14); // if_tsoffset
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(10), 8);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(12), offsetSeconds);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(20), 9); // if_tsresol
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(22), 1);
        body[24] = resolution;
        return Block(1, body); // the last 4 bytes stay zero: opt_endofopt
    }

    private static byte[] ObsoletePacket(ushort interfaceId, ulong units, byte[] data, uint wireLength)
    {
        var body = new byte[20 + data.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(body, interfaceId);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), 7); // drops count
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)(units >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)units);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(12), (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(16), wireLength);
        data.CopyTo(body, 20);
        return Block(2, body);
    }

    private static byte[] EnhancedPacket(uint interfaceId, ulong units, byte[] data)
    {
        var body = new byte[20 + data.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(body, interfaceId);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)(units >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)units);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(12), (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(16), (uint)data.Length);
        data.CopyTo(body, 20);
        return Block(6, body);
    }

    [Fact]
    public void Obsolete_packet_blocks_and_timestamp_offsets_read_as_libpcap_and_tcpdump_read_them()
    {
        var random = new Random(11);
        var file = new MemoryStream();
        file.Write(SectionHeader());
        file.Write(InterfaceWithOffset(1_600_000_000, 6));
        file.Write(InterfaceWithOffset(1_700_000_000, 9));
        for (int i = 0; i < 30; i++)
        {
            var frame = PacketFactory.Frame(random, 1, random.Next(20, 400));
            ulong units = (ulong)random.NextInt64(100_000_000_000_000L); // stays before 2038: tcpdump prints no later time
            file.Write(i % 2 == 0
                ? ObsoletePacket((ushort)(i % 4 / 2), units, frame, (uint)frame.Length + 10)
                : EnhancedPacket((uint)(i % 4 / 2), units, frame));
        }
        string path = Path.Combine(_directory, "rare.pcapng");
        File.WriteAllBytes(path, file.ToArray());

        var tcpdump = TcpdumpDump.Read(path, nanoseconds: true);
        var (_, _, libpcap) = LibPcapOffline.Read(path);
        Assert.Equal(30, tcpdump.Packets.Count);
        using var reader = CaptureReader.Open(path);
        for (int i = 0; i < 30; i++)
        {
            Assert.True(reader.TryReadPacket(out var ours));
            Assert.Equal(libpcap[i].Data, ours.Data.ToArray());
            Assert.Equal(tcpdump.Packets[i].Data, ours.Data.ToArray());
            Assert.Equal(libpcap[i].WireLength, ours.WireLength);
            Assert.Equal(libpcap[i].TimestampNanoseconds, ours.TimestampNanoseconds);
            Assert.Equal(tcpdump.Packets[i].TimestampNanoseconds, ours.TimestampNanoseconds);
            Assert.Equal(i % 4 / 2, ours.InterfaceId);
        }
        Assert.False(reader.TryReadPacket(out _));
    }
}
