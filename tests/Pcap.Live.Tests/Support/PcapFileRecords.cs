using System.Buffers.Binary;

namespace Pcap.Live.Tests.Support;

/// <summary>Reads the records of a classic pcap file that tcpdump wrote, enough to compare frames byte for byte.</summary>
internal static class PcapFileRecords
{
    /// <summary>One record: the link type of the file, the captured bytes and the wire length.</summary>
    public sealed record Record(int LinkType, byte[] Data, int WireLength);

    /// <summary>All records of <paramref name="path"/> (little- or big-endian, micro- or nanosecond magic).</summary>
    public static List<Record> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 24)
            throw new InvalidDataException($"{path} is {bytes.Length} bytes, shorter than a pcap file header");
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        bool little = magic is 0xa1b2c3d4 or 0xa1b23c4d;
        bool big = magic is 0xd4c3b2a1 or 0x4d3cb2a1;
        if (!little && !big)
            throw new InvalidDataException($"{path} does not start with a pcap magic number (0x{magic:x8})");
        uint U32(int offset) => little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset)) : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset));
        int linkType = (int)(U32(20) & 0x0fffffff);
        var records = new List<Record>();
        int position = 24;
        while (position + 16 <= bytes.Length)
        {
            int captured = (int)U32(position + 8);
            int wire = (int)U32(position + 12);
            if (position + 16 + captured > bytes.Length)
                break; // a record tcpdump was still writing when stopped
            records.Add(new Record(linkType, bytes.AsSpan(position + 16, captured).ToArray(), wire));
            position += 16 + captured;
        }
        return records;
    }
}
