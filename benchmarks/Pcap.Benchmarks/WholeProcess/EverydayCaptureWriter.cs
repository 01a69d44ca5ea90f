using Pcap.Decode.Files;
using Pcap.Testing.Packets;

namespace Pcap.Benchmarks.WholeProcess;

/// <summary>
/// Writes issue 12's mixed corpus (every everyday protocol, valid and damaged, on Ethernet) as a pcap for the
/// whole-process race <c>pcapcore -r -n</c> against <c>tcpdump -r -n</c>.
/// </summary>
internal static class EverydayCaptureWriter
{
    /// <summary>Writes <paramref name="perProtocol"/> frames of each protocol from <paramref name="seed"/>, one microsecond apart.</summary>
    public static void Write(string path, int perProtocol, int seed)
    {
        var (frames, _, _) = EverydayProtocolCorpus.Build(1, perProtocol, seed);
        using var stream = new BufferedStream(File.Create(path), 1 << 20);
        using var writer = new PcapWriter(stream, LinkType.Ethernet);
        long time = 1_700_000_000_000_000_000L;
        foreach (var (data, wireLength) in frames)
        {
            time += 1_000L;
            writer.WritePacket(time, data, (uint)wireLength);
        }
    }
}
