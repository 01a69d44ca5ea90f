using Pcap.Decode.Files;
using Pcap.Decode.Text;
using Pcap.Decode.Tests.Golden;
using Pcap.Testing;

namespace Pcap.Decode.Tests.Protocols;

/// <summary>
/// Prints frames with tcpdump and with the formatter and lists those whose text differs. Unlike <see cref="TcpdumpOracle"/> it
/// splits tcpdump's output at each packet's own time stamp (every packet has a distinct one), so a printer whose lines do not
/// start with a tab (LLDP's, BGP's, SNMP's) cannot shift the packets after it against ours.
/// </summary>
internal static class TimestampSplitOracle
{
    public static IReadOnlyList<TcpdumpOracle.Difference> Compare(int linkType, IReadOnlyList<(byte[] Data, int WireLength)> frames, string[] flags)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pcapcore-everyday-{Guid.NewGuid():N}.pcap");
        try
        {
            var timestamps = new long[frames.Count];
            using (var stream = File.Create(path))
            using (var writer = new PcapWriter(stream, (LinkType)linkType, 262144))
            {
                for (var i = 0; i < frames.Count; i++)
                {
                    timestamps[i] = (1_700_000_000L + i) * 1_000_000_000L + (i % 1000) * 1000L;
                    writer.WritePacket(timestamps[i], frames[i].Data, (uint)frames[i].WireLength);
                }
            }
            var result = ExternalTool.Run("tcpdump", ["-r", path, .. flags]);
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"tcpdump failed ({result.ExitCode}): {result.StandardError}");
            var formatter = new TcpdumpFormatter(TcpdumpOracle.OptionsFor(flags));
            var ours = new string[frames.Count];
            for (var i = 0; i < frames.Count; i++)
                ours[i] = formatter.Format((LinkType)linkType, timestamps[i], frames[i].Data, frames[i].WireLength).ToString();
            var expected = Split(result.StandardOutput, ours);
            var differences = new List<TcpdumpOracle.Difference>();
            for (var i = 0; i < frames.Count; i++)
            {
                if (ours[i] != expected[i])
                    differences.Add(new TcpdumpOracle.Difference(i, expected[i], ours[i], frames[i].Data));
            }
            return differences;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>tcpdump's text per packet: a packet starts at the line that begins with its time stamp as we print it.</summary>
    private static string[] Split(string output, string[] ours)
    {
        var packets = new string[ours.Length];
        Array.Fill(packets, "<tcpdump printed nothing>");
        var starts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ours.Length; i++)
            starts.TryAdd(Stamp(ours[i]), i);
        var current = -1;
        var text = new System.Text.StringBuilder();
        foreach (var line in output.Split('\n'))
        {
            if (line.Length >= 16 && starts.TryGetValue(Stamp(line), out var start) && start > current)
            {
                if (current >= 0)
                    packets[current] = text.ToString();
                text.Clear();
                current = start;
                text.Append(line);
            }
            else if (current >= 0 && line.Length > 0)
            {
                text.Append('\n').Append(line);
            }
        }
        if (current >= 0)
            packets[current] = text.ToString();
        return packets;
    }

    private static string Stamp(string line) => line[..Math.Min(16, line.Length)];
}
