using System.Buffers.Binary;
using Pcap.Filter;

namespace Pcap.Testing.Packets;

/// <summary>Writes generated packets to a classic pcap file (microsecond timestamps) so that tcpdump can read them.</summary>
public static class PcapFileWriter
{
    /// <summary>Writes <paramref name="packets"/> to <paramref name="path"/>, one second plus i microseconds apart.</summary>
    public static void Write(string path, LinkType linkType, IEnumerable<GeneratedPacket> packets, int snapLength = 262144)
    {
        using var stream = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)linkType);
        stream.Write(header);
        Span<byte> record = stackalloc byte[16];
        uint index = 0;
        foreach (var packet in packets)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(record, 1_700_000_000 + index / 1000);
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], index % 1000 * 1000);
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)packet.Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], Math.Max(packet.WireLength, (uint)packet.Data.Length));
            stream.Write(record);
            stream.Write(packet.Data);
            index++;
        }
    }
}
