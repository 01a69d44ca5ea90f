using Pcap.Decode.Files;
using Pcap.Decode.Tests.Golden;

namespace Pcap.Parquet.Tests.Support;

/// <summary>Small seeded captures for the rotation and failure tests.</summary>
internal static class GeneratedPcap
{
    /// <summary>Writes <paramref name="count"/> Ethernet frames of the decoder's mix, <paramref name="spacing"/> apart from <paramref name="start"/>.</summary>
    public static string Write(string path, int count, DateTimeOffset start, TimeSpan spacing, int seed = 17)
    {
        var mixed = new MixedPacketFactory(1, seed, extended: true);
        using var stream = File.Create(path);
        using var writer = new PcapWriter(stream, LinkType.Ethernet);
        long first = (start - DateTimeOffset.UnixEpoch).Ticks * 100;
        for (int i = 0; i < count; i++)
        {
            var (data, wire) = mixed.Next();
            writer.WritePacket(first + i * spacing.Ticks * 100, data, (uint)Math.Max(wire, data.Length));
        }
        return path;
    }

    /// <summary>The <c>*.parquet</c> files under <paramref name="directory"/> (unfinished ones are hidden and named <c>.inprogress</c>).</summary>
    public static string[] ParquetFiles(string directory) => !Directory.Exists(directory) ? [] :
        Directory.GetFiles(directory, "*.parquet", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
}
