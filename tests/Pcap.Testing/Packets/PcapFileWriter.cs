using Pcap.Decode.Files;
using Pcap.Filter;

namespace Pcap.Testing.Packets;

/// <summary>Writes generated packets to a classic pcap file (microsecond timestamps) so that tcpdump can read them.</summary>
public static class PcapFileWriter
{
    private const long FirstTimestampNanoseconds = 1_700_000_000L * 1_000_000_000;

    /// <summary>Writes <paramref name="packets"/> to <paramref name="path"/>, one millisecond apart.</summary>
    public static void Write(string path, LinkType linkType, IEnumerable<GeneratedPacket> packets, int snapLength = 262144)
    {
        using var stream = File.Create(path);
        using var writer = new PcapWriter(stream, linkType, (uint)snapLength);
        long index = 0;
        foreach (var packet in packets)
            writer.WritePacket(FirstTimestampNanoseconds + index++ * 1_000_000, packet.Data,
                Math.Max(packet.WireLength, (uint)packet.Data.Length));
    }
}
